package dev.tessera.notification;

import static dev.tessera.notification.NotificationTestSupport.asMember;
import static dev.tessera.notification.NotificationTestSupport.awaitOneMessageTo;
import static dev.tessera.notification.NotificationTestSupport.awaitStatuses;
import static dev.tessera.notification.NotificationTestSupport.html;
import static dev.tessera.notification.NotificationTestSupport.messagesTo;
import static dev.tessera.notification.NotificationTestSupport.produceStripe;
import static dev.tessera.notification.NotificationTestSupport.rows;
import static dev.tessera.notification.NotificationTestSupport.sellerContact;
import static dev.tessera.notification.NotificationTestSupport.subject;
import static dev.tessera.notification.NotificationTestSupport.text;
import static dev.tessera.notification.NotificationTestSupport.unique;
import static dev.tessera.notification.NotificationTestSupport.uniqueEmail;
import static dev.tessera.testing.TopicWriter.sendDomainEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.events.catalog.CatalogEventTypes;
import dev.tessera.events.catalog.OfferingChanged;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Receipts for every successful charge, one-time and renewal, over real SMTP. */
@QuarkusTest
class ReceiptTest {

    @Inject
    DataSource dataSource;

    @Test
    void aPaidRenewalInvoiceSendsAReceiptWithWhatWasBoughtFromWhomForHowMuchWhenAndTheInvoiceLinks() {
        String sellerId = unique("sel");
        String offeringId = unique("off");
        String email = uniqueEmail("renewer");
        String invoiceId = unique("in");
        sellerContact(sellerId, uniqueEmail("seller"), "Berlin Runners", null);
        offeringNamed(offeringId, sellerId, "Gold membership");

        produceStripe("invoice.paid",
                StripeObjects.paidInvoice(invoiceId, unique("sub"), email, 2900, "eur", sellerId, offeringId, "usr_r1"));

        MimeMessage message = awaitOneMessageTo(email);
        assertThat(subject(message)).isEqualTo("Your renewal receipt from Berlin Runners");
        assertThat(text(message))
                .contains("Thank you for your payment to Berlin Runners.")
                .contains("Item:      Gold membership")
                .contains("Amount:    €29.00")
                .contains("Date:      November 21, 2026")
                .contains("Paid until: December 21, 2026")
                .contains("Invoice: https://invoice.stripe.com/i/acct_test/" + invoiceId)
                .contains("Invoice (PDF): https://pay.stripe.com/invoice/acct_test/" + invoiceId + "/pdf")
                .doesNotContain("Subject:");
        assertThat(html(message))
                .contains("<strong>€29.00</strong>")
                .contains("href=\"https://invoice.stripe.com/i/acct_test/" + invoiceId + "\"");

        Map<String, Object> delivery = awaitStatuses(dataSource, email, 1, "SENT").get(0);
        assertThat(delivery).containsEntry("template", "receipt").containsEntry("source_key", "invoice:" + invoiceId)
                .containsEntry("recipient_user_id", "usr_r1").containsEntry("seller_id", sellerId)
                .containsEntry("audience", "BUYER").containsEntry("transactional", true).containsEntry("attempts", 1);
    }

    @Test
    void aOneTimeChargeInAZeroDecimalCurrencyIsWrittenWithoutDecimalsInTheBuyersLanguage() {
        String userId = unique("usr");
        String email = uniqueEmail("yen");
        asMember(userId, email).body(Map.of("optOutNonTransactional", false, "locale", "de")).when()
                .put("/me/preferences").then().statusCode(200);
        String chargeId = unique("ch");

        produceStripe("charge.succeeded",
                StripeObjects.charge(chargeId, unique("pi"), email, 1200, "jpy", unique("sel"), unique("off"), userId));

        MimeMessage message = awaitOneMessageTo(email);
        assertThat(subject(message)).isEqualTo("Ihre Quittung");
        assertThat(text(message))
                .contains("Artikel:  Ticket: Autumn meetup")
                .contains("Betrag:   1.200\u00a0¥")
                .contains("Datum:    20. November 2026")
                .contains("Quittung: https://pay.stripe.com/receipts/payment/" + chargeId);
        assertThat(awaitStatuses(dataSource, email, 1, "SENT").get(0)).containsEntry("locale", "de");
    }

    @Test
    void checkoutSessionAndItsChargeMakeOneReceiptCarryingStripesReceiptLink() {
        String email = uniqueEmail("oneoff");
        String paymentIntentId = unique("pi");
        String chargeId = unique("ch");
        String sellerId = unique("sel");
        String offeringId = unique("off");

        produceStripe("checkout.session.completed",
                StripeObjects.paidSession(unique("cs"), paymentIntentId, email, 1500, "usd", sellerId, offeringId));
        await().until(() -> !NotificationTestSupport.deliveriesTo(dataSource, email).isEmpty());
        produceStripe("charge.succeeded",
                StripeObjects.charge(chargeId, paymentIntentId, email, 1500, "usd", sellerId, offeringId, null));

        MimeMessage message = awaitOneMessageTo(email);
        assertThat(text(message)).contains("Amount:    $15.00")
                .contains("Receipt: https://pay.stripe.com/receipts/payment/" + chargeId);
        List<Map<String, Object>> deliveries = awaitStatuses(dataSource, email, 1, "SENT");
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0)).containsEntry("source_key", "payment:" + paymentIntentId);
        assertThat(messagesTo(email)).hasSize(1);
    }

    @Test
    void aSessionWhoseChargeNeverComesIsStillReceiptedAfterTheGrace() {
        String email = uniqueEmail("nolink");

        produceStripe("checkout.session.completed",
                StripeObjects.paidSession(unique("cs"), unique("pi"), email, 500, "eur", unique("sel"), unique("off")));

        MimeMessage message = awaitOneMessageTo(email);
        assertThat(text(message)).contains("Amount:    €5.00").doesNotContain("Receipt:");
    }

    @Test
    void theChargeOfASubscriptionInvoiceSendsNoReceiptOfItsOwn() {
        String email = uniqueEmail("subcharge");
        String invoiceEmail = uniqueEmail("subcharge-sentinel");
        String paymentIntentId = unique("pi");
        // no Tessera checkout metadata: the payment intent was created by the invoice
        produceStripe("charge.succeeded", StripeObjects.charge(unique("ch"), paymentIntentId, email, 2900, "eur",
                null, null, null));
        // a later record on the same partition (same payment intent key) proves the first one was handled
        produceStripe("charge.succeeded", StripeObjects.charge(unique("ch"), paymentIntentId, invoiceEmail, 100,
                "eur", unique("sel"), unique("off"), null));
        awaitOneMessageTo(invoiceEmail);
        assertThat(rows(dataSource, "select * from delivery where recipient_email = ?", email)).isEmpty();
        assertThat(rows(dataSource, "select * from payment_ref where buyer_email = ?", email)).hasSize(1);
    }

    private void offeringNamed(String offeringId, String sellerId, String name) {
        OfferingChanged offering = new OfferingChanged(offeringId, sellerId, unique("grp"), "membership_tier", name,
                null, "active", null, null, null, null, null, null, null, null, null, Instant.now());
        sendDomainEvent(Topics.CATALOG_EVENTS, DomainEvent.of(CatalogEventTypes.OFFERING_UPDATED, 1, "checkout-service",
                offeringId, null, offering));
        await().until(() -> !rows(dataSource, "select 1 from catalog_name where id = ?", offeringId).isEmpty());
    }
}
