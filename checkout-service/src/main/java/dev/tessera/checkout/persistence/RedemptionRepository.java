package dev.tessera.checkout.persistence;

import dev.tessera.checkout.domain.CouponRedemption;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RedemptionRepository implements PanacheRepositoryBase<CouponRedemption, CouponRedemption.Key> {

    public long countForCoupon(String couponId) {
        return count("couponId", couponId);
    }

    public boolean exists(String couponId, String checkoutId) {
        return count("couponId = ?1 and checkoutId = ?2", couponId, checkoutId) > 0;
    }
}
