package dev.tessera.checkout.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Request bodies. Rules are checked by the domain services, which report every invalid field at once. */
public final class Requests {

    private Requests() {
    }

    public record CreateGroup(String sellerId, String name, String description) {
    }

    public record UpdateGroup(String name, String description) {
    }

    public record PriceInput(Long amountMinor, String currency, String interval) {
    }

    public record CreateOffering(String sellerId, String kind, String groupId, String name, String description,
                                 Integer capacity, String accessLevel, List<String> benefits, Instant startsAt,
                                 Integer credits, PriceInput price) {
    }

    public record UpdateOffering(String groupId, String name, String description, Integer capacity,
                                 String accessLevel, List<String> benefits, Instant startsAt, Integer credits) {
    }

    public record CreateCoupon(String sellerId, String code, String name, BigDecimal percentOff, Long amountOffMinor,
                               String currency, String duration, Integer durationInMonths, Instant redeemFrom,
                               Instant redeemUntil, Integer maxRedemptions, List<String> offeringIds) {
    }

    /**
     * Opens a checkout. {@code email} is required for a guest (no token); {@code sellerId} names the seller a
     * platform plan is bought for; {@code replacesSubscriptionId} makes it a tier switch.
     */
    public record CreateCheckout(String offeringId, Integer quantity, String email, String couponCode,
                                 String successUrl, String cancelUrl, String replacesSubscriptionId, String sellerId) {
    }
}
