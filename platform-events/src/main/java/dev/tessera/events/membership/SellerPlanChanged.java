package dev.tessera.events.membership;

import java.time.Instant;

/**
 * Payload of {@code seller.plan.changed}, version 1 (subject: the seller id): from {@code effectiveAt} on,
 * the platform takes {@code commissionRateBasisPoints} (1/100 of a percent) of the seller's sales.
 * {@code plan} is the plan code; the configured default plan (no paid plan active) has a null
 * {@code membershipId}.
 */
public record SellerPlanChanged(
        String sellerId,
        String plan,
        int commissionRateBasisPoints,
        Instant effectiveAt,
        String membershipId) {
}
