package dev.tessera.checkout.api;

import dev.tessera.checkout.domain.CatalogGroup;
import dev.tessera.checkout.domain.Checkout;
import dev.tessera.checkout.domain.Coupon;
import dev.tessera.checkout.domain.Offering;
import dev.tessera.checkout.domain.OfferingPrice;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What the API returns. Amounts are minor units plus an ISO currency, as everywhere in Tessera. */
public final class Views {

    private Views() {
    }

    public record GroupView(String id, String sellerId, String name, String description, String status,
                            Instant createdAt, Instant updatedAt) {

        static GroupView of(CatalogGroup group) {
            return new GroupView(group.id(), group.sellerId(), group.name(), group.description(), group.status(),
                    group.createdAt(), group.updatedAt());
        }
    }

    public record PriceView(String id, long amountMinor, String currency, String interval, String stripePriceId,
                            boolean current, Instant createdAt, Instant supersededAt) {

        static PriceView of(OfferingPrice price) {
            return price == null ? null : new PriceView(price.id(), price.amountMinor(), price.currency(),
                    price.interval(), price.stripePriceId(), price.isCurrent(), price.createdAt(), price.supersededAt());
        }
    }

    public record OfferingView(String id, String sellerId, String groupId, String kind, String name,
                               String description, String status, PriceView price, Integer capacity, Long seatsLeft,
                               String accessLevel, List<String> benefits, Instant startsAt, Integer credits,
                               String plan, Integer commissionBasisPoints, String stripeProductId, String syncState,
                               Instant createdAt, Instant updatedAt) {

        static OfferingView of(Offering offering, OfferingPrice price, Long seatsLeft) {
            return new OfferingView(offering.id(), offering.sellerId(), offering.groupId(), offering.kind(),
                    offering.name(), offering.description(), offering.status(), PriceView.of(price),
                    offering.capacity(), seatsLeft, offering.accessLevel(), offering.benefits(), offering.startsAt(),
                    offering.credits(), offering.planCode(), offering.commissionBasisPoints(),
                    offering.stripeProductId(), offering.syncState(), offering.createdAt(), offering.updatedAt());
        }
    }

    public record CouponView(String id, String sellerId, String code, String name, BigDecimal percentOff,
                             Long amountOffMinor, String currency, String duration, Integer durationInMonths,
                             Instant redeemFrom, Instant redeemUntil, Integer maxRedemptions, long redemptions,
                             List<String> offeringIds, String status, String stripeCouponId,
                             String stripePromotionCodeId, String syncState, Instant createdAt) {

        static CouponView of(Coupon coupon, long redemptions) {
            BigDecimal percent = coupon.percentOffBasisPoints() == null ? null
                    : BigDecimal.valueOf(coupon.percentOffBasisPoints(), 2).stripTrailingZeros();
            return new CouponView(coupon.id(), coupon.sellerId(), coupon.code(), coupon.name(), percent,
                    coupon.amountOffMinor(), coupon.currency(), coupon.duration(), coupon.durationInMonths(),
                    coupon.redeemFrom(), coupon.redeemUntil(), coupon.maxRedemptions(), redemptions,
                    coupon.offeringIds(), coupon.status(), coupon.stripeCouponId(), coupon.stripePromotionCodeId(),
                    coupon.syncState(), coupon.createdAt());
        }
    }

    /** A checkout as its buyer (and the seller, and support) see it. */
    public record CheckoutView(String id, String status, String mode, String url, Instant expiresAt,
                               String offeringId, String offeringKind, String sellerId, String groupId, int quantity,
                               long unitAmountMinor, String currency, Long amountTotalMinor,
                               Long amountDiscountMinor, String couponId, String userId, boolean guest,
                               String replacesSubscriptionId, String stripeSessionId, String subscriptionId,
                               String paymentIntentId, Instant createdAt, Instant completedAt) {

        static CheckoutView of(Checkout checkout) {
            // the payment URL is only useful (and only shown) while the session can be paid
            String url = "open".equals(checkout.status()) ? checkout.stripeUrl() : null;
            return new CheckoutView(checkout.id(), checkout.status(), checkout.mode(), url, checkout.expiresAt(),
                    checkout.offeringId(), checkout.offeringKind(), checkout.sellerId(), checkout.groupId(),
                    checkout.quantity(), checkout.unitAmountMinor(), checkout.currency(), checkout.amountTotalMinor(),
                    checkout.amountDiscountMinor(), checkout.couponId(), checkout.userId(), checkout.guest(),
                    checkout.replacesSubscriptionId(), checkout.stripeSessionId(), checkout.subscriptionId(),
                    checkout.paymentIntentId(), checkout.createdAt(), checkout.completedAt());
        }
    }
}
