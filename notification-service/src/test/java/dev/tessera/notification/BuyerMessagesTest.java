package dev.tessera.notification;

import static dev.tessera.notification.NotificationTestSupport.awaitMessagesTo;
import static dev.tessera.notification.NotificationTestSupport.awaitOneMessageTo;
import static dev.tessera.notification.NotificationTestSupport.awaitStatuses;
import static dev.tessera.notification.NotificationTestSupport.deliveriesTo;
import static dev.tessera.notification.NotificationTestSupport.html;
import static dev.tessera.notification.NotificationTestSupport.messagesTo;
import static dev.tessera.notification.NotificationTestSupport.produceStripe;
import static dev.tessera.notification.NotificationTestSupport.subject;
import static dev.tessera.notification.NotificationTestSupport.text;
import static dev.tessera.notification.NotificationTestSupport.unique;
import static dev.tessera.notification.NotificationTestSupport.uniqueEmail;
import static dev.tessera.testing.TopicWriter.sendDomainEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.events.checkout.GuestClaimIssued;
import dev.tessera.events.membership.MembershipEventTypes;
import dev.tessera.events.risk.RefundIssued;
import dev.tessera.events.risk.RiskEventTypes;
import dev.tessera.testing.StripeEventFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The buyer's other messages: payment failed, refund, guest claim, membership cancelled and expiring. */
@QuarkusTest
class BuyerMessagesTest {

    @Inject
    DataSource dataSource;

    @Test
    void aFailedRenewalPaymentSendsTheHostedInvoiceLinkToUpdateTheCard() {
        String email = uniqueEmail("failed");
        String invoiceId = unique("in");
        ObjectNode invoice = StripeObjects.paidInvoice(invoiceId, unique("sub"), email, 2900, "eur", unique("sel"),
                unique("off"), null);
        invoice.put("status", "open");
        invoice.put("amount_paid", 0);
        invoice.put("attempt_count", 1);
        invoice.put("next_payment_attempt", Instant.parse("2026-11-24T10:00:00Z").getEpochSecond());

        produceStripe("invoice.payment_failed", invoice);

        MimeMessage message = awaitOneMessageTo(email);
        assertThat(subject(message)).isEqualTo("Your payment failed");
        assertThat(text(message)).contains("We could not collect your payment of €29.00")
                .contains("https://invoice.stripe.com/i/acct_test/" + invoiceId)
                .contains("We will try again on November 24, 2026.");
        assertThat(awaitStatuses(dataSource, email, 1, "SENT").get(0))
                .containsEntry("source_key", "invoice:" + invoiceId + ":attempt:1");
    }

    @Test
    void aRefundIsAnnouncedOnceWhetherStripeOrRiskServiceSaysSo() {
        String email = uniqueEmail("refund");
        String chargeId = unique("ch");
        String paymentIntentId = unique("pi");
        String refundId = unique("re");
        produceStripe("charge.succeeded", StripeObjects.charge(chargeId, paymentIntentId, email, 5000, "gbp",
                unique("sel"), unique("off"), null));
        awaitOneMessageTo(email);

        ObjectNode refund = StripeEventFixtures.object("refund");
        refund.put("id", refundId);
        refund.put("charge", chargeId);
        refund.put("payment_intent", paymentIntentId);
        refund.put("amount", 2000);
        refund.put("currency", "gbp");
        refund.put("status", "succeeded");
        produceStripe("refund.created", refund);
        DomainEvent riskEvent = sendDomainEvent(Topics.RISK_EVENTS, DomainEvent.of(RiskEventTypes.REFUND_ISSUED, 1,
                "risk-service", refundId, "evt_x",
                new RefundIssued(refundId, chargeId, paymentIntentId, 2000, "gbp", false, null)));
        String updateId = produceStripe("refund.updated", refund);

        List<MimeMessage> messages = awaitMessagesTo(email, 2);
        MimeMessage refundMessage = messages.stream().filter(m -> subject(m).startsWith("Your refund")).findFirst()
                .orElseThrow();
        assertThat(subject(refundMessage)).isEqualTo("Your refund of £20.00");
        assertThat(text(refundMessage)).contains("We have refunded £20.00 for Ticket: Autumn meetup.")
                .contains("Reference: " + refundId);
        // the risk-service event and the Stripe update are the same refund: once handled, still one message
        awaitHandled("notification.risk-events", riskEvent.id().toString());
        awaitHandled("notification.stripe-payments", updateId);
        awaitStatuses(dataSource, email, 2, "SENT");
        assertThat(deliveriesTo(dataSource, email)).extracting(row -> row.get("template"))
                .containsExactly("receipt", "refund_issued");
        assertThat(messagesTo(email)).hasSize(2);
    }

    private void awaitHandled(String consumer, String messageId) {
        org.awaitility.Awaitility.await().atMost(NotificationTestSupport.WAIT).until(() -> !NotificationTestSupport.rows(
                dataSource, "select 1 from inbox_message where consumer = ? and message_id = ?", consumer, messageId)
                .isEmpty());
    }

    @Test
    void aGuestPurchaseSendsTheClaimLink() {
        String email = uniqueEmail("guest");
        String checkoutId = unique("chk");
        GuestClaimIssued claim = new GuestClaimIssued(checkoutId, email, "tok_secret",
                "https://tessera.local/claim/tok_secret?x=1&y=2", Instant.parse("2026-12-05T00:00:00Z"), unique("sel"),
                unique("off"), "event_ticket", "Autumn meetup <VIP>", unique("grp"), unique("cs"));

        sendDomainEvent(Topics.CHECKOUT_EVENTS, DomainEvent.of(GuestClaimIssued.TYPE, 1, "checkout-service", checkoutId,
                "evt_y", claim));

        MimeMessage message = awaitOneMessageTo(email);
        assertThat(subject(message)).isEqualTo("Claim your purchase: Autumn meetup <VIP>");
        assertThat(text(message)).contains("https://tessera.local/claim/tok_secret?x=1&y=2")
                .contains("The link works until December 5, 2026.");
        // HTML escapes what it prints, links included
        assertThat(html(message)).contains("Autumn meetup &lt;VIP&gt;")
                .contains("href=\"https://tessera.local/claim/tok_secret?x=1&amp;y=2\"");
    }

    @Test
    void aCancelledMembershipSaysUntilWhenAndIsRemindedBeforeItEnds() {
        String email = uniqueEmail("member");
        String membershipId = unique("mbr");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant periodEnd = now.plus(2, ChronoUnit.DAYS);

        // cancelled a week ago, effective at period end: the reminder (3 days before the end) is due now
        sendDomainEvent(Topics.MEMBERSHIP_EVENTS, Events.membership(MembershipEventTypes.CANCELLED, membershipId, null,
                email, "cancelled", periodEnd, true, now.minus(7, ChronoUnit.DAYS)));

        List<MimeMessage> messages = awaitMessagesTo(email, 2);
        assertThat(messages).extracting(NotificationTestSupport::subject)
                .containsExactlyInAnyOrder("Your membership is cancelled",
                        "Your membership ends on " + NotificationTestSupport.longDate(periodEnd));
        MimeMessage cancelled = messages.stream().filter(m -> subject(m).endsWith("cancelled")).findFirst().orElseThrow();
        assertThat(text(cancelled)).contains("You keep access until " + NotificationTestSupport.longDate(periodEnd));
        assertThat(awaitStatuses(dataSource, email, 2, "SENT")).extracting(row -> row.get("template"))
                .containsExactlyInAnyOrder("membership_cancelled", "membership_expiring");
    }
}
