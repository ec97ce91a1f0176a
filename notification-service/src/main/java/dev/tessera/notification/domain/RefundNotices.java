package dev.tessera.notification.domain;

import dev.tessera.notification.persistence.ContactRepository;
import dev.tessera.notification.persistence.PaymentRef;
import dev.tessera.runtime.messaging.PoisonMessageException;
import dev.tessera.runtime.money.Money;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The buyer's "refund issued" message, keyed by the Stripe refund id, whichever event announces it first
 * (Stripe's {@code refund.created}/{@code refund.updated}, a {@code charge.refunded} listing it, or risk-service's
 * {@code refund.issued}). Refund objects name only the charge, so the buyer is the one of the charge the service saw
 * succeed.
 */
@ApplicationScoped
public class RefundNotices {

    private final Notifier notifier;
    private final Directory directory;
    private final ContactRepository contacts;

    RefundNotices(Notifier notifier, Directory directory, ContactRepository contacts) {
        this.notifier = notifier;
        this.directory = directory;
        this.contacts = contacts;
    }

    public void issued(String eventId, String eventType, String refundId, String chargeId, String paymentIntentId,
                       Money amount, Instant refundedAt) {
        if (refundId == null) {
            throw new PoisonMessageException("a refund without an id");
        }
        String key = "refund:" + refundId;
        Optional<PaymentRef> payment = contacts.payment(chargeId, paymentIntentId);
        if (payment.isEmpty()) {
            directory.unresolved(Template.REFUND_ISSUED, key, "the refunded charge " + chargeId + " was never seen");
            return;
        }
        PaymentRef ref = payment.get();
        Optional<Recipient> recipient = directory.buyer(ref.buyerEmail, ref.buyerUserId, ref.sellerId, ref.locale,
                Template.REFUND_ISSUED, key);
        if (recipient.isEmpty()) {
            return;
        }
        Map<String, Object> data = new HashMap<>();
        data.put("itemName", directory.itemName(ref.offeringId, ref.description));
        data.put("sellerName", directory.sellerName(ref.sellerId));
        data.put("amount", amount);
        data.put("refundedAt", refundedAt);
        data.put("reference", refundId);
        notifier.notify(new Notice(key, eventId, eventType, Template.REFUND_ISSUED, recipient.get(), data, null));
    }
}
