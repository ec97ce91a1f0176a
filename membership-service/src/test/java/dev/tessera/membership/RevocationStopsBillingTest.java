package dev.tessera.membership;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tessera.membership.StripeData.charge;
import static dev.tessera.membership.StripeData.dispute;
import static dev.tessera.membership.StripeData.event;
import static dev.tessera.membership.StripeData.subscription;
import static dev.tessera.membership.StripeData.tier;
import static dev.tessera.membership.StripeData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeMetadata;
import dev.tessera.events.Topics;
import dev.tessera.events.risk.RefundIssued;
import dev.tessera.events.risk.RiskEventTypes;
import dev.tessera.membership.domain.SubscriptionCancellations;
import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A revoked membership (full refund, lost dispute) stops billing: its subscription is cancelled at Stripe once. */
@QuarkusTest
class RevocationStopsBillingTest {

    @Inject
    DataSource dataSource;

    @Inject
    SubscriptionCancellations cancellations;

    static WireMockServer stripe() {
        return StripeApiTestResource.server();
    }

    /** Stripe's Invoice Payments API: the payment intent paid an invoice of {@code sub}. */
    static void stubInvoicePayment(String pi, String sub, Map<String, String> meta) {
        ObjectNode invoice = StripeData.invoice(unique("in"), sub, meta, "subscription_create", Instant.now());
        ObjectNode payment = EventJson.mapper().createObjectNode().put("id", unique("inpay")).put("object", "invoice_payment");
        payment.set("invoice", invoice);
        payment.putObject("payment").put("type", "payment_intent").put("payment_intent", pi);
        ObjectNode list = EventJson.mapper().createObjectNode().put("object", "list").put("has_more", false);
        list.putArray("data").add(payment);
        stripe().stubFor(get(urlPathEqualTo("/v1/invoice_payments")).withQueryParam("payment[payment_intent]", equalTo(pi))
                .willReturn(okJson(EventJson.write(list))));
    }

    static void stubCancel(String sub, Map<String, String> meta) {
        stripe().stubFor(WireMock.delete(urlPathEqualTo("/v1/subscriptions/" + sub)).willReturn(okJson(EventJson.write(
                subscription(sub, "canceled", meta, false, Instant.now(), "cancellation_requested")))));
    }

    /** Waits until the queued cancellation of {@code sub} is settled, then gives the scheduler time to misbehave. */
    void settle(String sub) throws InterruptedException {
        Db.awaitValue(() -> Db.text(dataSource, "select status from subscription_cancellation where subscription_id = ?", sub),
                status -> "done".equals(status));
        cancellations.sendPending();
        Thread.sleep(1500);
    }

