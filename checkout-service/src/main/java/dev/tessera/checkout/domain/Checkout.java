package dev.tessera.checkout.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;

/**
 * One purchase attempt: what is bought, by whom, under which idempotency key, and how far it got in Stripe.
 * Everything needed to (re)create its Checkout Session deterministically is stored here, so a retry sends
 * Stripe exactly the same parameters under the same idempotency key.
 */
@Entity
@DynamicUpdate
@Table(name = "checkout")
public class Checkout {

    @Id
    private String id;
    @Column(nullable = false)
    private String status;
    @Column(nullable = false)
    private String mode;
    @Column(name = "offering_id", nullable = false)
    private String offeringId;
    @Column(name = "offering_kind", nullable = false)
    private String offeringKind;
    @Column(name = "price_id", nullable = false)
    private String priceId;
    @Column(name = "seller_id", nullable = false)
    private String sellerId;
    @Column(name = "group_id")
    private String groupId;
    @Column(nullable = false)
    private int quantity;
    @Column(name = "unit_amount_minor", nullable = false)
    private long unitAmountMinor;
    @Column(nullable = false)
    private String currency;
    @Column(name = "user_id")
    private String userId;
    private String email;
    @Column(nullable = false)
    private boolean guest;
    @Column(name = "buyer_scope", nullable = false)
    private String buyerScope;
    @Column(name = "request_key", nullable = false)
    private String requestKey;
    @Column(name = "request_key_derived", nullable = false)
    private boolean requestKeyDerived;
    @Column(name = "request_key_active", nullable = false)
    private boolean requestKeyActive;
    @Column(name = "request_fingerprint", nullable = false)
    private String requestFingerprint;
    @Column(name = "replaces_subscription_id")
    private String replacesSubscriptionId;
    @Column(name = "coupon_id")
    private String couponId;
    @Column(name = "promotion_code_id")
    private String promotionCodeId;
    @Column(name = "success_url", nullable = false)
    private String successUrl;
    @Column(name = "cancel_url", nullable = false)
    private String cancelUrl;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(name = "stripe_session_id")
    private String stripeSessionId;
    @Column(name = "stripe_url")
    private String stripeUrl;
    @Column(name = "stripe_customer_id")
    private String stripeCustomerId;
    @Column(name = "subscription_id")
    private String subscriptionId;
    @Column(name = "payment_intent_id")
    private String paymentIntentId;
    @Column(name = "amount_total_minor")
    private Long amountTotalMinor;
    @Column(name = "amount_discount_minor")
    private Long amountDiscountMinor;
    @Column(name = "failure_reason")
    private String failureReason;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "completed_at")
    private Instant completedAt;

    protected Checkout() {
    }

    /** Who buys: a signed-in user (with the e-mail we know, if any) or a guest known only by e-mail. */
    public record Buyer(String userId, String email, boolean guest) {

        /** The namespace of the buyer's idempotency keys. */
        public String scope() {
            return guest ? "guest:" + email : "user:" + userId;
        }
    }

    public record RequestKey(String key, boolean derived, String fingerprint) {
    }

    public record Purchase(Offering offering, OfferingPrice price, String sellerId, int quantity,
                           String replacesSubscriptionId, Coupon coupon, String successUrl, String cancelUrl,
                           Instant expiresAt) {
    }

    public static Checkout create(String id, Buyer buyer, RequestKey key, Purchase purchase, Instant now) {
        Checkout checkout = new Checkout();
        checkout.id = id;
        checkout.status = CheckoutStatus.CREATING;
        checkout.mode = purchase.offering().kindEnum().recurring() ? "subscription" : "payment";
        checkout.offeringId = purchase.offering().id();
        checkout.offeringKind = purchase.offering().kind();
        checkout.priceId = purchase.price().id();
        checkout.sellerId = purchase.sellerId();
        checkout.groupId = purchase.offering().groupId();
        checkout.quantity = purchase.quantity();
        checkout.unitAmountMinor = purchase.price().amountMinor();
        checkout.currency = purchase.price().currency();
        checkout.userId = buyer.userId();
        checkout.email = buyer.email();
        checkout.guest = buyer.guest();
        checkout.buyerScope = buyer.scope();
        checkout.requestKey = key.key();
        checkout.requestKeyDerived = key.derived();
        checkout.requestKeyActive = true;
        checkout.requestFingerprint = key.fingerprint();
        checkout.replacesSubscriptionId = purchase.replacesSubscriptionId();
        if (purchase.coupon() != null) {
            checkout.couponId = purchase.coupon().id();
            checkout.promotionCodeId = purchase.coupon().stripePromotionCodeId();
        }
        checkout.successUrl = purchase.successUrl();
        checkout.cancelUrl = purchase.cancelUrl();
        checkout.expiresAt = purchase.expiresAt();
        checkout.createdAt = now;
        checkout.updatedAt = now;
        return checkout;
    }

    public boolean isSubscription() {
        return "subscription".equals(mode);
    }

    public boolean inFlight() {
        return CheckoutStatus.IN_FLIGHT.contains(status);
    }

    /** Moves to {@code next} if precedence allows; returns the previous status, or null if nothing changed. */
    public String moveTo(String next, Instant now) {
        if (!CheckoutStatus.mayMove(status, next)) {
            return null;
        }
        String previous = status;
        status = next;
        updatedAt = now;
        if (CheckoutStatus.COMPLETED.equals(next)) {
            completedAt = now;
        }
        if (!CheckoutStatus.IN_FLIGHT.contains(next) && requestKeyDerived) {
            // a derived key only deduplicates a purchase in flight: the same buyer may buy the same thing again
            requestKeyActive = false;
        }
        return previous;
    }

    public void sessionCreated(String sessionId, String url, Instant expiresAt, Instant now) {
        this.stripeSessionId = sessionId;
        this.stripeUrl = url;
        if (expiresAt != null) {
            this.expiresAt = expiresAt;
        }
        this.updatedAt = now;
    }

    public void failed(String reason) {
        this.failureReason = reason;
    }

    /** What Stripe reported about the finished session; unknown values (null) keep what we had. */
    public void recordStripeOutcome(String sessionId, String customerId, String subscriptionId, String paymentIntentId,
                                    String email, Long amountTotalMinor, Long amountDiscountMinor,
                                    String promotionCodeId) {
        if (stripeSessionId == null) {
            stripeSessionId = sessionId;
        }
        stripeCustomerId = firstNonNull(customerId, stripeCustomerId);
        this.subscriptionId = firstNonNull(subscriptionId, this.subscriptionId);
        this.paymentIntentId = firstNonNull(paymentIntentId, this.paymentIntentId);
        if (this.email == null) {
            this.email = email;
        }
        this.amountTotalMinor = firstNonNull(amountTotalMinor, this.amountTotalMinor);
        this.amountDiscountMinor = firstNonNull(amountDiscountMinor, this.amountDiscountMinor);
        this.promotionCodeId = firstNonNull(this.promotionCodeId, promotionCodeId);
    }

    public void couponRedeemed(String couponId) {
        if (this.couponId == null) {
            this.couponId = couponId;
        }
    }

    public void claimedBy(String userId, Instant now) {
        this.userId = userId;
        this.updatedAt = now;
    }

    private static <T> T firstNonNull(T first, T second) {
        return first != null ? first : second;
    }

    public String id() {
        return id;
    }

    public String status() {
        return status;
    }

    public String mode() {
        return mode;
    }

    public String offeringId() {
        return offeringId;
    }

    public String offeringKind() {
        return offeringKind;
    }

    public String priceId() {
        return priceId;
    }

    public String sellerId() {
        return sellerId;
    }

    public String groupId() {
        return groupId;
    }

    public int quantity() {
        return quantity;
    }

    public long unitAmountMinor() {
        return unitAmountMinor;
    }

    public String currency() {
        return currency;
    }

    public String userId() {
        return userId;
    }

    public String email() {
        return email;
    }

    public boolean guest() {
        return guest;
    }

    public String buyerScope() {
        return buyerScope;
    }

    public String requestKey() {
        return requestKey;
    }

    public boolean requestKeyDerived() {
        return requestKeyDerived;
    }

    public String requestFingerprint() {
        return requestFingerprint;
    }

    public String replacesSubscriptionId() {
        return replacesSubscriptionId;
    }

    public String couponId() {
        return couponId;
    }

    public String promotionCodeId() {
        return promotionCodeId;
    }

    public String successUrl() {
        return successUrl;
    }

    public String cancelUrl() {
        return cancelUrl;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String stripeSessionId() {
        return stripeSessionId;
    }

    public String stripeUrl() {
        return stripeUrl;
    }

    public String stripeCustomerId() {
        return stripeCustomerId;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public String paymentIntentId() {
        return paymentIntentId;
    }

    public Long amountTotalMinor() {
        return amountTotalMinor;
    }

    public Long amountDiscountMinor() {
        return amountDiscountMinor;
    }

    public String failureReason() {
        return failureReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }
}
