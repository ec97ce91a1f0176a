package dev.tessera.notification.domain;

import dev.tessera.notification.persistence.ContactRepository;
import dev.tessera.notification.persistence.PaymentRef;
import dev.tessera.notification.persistence.SellerContact;
import dev.tessera.runtime.messaging.PoisonMessageException;
import dev.tessera.runtime.money.Money;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Messages to sellers, at the address of their seller contact. A seller without a contact is an operator's
 * problem to fix, not a reason to lose a dispute deadline: the event is dead-lettered (visible in
 * {@code GET /ops/dlq/{topic}}) and redriven once {@code PUT /sellers/{id}/contact} has been set.
 */
@ApplicationScoped
public class SellerNotices {

    private static final Logger LOG = Logger.getLogger(SellerNotices.class);

    private final Notifier notifier;
    private final Directory directory;
    private final ContactRepository contacts;

    SellerNotices(Notifier notifier, Directory directory, ContactRepository contacts) {
        this.notifier = notifier;
        this.directory = directory;
        this.contacts = contacts;
    }

    /** A dispute as announced by Stripe or by risk-service. */
    public record Dispute(String eventId, String eventType, String disputeId, String chargeId, String paymentIntentId,
                          String sellerId, String stripeAccount, Money amount, String reason, Instant evidenceDueBy,
                          Instant openedAt) {
    }

    /** A payout of a seller as announced by payout-service. */
    public record Payout(String eventId, String eventType, String payoutId, String stripePayoutId, String sellerId,
                         String stripeAccount, Money amount, LocalDate arrivalDate, String failureCode,
                         String failureMessage, String destinationLast4) {
    }

    /**
     * The seller's dispute message, keyed by the Stripe dispute id. With {@code sellerRequired} false (Stripe's
     * {@code charge.dispute.created}, whose seller comes from the charge the service saw), a dispute whose seller
     * cannot be found is only logged: risk-service's {@code dispute.opened} names it.
     */
    public void disputeOpened(Dispute dispute, boolean sellerRequired) {
        if (dispute.disputeId() == null) {
            throw new PoisonMessageException("a dispute without an id");
        }
        String key = "dispute:" + dispute.disputeId();
        Optional<PaymentRef> payment = contacts.payment(dispute.chargeId(), dispute.paymentIntentId());
        String sellerId = dispute.sellerId() != null ? dispute.sellerId()
                : payment.map(ref -> ref.sellerId).orElse(null);
        Optional<SellerContact> contact = directory.sellerContact(sellerId, dispute.stripeAccount());
        if (contact.isEmpty()) {
            if (sellerId == null && !sellerRequired) {
                LOG.warnf("dispute %s: seller unknown (charge %s not seen); waiting for risk-service's dispute.opened",
                        dispute.disputeId(), dispute.chargeId());
                return;
            }
            throw missingContact(sellerId, dispute.stripeAccount());
        }
        Map<String, Object> data = new HashMap<>();
        data.put("sellerName", contact.get().displayName);
        data.put("amount", dispute.amount());
        data.put("reason", dispute.reason() == null ? null : dispute.reason().replace('_', ' '));
        data.put("evidenceDueBy", dispute.evidenceDueBy() == null ? null : new Presenter.Deadline(dispute.evidenceDueBy()));
        data.put("openedAt", dispute.openedAt());
        data.put("disputeId", dispute.disputeId());
        data.put("chargeId", dispute.chargeId());
        data.put("itemName", payment.map(ref -> directory.itemName(ref.offeringId, ref.description)).orElse(null));
        notifier.notify(new Notice(key, dispute.eventId(), dispute.eventType(), Template.DISPUTE_OPENED,
                directory.seller(contact.get()), data, null));
    }

    /** {@code payout.paid} or {@code payout.failed}, keyed by the Stripe payout (else payout-service's) id. */
    public void payout(Payout payout, Template template) {
        String payoutKey = payout.stripePayoutId() != null ? payout.stripePayoutId() : payout.payoutId();
        if (payoutKey == null) {
            throw new PoisonMessageException("a payout without an id");
        }
        SellerContact contact = directory.sellerContact(payout.sellerId(), payout.stripeAccount())
                .orElseThrow(() -> missingContact(payout.sellerId(), payout.stripeAccount()));
        Map<String, Object> data = new HashMap<>();
        data.put("sellerName", contact.displayName);
        data.put("amount", payout.amount());
        data.put("arrivalDate", payout.arrivalDate());
        data.put("failureCode", payout.failureCode());
        data.put("failureMessage", payout.failureMessage());
        data.put("destinationLast4", payout.destinationLast4());
        data.put("reference", payoutKey);
        notifier.notify(new Notice("payout:" + payoutKey, payout.eventId(), payout.eventType(), template,
                directory.seller(contact), data, null));
    }

    private static PoisonMessageException missingContact(String sellerId, String stripeAccount) {
        return new PoisonMessageException("no seller contact for seller " + sellerId + " (Stripe account "
                + stripeAccount + "): set it with PUT /sellers/{id}/contact, then redrive");
    }
}
