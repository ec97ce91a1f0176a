package dev.tessera.notification;

import static dev.tessera.notification.NotificationTestSupport.asOps;
import static dev.tessera.notification.NotificationTestSupport.awaitMessagesTo;
import static dev.tessera.notification.NotificationTestSupport.awaitOneMessageTo;
import static dev.tessera.notification.NotificationTestSupport.awaitStatuses;
import static dev.tessera.notification.NotificationTestSupport.deliveriesTo;
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

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.events.payout.PayoutChanged;
import dev.tessera.events.payout.PayoutEventTypes;
import dev.tessera.events.risk.DisputeOpened;
import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Sellers hear about payouts and disputes at the address of their seller contact. */
@QuarkusTest
class SellerMessagesTest {

    @Inject
    DataSource dataSource;

    @Test
    void payoutPaidAndFailedReachTheSeller() {
        String sellerId = unique("sel");
        String email = uniqueEmail("payee");
        sellerContact(sellerId, email, "Yoga with Ana", null);
        String payoutId = unique("pay");
        String stripePayoutId = unique("po");

        sendDomainEvent(Topics.PAYOUT_EVENTS, payout(PayoutEventTypes.PAID, payoutId, stripePayoutId, sellerId, null));
        MimeMessage paid = awaitOneMessageTo(email);
        assertThat(subject(paid)).isEqualTo("Your payout of €1,250.00 has been paid");
        assertThat(text(paid)).contains("Hello Yoga with Ana,").contains("to the account ending in 6789")
                .contains("It should arrive on November 23, 2026.").contains("Reference: " + stripePayoutId);

        sendDomainEvent(Topics.PAYOUT_EVENTS, payout(PayoutEventTypes.FAILED, payoutId, stripePayoutId, sellerId,
                "The bank account has been closed."));
        MimeMessage failed = awaitMessagesTo(email, 2).get(1);
        assertThat(subject(failed)).isEqualTo("Your payout of €1,250.00 failed");
        assertThat(text(failed)).contains("The bank said: The bank account has been closed. (account_closed)");
        assertThat(awaitStatuses(dataSource, email, 2, "SENT")).extracting(row -> row.get("audience"))
                .containsOnly("SELLER");
    }

    @Test
    void aDisputeIsAnnouncedOnceWithItsEvidenceDeadlineByRiskServiceOrStripe() {
        String sellerId = unique("sel");
        String email = uniqueEmail("disputed");
        sellerContact(sellerId, email, null, null);
        String chargeId = unique("ch");
        String paymentIntentId = unique("pi");
        String buyer = uniqueEmail("buyer");
        // the service saw the sale, so Stripe's dispute (which names only the charge) can find the seller
        produceStripe("charge.succeeded", StripeObjects.charge(chargeId, paymentIntentId, buyer, 1000, "usd", sellerId,
                unique("off"), null));
        awaitOneMessageTo(buyer);
        String disputeId = unique("dp");

        ObjectNode dispute = StripeEventFixtures.object("dispute");
        dispute.put("id", disputeId);
        dispute.put("charge", chargeId);
        dispute.put("payment_intent", paymentIntentId);
        dispute.put("reason", "product_not_received");
        dispute.withObject("/evidence_details").put("due_by", Instant.parse("2026-12-01T23:59:59Z").getEpochSecond());
        String stripeEventId = produceStripe("charge.dispute.created", dispute);
        DomainEvent opened = sendDomainEvent(Topics.RISK_EVENTS, DomainEvent.of(DisputeOpened.TYPE, 1, "risk-service",
                disputeId, stripeEventId, new DisputeOpened(disputeId, chargeId, paymentIntentId, sellerId, null, 1000,
                        "usd", "product_not_received", "needs_response", Instant.parse("2026-12-01T23:59:59Z"),
                        Instant.parse("2026-11-21T10:00:00Z"))));

        MimeMessage message = awaitOneMessageTo(email);
        assertThat(subject(message))
                .isEqualTo("A payment of $10.00 was disputed: respond by December 1, 2026 at 11:59:59 PM UTC");
        assertThat(text(message)).contains("Reason given: product not received")
                .contains("Submit your evidence before December 1, 2026 at 11:59:59 PM UTC.")
                .contains("Dispute: " + disputeId).contains("Payment: " + chargeId)
                .contains("for Ticket: Autumn meetup");
        await().atMost(NotificationTestSupport.WAIT).until(() -> !rows(dataSource,
                "select 1 from inbox_message where consumer = 'notification.risk-events' and message_id = ?",
                opened.id().toString()).isEmpty());
        assertThat(deliveriesTo(dataSource, email)).hasSize(1);
        assertThat(messagesTo(email)).hasSize(1);
    }

    @Test
    void aSellerWithoutContactIsDeadLetteredAndRedrivenOnceTheContactIsSet() {
        String sellerId = unique("sel");
        String email = uniqueEmail("late-contact");
        DomainEvent event = sendDomainEvent(Topics.PAYOUT_EVENTS,
                payout(PayoutEventTypes.PAID, unique("pay"), unique("po"), sellerId, null));

        await().atMost(NotificationTestSupport.WAIT).pollInterval(Duration.ofMillis(300)).until(() -> TopicReader
                .readAll(TesseraInfra.get().kafkaBootstrapServers(), Topics.dlq(Topics.PAYOUT_EVENTS),
                        Duration.ofMillis(300))
                .stream().anyMatch(record -> event.id().toString().equals(record.headers().get("event-id"))
                        && "notification-service".equals(record.headers().get("dlq-service"))
                        && record.headers().get("dlq-error").contains("PUT /sellers/{id}/contact")));

        sellerContact(sellerId, email, "Late Seller", null);
        asOps().when().post("/ops/dlq/" + Topics.PAYOUT_EVENTS + "/redrive").then().statusCode(200);

        MimeMessage message = awaitOneMessageTo(email);
        assertThat(text(message)).contains("Hello Late Seller,");
    }

    private static DomainEvent payout(String type, String payoutId, String stripePayoutId, String sellerId,
                                      String failureMessage) {
        boolean failed = PayoutEventTypes.FAILED.equals(type);
        PayoutChanged data = new PayoutChanged(payoutId, sellerId, "acct_" + sellerId, stripePayoutId, 125000, "eur",
                failed ? PayoutChanged.FAILED : PayoutChanged.PAID, LocalDate.of(2026, 11, 23),
                failed ? "account_closed" : null, failureMessage, "6789", Instant.now());
        return DomainEvent.of(type, 1, "payout-service", payoutId, null, data);
    }
}