    @Test
    void aFullRefundCancelsTheSubscriptionAtStripeExactlyOnce() throws InterruptedException {
        String user = unique("usr");
        String sub = unique("sub");
        String pi = unique("pi");
        String ch = unique("ch");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> meta = tier(unique("sel"), unique("grp"), "off_gold", user, unique("chk"));
        stubInvoicePayment(pi, sub, meta);
        stubCancel(sub, meta);
        Flows.activeSubscription(sub, meta, now.minusSeconds(120));
        String id = Db.membershipOf(dataSource, sub);
        Db.awaitStatus(dataSource, sub, "active");

        // Stripe's refund event (twice) and risk-service's: one revocation, one cancellation
        String refunded = event("charge.refunded", charge(ch, pi, 2900, 2900), now.minusSeconds(60));
        TopicWriter.sendStripeEvent(refunded);
        TopicWriter.sendStripeEvent(refunded);
        TopicWriter.sendDomainEvent(Topics.RISK_EVENTS, DomainEvent.of(RiskEventTypes.REFUND_ISSUED, 1, "risk-service", unique("re"), null,
                new RefundIssued(unique("re"), ch, pi, 2900, "eur", true, null)));
        Db.awaitStatus(dataSource, sub, "revoked");
        settle(sub);

        // Stripe confirms: the revocation stands, nothing is sent again
        TopicWriter.sendStripeEvent(event("customer.subscription.deleted",
                subscription(sub, "canceled", meta, false, now, "cancellation_requested"), now));
        Db.awaitValue(() -> Db.count(dataSource, "select count(*) from membership_fact where membership_id = ? "
                + "and event_id like 'evt_%'", id), n -> n == 3);
        cancellations.sendPending();
        Thread.sleep(1000);

        assertThat(Db.status(dataSource, sub)).isEqualTo("revoked");
        stripe().verify(1, deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + sub)));
        stripe().verify(1, deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + sub))
                .withHeader("Idempotency-Key", equalTo("tessera-membership:" + id + ":revoke"))
                .withQueryParam("prorate", equalTo("false")).withQueryParam("invoice_now", equalTo("false")));
        assertThat(Db.rows(dataSource, "select cause, membership_id, attempts from subscription_cancellation "
                + "where subscription_id = ?", sub)).containsExactly(List.of("revoked", id, "1"));
        assertThat(Flows.awaitEvents(e -> e.type().equals("membership.revoked") && id.equals(e.subject()), 1)).hasSize(1);
    }

    @Test
    void aLostDisputeOnASubscriptionATierSwitchAlreadyCancelledSendsNothingMore() throws InterruptedException {
        String seller = unique("sel");
        String group = unique("grp");
        String user = unique("usr");
        String oldSub = unique("sub_silver");
        String newSub = unique("sub_gold");
        String pi = unique("pi");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> silver = tier(seller, group, "off_silver", user, unique("chk"));
        Map<String, String> gold = new LinkedHashMap<>(tier(seller, group, "off_gold", user, unique("chk")));
        gold.put(StripeMetadata.REPLACES_SUBSCRIPTION, oldSub);
        stubCancel(oldSub, silver);
        stubInvoicePayment(pi, oldSub, silver);

        Flows.activeSubscription(oldSub, silver, now.minus(Duration.ofDays(10)));
        Db.awaitStatus(dataSource, oldSub, "active");
        Flows.activeSubscription(newSub, gold, now.minusSeconds(30));
        Db.awaitStatus(dataSource, oldSub, "cancelled");
        settle(oldSub);

        String lost = event("charge.dispute.closed", dispute(unique("dp"), unique("ch"), pi, "lost"), now);
        TopicWriter.send(Topics.STRIPE_DISPUTES, unique("dp"), lost, TopicWriter.stripeEventHeaders(EventJson.tree(lost)));
        Db.awaitStatus(dataSource, oldSub, "revoked");
        cancellations.sendPending();
        Thread.sleep(1500);

        stripe().verify(1, deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + oldSub)));
        assertThat(Db.rows(dataSource, "select cause, status from subscription_cancellation where subscription_id = ?",
                oldSub)).containsExactly(List.of("tier_switch", "done"));
        assertThat(Db.status(dataSource, newSub)).isEqualTo("active");
        stripe().verify(0, deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + newSub)));
    }

    @Test
    void aSubscriptionStripeHasAlreadyCancelledCountsAsCancelled() throws InterruptedException {
        String sub = unique("sub");
        String pi = unique("pi");
        Map<String, String> meta = tier(unique("sel"), unique("grp"), "off_gold", unique("usr"), unique("chk"));
        stubInvoicePayment(pi, sub, meta);
        stripe().stubFor(WireMock.delete(urlPathEqualTo("/v1/subscriptions/" + sub)).willReturn(WireMock.aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"error\":{\"type\":"
                        + "\"invalid_request_error\",\"message\":\"This subscription has already been canceled.\"}}")));
        stripe().stubFor(WireMock.get(urlPathEqualTo("/v1/subscriptions/" + sub)).willReturn(okJson(EventJson.write(
                subscription(sub, "canceled", meta, false, Instant.now(), "cancellation_requested")))));
        Flows.activeSubscription(sub, meta, Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60));
        Db.awaitStatus(dataSource, sub, "active");

        String lost = event("charge.dispute.closed", dispute(unique("dp"), unique("ch"), pi, "lost"), Instant.now());
        TopicWriter.send(Topics.STRIPE_DISPUTES, unique("dp"), lost, TopicWriter.stripeEventHeaders(EventJson.tree(lost)));
        Db.awaitStatus(dataSource, sub, "revoked");
        settle(sub);
        stripe().verify(1, deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + sub)));
    }
}
