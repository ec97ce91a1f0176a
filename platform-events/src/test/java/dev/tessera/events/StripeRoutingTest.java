package dev.tessera.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StripeRoutingTest {

    private static JsonNode event(String type, String object) {
        return EventJson.tree("{\"id\":\"evt_1\",\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}");
    }

    @Test
    void checkoutSessionsAreKeyedBySession() {
        assertThat(StripeRouting.route(event("checkout.session.completed", "{\"id\":\"cs_1\",\"object\":\"checkout.session\",\"subscription\":\"sub_9\"}")))
                .isEqualTo(new StripeRoute(Topics.STRIPE_CHECKOUT, "cs_1"));
    }

    @Test
    void subscriptionEventsAreKeyedBySubscription() {
        assertThat(StripeRouting.route(event("customer.subscription.updated", "{\"id\":\"sub_1\",\"object\":\"subscription\",\"customer\":\"cus_1\"}")))
                .isEqualTo(new StripeRoute(Topics.STRIPE_BILLING, "sub_1"));
    }

    @Test
    void invoicesAreKeyedByTheirSubscriptionUnderParent() {
        String invoice = "{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":\"cus_1\","
                + "\"parent\":{\"type\":\"subscription_details\",\"subscription_details\":{\"subscription\":\"sub_7\"}}}";
        assertThat(StripeRouting.route(event("invoice.paid", invoice))).isEqualTo(new StripeRoute(Topics.STRIPE_BILLING, "sub_7"));
    }

    @Test
    void oneOffInvoicesFallBackToTheCustomer() {
        assertThat(StripeRouting.route(event("invoice.finalized", "{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":\"cus_3\",\"parent\":null}")))
                .isEqualTo(new StripeRoute(Topics.STRIPE_BILLING, "cus_3"));
        assertThat(StripeRouting.route(event("customer.updated", "{\"id\":\"cus_4\",\"object\":\"customer\"}")))
                .isEqualTo(new StripeRoute(Topics.STRIPE_BILLING, "cus_4"));
    }

    @Test
    void expandedReferencesAreReadById() {
        assertThat(StripeRouting.route(event("charge.succeeded", "{\"id\":\"ch_1\",\"object\":\"charge\",\"payment_intent\":{\"id\":\"pi_5\",\"object\":\"payment_intent\"}}")))
                .isEqualTo(new StripeRoute(Topics.STRIPE_PAYMENTS, "pi_5"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "payment_intent.succeeded|{\"id\":\"pi_1\",\"object\":\"payment_intent\"}|stripe.payments|pi_1",
            "charge.succeeded|{\"id\":\"ch_1\",\"object\":\"charge\",\"payment_intent\":\"pi_2\"}|stripe.payments|pi_2",
            "charge.succeeded|{\"id\":\"ch_1\",\"object\":\"charge\",\"payment_intent\":null}|stripe.payments|ch_1",
            "refund.created|{\"id\":\"re_1\",\"object\":\"refund\",\"charge\":\"ch_3\",\"payment_intent\":\"pi_3\"}|stripe.payments|pi_3",
            "refund.updated|{\"id\":\"re_1\",\"object\":\"refund\",\"charge\":\"ch_3\"}|stripe.payments|ch_3",
            "charge.dispute.created|{\"id\":\"dp_1\",\"object\":\"dispute\",\"charge\":\"ch_1\",\"payment_intent\":\"pi_1\"}|stripe.disputes|dp_1",
            "charge.dispute.closed|{\"id\":\"dp_1\",\"object\":\"dispute\"}|stripe.disputes|dp_1",
            "subscription_schedule.created|{\"id\":\"sub_sched_1\",\"object\":\"subscription_schedule\",\"subscription\":\"sub_8\",\"customer\":\"cus_8\"}|stripe.billing|sub_8",
            "payout.paid|{\"id\":\"po_1\",\"object\":\"payout\"}|stripe.connect|po_1",
            "balance.available|{\"object\":\"balance\"}|stripe.connect|evt_1",
            "product.created|{\"id\":\"prod_1\",\"object\":\"product\"}|stripe.other|prod_1",
            "invoice_payment.paid|{\"id\":\"inpay_1\",\"object\":\"invoice_payment\"}|stripe.other|inpay_1"
    })
    void routesEveryRowOfTheTable(String type, String object, String topic, String key) {
        assertThat(StripeRouting.route(event(type, object))).isEqualTo(new StripeRoute(topic, key));
        assertThat(StripeRouting.topicFor(type)).isEqualTo(topic);
    }

    @Test
    void connectEventsAreKeyedByTheConnectedAccount() {
        JsonNode event = EventJson.tree("{\"id\":\"evt_2\",\"type\":\"payout.failed\",\"account\":\"acct_9\","
                + "\"data\":{\"object\":{\"id\":\"po_2\",\"object\":\"payout\"}}}");
        assertThat(StripeRouting.route(event)).isEqualTo(new StripeRoute(Topics.STRIPE_CONNECT, "acct_9"));
    }

    @Test
    void anEventWithoutDataStillRoutesByItsOwnId() {
        assertThat(StripeRouting.route(EventJson.tree("{\"id\":\"evt_3\",\"type\":\"ping\"}")))
                .isEqualTo(new StripeRoute(Topics.STRIPE_OTHER, "evt_3"));
    }
}
