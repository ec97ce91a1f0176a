package dev.tessera.events.checkout;

import java.util.List;

/**
 * Event types on {@code checkout.events} (source {@code checkout-service}), all version 1.
 *
 * <ul>
 *   <li>{@link #OPENED}, {@link #AWAITING_PAYMENT}, {@link #COMPLETED}, {@link #PAYMENT_FAILED},
 *       {@link #EXPIRED}, {@link #CANCELLED}, {@link #FAILED}: {@link CheckoutChanged}, subject the checkout id;</li>
 *   <li>{@link #GUEST_CLAIM_ISSUED}: {@link GuestClaimIssued}, subject the checkout id (the notification service
 *       e-mails the claim link);</li>
 *   <li>{@link #GUEST_CLAIMED}: {@link GuestClaimed}, subject the checkout id.</li>
 * </ul>
 */
public final class CheckoutEventTypes {

    /** A Checkout Session was created; the buyer can pay at its URL until it expires. */
    public static final String OPENED = "checkout.opened";
    /** The buyer finished the session with a delayed payment method; the money has not arrived yet. */
    public static final String AWAITING_PAYMENT = "checkout.awaiting_payment";
    /** Paid (or nothing to pay): the purchase is final. */
    public static final String COMPLETED = "checkout.completed";
    /** The delayed payment failed. */
    public static final String PAYMENT_FAILED = "checkout.payment_failed";
    /** The session expired unpaid. */
    public static final String EXPIRED = "checkout.expired";
    /** The buyer (or support) cancelled the checkout before paying. */
    public static final String CANCELLED = "checkout.cancelled";
    /** Stripe refused to create the session. */
    public static final String FAILED = "checkout.failed";
    public static final String GUEST_CLAIM_ISSUED = "checkout.guest_claim_issued";
    public static final String GUEST_CLAIMED = GuestClaimed.TYPE;

    public static final List<String> ALL = List.of(OPENED, AWAITING_PAYMENT, COMPLETED, PAYMENT_FAILED, EXPIRED,
            CANCELLED, FAILED, GUEST_CLAIM_ISSUED, GUEST_CLAIMED);

    public static final int VERSION = 1;

    private CheckoutEventTypes() {
    }
}
