package dev.tessera.events.membership;

import java.time.Instant;

/**
 * Payload of the membership lifecycle events ({@code membership.activated}, {@code .renewed},
 * {@code .past_due}, {@code .cancelled}, {@code .expired}, {@code .revoked}), version 1.
 *
 * <p>{@code status} is the membership's state after the change ({@code pending}, {@code active},
 * {@code past_due}, {@code cancelled}, {@code expired}, {@code revoked}); {@code previousStatus} is null for
 * a new membership. The holder is {@code userId}, or {@code guestEmail} for a guest purchase not yet
 * claimed. {@code graceUntil} is set while past due: access is kept until then. {@code effectiveAt} is
 * when the change happened at Stripe (the causing event's {@code created}). {@code offeringKind} is
 * {@code membership_tier} or {@code platform_plan}.
 */
public record MembershipChanged(
        String membershipId,
        String sellerId,
        String groupId,
        String offeringId,
        String offeringKind,
        String userId,
        String guestEmail,
        String status,
        String previousStatus,
        String legacyStatus,
        String stripeSubscriptionId,
        String stripeAccount,
        Instant currentPeriodEnd,
        boolean cancelAtPeriodEnd,
        Instant graceUntil,
        String reason,
        Instant effectiveAt) {
}
