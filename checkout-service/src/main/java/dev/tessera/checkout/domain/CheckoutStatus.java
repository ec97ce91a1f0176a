package dev.tessera.checkout.domain;

import java.util.Map;
import java.util.Set;

/**
 * The states of a checkout and the order in which they may follow one another. Stripe events can arrive twice
 * and out of order, so a change is applied only if it moves a checkout to a state of higher precedence: a
 * late {@code checkout.session.expired} never undoes a completion, and a completion (money taken) wins over a
 * local cancellation or a lost creation.
 */
public final class CheckoutStatus {

    /** Recorded, seat held; the Checkout Session is being created. */
    public static final String CREATING = "creating";
    /** The session exists; the buyer can pay. */
    public static final String OPEN = "open";
    /** Stripe refused to create the session. */
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String EXPIRED = "expired";
    /** The session completed with a delayed payment method; waiting for the money. */
    public static final String AWAITING_PAYMENT = "awaiting_payment";
    public static final String PAYMENT_FAILED = "payment_failed";
    public static final String COMPLETED = "completed";

    private static final Map<String, Integer> PRECEDENCE = Map.of(
            CREATING, 0,
            OPEN, 1,
            FAILED, 2,
            CANCELLED, 2,
            EXPIRED, 2,
            AWAITING_PAYMENT, 3,
            PAYMENT_FAILED, 4,
            COMPLETED, 5);

    /** States in which a checkout still holds a seat and may still change by itself. */
    public static final Set<String> IN_FLIGHT = Set.of(CREATING, OPEN, AWAITING_PAYMENT);

    /** States that release the seat. */
    public static final Set<String> RELEASING = Set.of(FAILED, CANCELLED, EXPIRED, PAYMENT_FAILED);

    private CheckoutStatus() {
    }

    public static boolean mayMove(String from, String to) {
        return precedence(to) > precedence(from);
    }

    private static int precedence(String status) {
        Integer value = PRECEDENCE.get(status);
        if (value == null) {
            throw new IllegalStateException("unknown checkout status " + status);
        }
        return value;
    }
}
