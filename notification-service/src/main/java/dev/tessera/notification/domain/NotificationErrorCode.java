package dev.tessera.notification.domain;

import dev.tessera.runtime.error.ErrorCode;

/** The notification service's own error codes (see the platform's for the generic ones). */
public enum NotificationErrorCode implements ErrorCode {
    DELIVERY_NOT_FOUND(404, "notification.delivery_not_found", "Delivery not found"),
    NOT_REDRIVABLE(409, "notification.not_redrivable", "Delivery cannot be redriven"),
    SELLER_CONTACT_NOT_FOUND(404, "notification.seller_contact_not_found", "Seller contact not found"),
    STRIPE_ACCOUNT_TAKEN(409, "notification.stripe_account_taken", "Stripe account belongs to another seller");

    private final Spec spec;

    NotificationErrorCode(int httpStatus, String code, String title) {
        this.spec = new Spec(httpStatus, code, title);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
