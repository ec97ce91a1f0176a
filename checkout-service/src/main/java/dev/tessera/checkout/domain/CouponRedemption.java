package dev.tessera.checkout.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One use of a coupon, recorded from a completed Checkout Session. */
@Entity
@Table(name = "coupon_redemption")
@IdClass(CouponRedemption.Key.class)
public class CouponRedemption {

    @Id
    @Column(name = "coupon_id")
    private String couponId;
    @Id
    @Column(name = "checkout_id")
    private String checkoutId;
    @Column(name = "user_id")
    private String userId;
    private String email;
    @Column(name = "amount_discount_minor")
    private Long amountDiscountMinor;
    @Column(nullable = false)
    private String currency;
    @Column(name = "redeemed_at", nullable = false)
    private Instant redeemedAt;

    protected CouponRedemption() {
    }

    public static CouponRedemption of(String couponId, Checkout checkout, Instant now) {
        CouponRedemption redemption = new CouponRedemption();
        redemption.couponId = couponId;
        redemption.checkoutId = checkout.id();
        redemption.userId = checkout.userId();
        redemption.email = checkout.email();
        redemption.amountDiscountMinor = checkout.amountDiscountMinor();
        redemption.currency = checkout.currency();
        redemption.redeemedAt = now;
        return redemption;
    }

    public String couponId() {
        return couponId;
    }

    public String checkoutId() {
        return checkoutId;
    }

    public Long amountDiscountMinor() {
        return amountDiscountMinor;
    }

    public Instant redeemedAt() {
        return redeemedAt;
    }

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        String couponId;
        String checkoutId;

        public Key() {
        }

        public Key(String couponId, String checkoutId) {
            this.couponId = couponId;
            this.checkoutId = checkoutId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(couponId, key.couponId)
                    && Objects.equals(checkoutId, key.checkoutId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(couponId, checkoutId);
        }
    }
}
