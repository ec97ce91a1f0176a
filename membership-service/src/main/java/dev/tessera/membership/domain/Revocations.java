package dev.tessera.membership.domain;

import dev.tessera.membership.persistence.MembershipStore;
import dev.tessera.membership.persistence.RecordsStore;
import dev.tessera.membership.stripe.StripeSubscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A fully refunded payment, or a lost dispute, takes back what the payment bought: the purchase's grants,
 * or the membership whose invoice it paid. Stripe's own {@code charge.refunded} / {@code charge.dispute.closed}
 * and risk-service's {@code refund.issued} / {@code dispute.closed} may both report the same payment; the
 * revocation is recorded once per payment, and kept, so a purchase or membership seen later is revoked too.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Revocations {

    private static final Logger LOG = Logger.getLogger(Revocations.class);

    private final RecordsStore records;
    private final MembershipStore memberships;
    private final MembershipService membershipService;
    private final EntitlementService entitlements;
    private final StripeSubscriptions stripe;

    Revocations(RecordsStore records, MembershipStore memberships, MembershipService membershipService,
                EntitlementService entitlements, StripeSubscriptions stripe) {
        this.records = records;
        this.memberships = memberships;
        this.membershipService = membershipService;
        this.entitlements = entitlements;
        this.stripe = stripe;
    }

    /**
     * @param paymentIntentId the payment, if the event names it
     * @param chargeId the charge, used to find the payment intent when the event does not name it
     * @param reason {@code refunded} or {@code dispute_lost}
     */
    public void revokePayment(String paymentIntentId, String chargeId, String account, String reason, Instant created,
                              String causationId) {
        String pi = paymentIntentId;
        if (pi == null && chargeId != null && stripe.configured()) {
            pi = lookup(() -> stripe.paymentIntentOfCharge(chargeId, account)).orElse(null);
        }
        if (pi == null && chargeId == null) {
            throw new IllegalArgumentException("a revocation names neither a payment intent nor a charge");
        }
        String key = pi != null ? pi : "charge:" + chargeId;
        if (!records.insertRevocation(new RecordsStore.Revocation(key, chargeId, null, reason, causationId, created))) {
            LOG.debugf("%s: payment %s was already revoked", causationId, key);
            return;
        }
        if (entitlements.revokePurchases(key, reason, causationId) > 0 || pi == null || !stripe.configured()) {
            return;
        }
        String paymentIntent = pi;
        Optional<String> subscription = lookup(() -> stripe.subscriptionOfPaymentIntent(paymentIntent, account));
        if (subscription.isEmpty()) {
            LOG.debugf("%s: payment %s bought nothing this service granted", causationId, key);
            return;
        }
        records.linkRevocation(key, subscription.get());
        RecordsStore.Revocation revocation = records.findRevocation(key).orElseThrow();
        memberships.findBySubscription(subscription.get()).ifPresent(m ->
                membershipService.applyTo(m.id(), MembershipService.revokeFact(revocation), causationId));
    }

    /** A payment Stripe does not know (4xx) leads nowhere; an unreachable Stripe is retried by the consumer. */
    private static <T> Optional<T> lookup(java.util.function.Supplier<Optional<T>> call) {
        try {
            return call.get();
        } catch (StripeSubscriptions.StripeCallException e) {
            if (e.permanent()) {
                LOG.warnf("Stripe look-up refused: %s", e.getMessage());
                return Optional.empty();
            }
            throw e;
        }
    }
}
