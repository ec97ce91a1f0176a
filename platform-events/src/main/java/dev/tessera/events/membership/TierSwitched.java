package dev.tessera.events.membership;

import java.time.Instant;

/**
 * Payload of {@code membership.tier_switched}, version 1: the membership {@code toMembershipId} replaced
 * {@code fromMembershipId} in {@code groupId}; the replaced Stripe subscription was cancelled
 * ({@code prorated}: whether Stripe was asked to prorate the unused time).
 */
public record TierSwitched(
        String sellerId,
        String groupId,
        String userId,
        String guestEmail,
        String fromMembershipId,
        String toMembershipId,
        String fromOfferingId,
        String toOfferingId,
        String fromSubscriptionId,
        String toSubscriptionId,
        boolean prorated,
        Instant effectiveAt) {
}
