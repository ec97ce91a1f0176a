package dev.tessera.checkout.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A seller's discount code. In Stripe it is a coupon (the discount, limited to the offerings' products) plus a
 * promotion code (the customer-facing code), active only inside the redemption window.
 */
@Entity
@DynamicUpdate
@Table(name = "coupon")
public class Coupon extends StripeSyncedRecord {

    public static final String ACTIVE = "active";
    public static final String ARCHIVED = "archived";

    @Id
    private String id;
    @Column(name = "seller_id", nullable = false)
    private String sellerId;
    @Column(nullable = false)
    private String code;
    private String name;
    @Column(name = "percent_off_bps")
    private Integer percentOffBasisPoints;
    @Column(name = "amount_off_minor")
    private Long amountOffMinor;
    private String currency;
    @Column(nullable = false)
    private String duration;
    @Column(name = "duration_in_months")
    private Integer durationInMonths;
    @Column(name = "redeem_from")
    private Instant redeemFrom;
    @Column(name = "redeem_until")
    private Instant redeemUntil;
    @Column(name = "max_redemptions")
    private Integer maxRedemptions;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "offering_ids", nullable = false)
    private List<String> offeringIds = new ArrayList<>();
    @Column(nullable = false)
    private String status;
    @Column(name = "stripe_coupon_id")
    private String stripeCouponId;
    @Column(name = "stripe_promotion_code_id")
    private String stripePromotionCodeId;
    @Column(name = "stripe_promotion_active", nullable = false)
    private boolean stripePromotionActive;

    protected Coupon() {
    }

    public record Terms(String code, String name, Integer percentOffBasisPoints, Long amountOffMinor, String currency,
                        String duration, Integer durationInMonths, Instant redeemFrom, Instant redeemUntil,
                        Integer maxRedemptions, List<String> offeringIds) {
    }

    public static Coupon create(String sellerId, Terms terms, Instant now) {
        Coupon coupon = new Coupon();
        coupon.id = Ids.next("cpn");
        coupon.sellerId = sellerId;
        coupon.code = terms.code();
        coupon.name = terms.name();
        coupon.percentOffBasisPoints = terms.percentOffBasisPoints();
        coupon.amountOffMinor = terms.amountOffMinor();
        coupon.currency = terms.currency();
        coupon.duration = terms.duration();
        coupon.durationInMonths = terms.durationInMonths();
        coupon.redeemFrom = terms.redeemFrom();
        coupon.redeemUntil = terms.redeemUntil();
        coupon.maxRedemptions = terms.maxRedemptions();
        coupon.offeringIds = new ArrayList<>(terms.offeringIds());
        coupon.status = ACTIVE;
        coupon.created(now);
        return coupon;
    }

    public void archive(Instant now) {
        this.status = ARCHIVED;
        syncDue(now);
    }

    /** Whether the promotion code should be redeemable in Stripe right now. */
    public boolean shouldBeActiveInStripe(Instant now) {
        return ACTIVE.equals(status) && (redeemFrom == null || !now.isBefore(redeemFrom))
                && (redeemUntil == null || now.isBefore(redeemUntil));
    }

    public void couponSynced(String stripeCouponId) {
        this.stripeCouponId = stripeCouponId;
    }

    public void promotionCodeSynced(String stripePromotionCodeId, boolean active) {
        this.stripePromotionCodeId = stripePromotionCodeId;
        this.stripePromotionActive = active;
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public boolean appliesTo(String offeringId) {
        return offeringIds.contains(offeringId);
    }

    public Terms terms() {
        return new Terms(code, name, percentOffBasisPoints, amountOffMinor, currency, duration, durationInMonths,
                redeemFrom, redeemUntil, maxRedemptions, List.copyOf(offeringIds));
    }

    public String id() {
        return id;
    }

    public String sellerId() {
        return sellerId;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public Integer percentOffBasisPoints() {
        return percentOffBasisPoints;
    }

    public Long amountOffMinor() {
        return amountOffMinor;
    }

    public String currency() {
        return currency;
    }

    public String duration() {
        return duration;
    }

    public Integer durationInMonths() {
        return durationInMonths;
    }

    public Instant redeemFrom() {
        return redeemFrom;
    }

    public Instant redeemUntil() {
        return redeemUntil;
    }

    public Integer maxRedemptions() {
        return maxRedemptions;
    }

    public List<String> offeringIds() {
        return List.copyOf(offeringIds);
    }

    public String status() {
        return status;
    }

    public String stripeCouponId() {
        return stripeCouponId;
    }

    public String stripePromotionCodeId() {
        return stripePromotionCodeId;
    }

    public boolean stripePromotionActive() {
        return stripePromotionActive;
    }
}
