package dev.tessera.checkout.persistence;

import dev.tessera.checkout.domain.Coupon;
import dev.tessera.checkout.domain.SyncState;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@ApplicationScoped
public class CouponRepository implements PanacheRepositoryBase<Coupon, String> {

    public Optional<Coupon> findForUpdate(String id) {
        return Optional.ofNullable(getEntityManager().find(Coupon.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The active coupon with this code, compared case-insensitively as Stripe does. */
    public Optional<Coupon> findActiveByCode(String code) {
        return find("upper(code) = ?1 and status = ?2", code.toUpperCase(Locale.ROOT), Coupon.ACTIVE)
                .firstResultOptional();
    }

    /** The most recent coupon with this code, active or not (to tell "expired" from "unknown"). */
    public Optional<Coupon> findLatestByCode(String code) {
        return find("upper(code) = ?1", Sort.descending("createdAt"), code.toUpperCase(Locale.ROOT))
                .firstResultOptional();
    }

    public Optional<Coupon> findByStripeIds(String promotionCodeId, String stripeCouponId) {
        if (promotionCodeId != null) {
            Optional<Coupon> byPromotion = find("stripePromotionCodeId", promotionCodeId).firstResultOptional();
            if (byPromotion.isPresent()) {
                return byPromotion;
            }
        }
        return stripeCouponId == null ? Optional.empty() : find("stripeCouponId", stripeCouponId).firstResultOptional();
    }

    public List<Coupon> listBySeller(String sellerId) {
        return list("sellerId", Sort.by("createdAt").and("id"), sellerId);
    }

    /**
     * Coupons whose Stripe state is behind: not synced yet, or whose promotion code must open or close because the
     * redemption window did.
     */
    public List<String> dueForSync(Instant now, int limit) {
        return find("syncState <> ?1"
                        + " or (status = 'active' and stripePromotionActive = false and (redeemFrom is null or redeemFrom <= ?2)"
                        + "     and (redeemUntil is null or redeemUntil > ?2))"
                        + " or (stripePromotionActive = true and redeemUntil is not null and redeemUntil <= ?2)",
                Sort.by("syncAttempts").and("updatedAt"), SyncState.SYNCED, now)
                .page(0, limit).stream().map(Coupon::id).toList();
    }
}
