package dev.tessera.events.catalog;

import java.time.Instant;
import java.util.List;

/**
 * Payload of the {@code catalog.coupon.*} events, version 1; subject: the coupon id. Exactly one of
 * {@code percentOffBasisPoints} (hundredths of a percent: 1250 is 12.5%) and {@code amountOffMinor} (minor units of
 * {@code currency}) is set. {@code duration} is {@code once}, {@code repeating} (for {@code durationInMonths}) or
 * {@code forever}. The code can be redeemed from {@code redeemFrom} until {@code redeemUntil} (either may be null),
 * at most {@code maxRedemptions} times (null: unlimited), on the listed offerings only. {@code status} is
 * {@code active} or {@code archived}.
 */
public record CouponChanged(
        String couponId,
        String sellerId,
        String code,
        String name,
        Integer percentOffBasisPoints,
        Long amountOffMinor,
        String currency,
        String duration,
        Integer durationInMonths,
        Instant redeemFrom,
        Instant redeemUntil,
        Integer maxRedemptions,
        List<String> offeringIds,
        String status,
        String stripeCouponId,
        String stripePromotionCodeId,
        Instant updatedAt) {
}
