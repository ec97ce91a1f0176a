package dev.tessera.checkout.domain;

import dev.tessera.runtime.error.ErrorCode;

/** The stable error codes of checkout-service. Codes are public API: never renamed, never reused. */
public enum CheckoutErrorCode implements ErrorCode {
    GROUP_NOT_FOUND(404, "catalog.group_not_found", "Group not found"),
    OFFERING_NOT_FOUND(404, "catalog.offering_not_found", "Offering not found"),
    COUPON_NOT_FOUND(404, "catalog.coupon_not_found", "Coupon not found"),
    GROUP_ARCHIVED(409, "catalog.group_archived", "Group is archived"),
    GROUP_NOT_ACTIVE(409, "catalog.group_not_active", "Group is not active"),
    OFFERING_ARCHIVED(409, "catalog.offering_archived", "Offering is archived"),
    PLATFORM_PLAN_READ_ONLY(409, "catalog.platform_plan_read_only", "Platform plans are configuration"),
    PRICE_UNCHANGED(409, "catalog.price_unchanged", "Price is unchanged"),
    COUPON_CODE_TAKEN(409, "catalog.coupon_code_taken", "Coupon code already in use"),

    OFFERING_NOT_AVAILABLE(409, "checkout.offering_not_available", "Offering is not on sale"),
    CAPACITY_EXHAUSTED(409, "checkout.capacity_exhausted", "No seats left"),
    NOTHING_TO_PAY(422, "checkout.nothing_to_pay", "Nothing to pay"),
    IDEMPOTENCY_KEY_REUSED(422, "checkout.idempotency_key_reused", "Idempotency key reused with a different request"),
    COUPON_UNKNOWN(422, "checkout.coupon_unknown", "Unknown coupon code"),
    COUPON_NOT_YET_VALID(422, "checkout.coupon_not_yet_valid", "Coupon not valid yet"),
    COUPON_EXPIRED(422, "checkout.coupon_expired", "Coupon expired"),
    COUPON_EXHAUSTED(422, "checkout.coupon_exhausted", "Coupon fully redeemed"),
    COUPON_NOT_APPLICABLE(422, "checkout.coupon_not_applicable", "Coupon does not apply to this offering"),
    REPLACED_SUBSCRIPTION_INVALID(422, "checkout.replaced_subscription_invalid", "Replaced subscription is not switchable"),
    CHECKOUT_NOT_FOUND(404, "checkout.not_found", "Checkout not found"),
    CHECKOUT_NOT_CANCELLABLE(409, "checkout.not_cancellable", "Checkout can no longer be cancelled"),
    CLAIM_NOT_FOUND(404, "checkout.claim_not_found", "Claim not found"),
    CLAIM_EXPIRED(410, "checkout.claim_expired", "Claim expired"),
    CLAIM_ALREADY_USED(409, "checkout.claim_already_used", "Claim already used"),
    STRIPE_REJECTED(502, "checkout.stripe_rejected", "Stripe refused the request"),
    STRIPE_UNAVAILABLE(502, "checkout.stripe_unavailable", "Stripe could not be reached");

    private final Spec spec;

    CheckoutErrorCode(int httpStatus, String code, String title) {
        this.spec = new Spec(httpStatus, code, title);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
