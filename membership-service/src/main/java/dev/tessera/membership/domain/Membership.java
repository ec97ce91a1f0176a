package dev.tessera.membership.domain;

import java.time.Instant;

/** A membership row: one Stripe subscription Tessera sold, and its folded state. */
public record Membership(
        String id,
        String kind,
        String sellerId,
        String groupId,
        String offeringId,
        String plan,
        Integer commissionBps,
        String userId,
        String guestEmail,
        String checkoutId,
        String checkoutSessionId,
        String stripeSubscriptionId,
        String stripeCustomerId,
        String stripeAccount,
        String replacesSubscriptionId,
        MembershipStatus status,
        boolean cancelAtPeriodEnd,
        Instant currentPeriodEnd,
        Instant pastDueSince,
        Instant graceUntil,
        Instant suspendedAt,
        String statusReason,
        Instant statusChangedAt,
        Instant activatedAt,
        int renewals,
        int cancelRequests,
        Instant createdAt,
        Instant updatedAt) {

    public static final String KIND_TIER = "membership_tier";
    public static final String KIND_PLAN = "platform_plan";

    public boolean isPlan() {
        return KIND_PLAN.equals(kind);
    }

    public boolean hasHolder() {
        return userId != null || guestEmail != null;
    }

    public LegacyStatus legacyStatus(Instant now) {
        return suspended() ? LegacyStatus.SUSPENDED : LegacyStatus.of(status, graceUntil, now);
    }

    /** Access now: active, or past due within the grace period. */
    public boolean grantsAccess(Instant now) {
        return status == MembershipStatus.ACTIVE
                || (status == MembershipStatus.PAST_DUE && suspendedAt == null && graceUntil != null
                        && now.isBefore(graceUntil));
    }

    /** Past due and the end of its grace period has been recorded. */
    public boolean suspended() {
        return status == MembershipStatus.PAST_DUE && suspendedAt != null;
    }
}
