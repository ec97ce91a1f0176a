package dev.tessera.membership.domain;

/**
 * Who and what a Stripe object concerns, read from Tessera's metadata (and, for guests, the session's
 * e-mail). Any field may be null when the event does not say; {@link #sellerId()} and
 * {@link #offeringId()} are required to create a membership.
 */
public record Attribution(
        String sellerId,
        String offeringId,
        String offeringKind,
        String groupId,
        String checkoutId,
        String userId,
        String guestEmail,
        String replacesSubscriptionId,
        String plan,
        Integer commissionBps,
        String checkoutSessionId,
        String stripeCustomerId,
        String stripeAccount) {

    public boolean identifiesOffering() {
        return sellerId != null && offeringId != null;
    }

    public boolean isMembershipKind() {
        return Membership.KIND_TIER.equals(offeringKind) || Membership.KIND_PLAN.equals(offeringKind);
    }
}
