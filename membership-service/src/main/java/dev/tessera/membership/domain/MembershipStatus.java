package dev.tessera.membership.domain;

import java.util.Locale;

/**
 * The states of a membership. {@link #precedence()} orders states that Stripe reports within the same
 * second (its {@code created} has one-second resolution): the later a state is in a subscription's life,
 * the higher, so a tie never moves a membership backwards.
 */
public enum MembershipStatus {
    /** Bought, first payment not confirmed yet (Stripe {@code incomplete}, delayed payment methods). */
    PENDING(0, false),
    /** Paid up (Stripe {@code active}, {@code trialing}). */
    ACTIVE(1, false),
    /** A renewal payment failed; access is kept until the grace period ends (Stripe {@code past_due}, {@code unpaid}). */
    PAST_DUE(2, false),
    /** Ended by a cancellation (the member's, the seller's, or a tier switch). */
    CANCELLED(4, true),
    /** Ended because it was never paid or payment kept failing (Stripe {@code incomplete_expired}, deleted unpaid). */
    EXPIRED(4, true),
    /** Taken back: the payment was fully refunded or a dispute was lost. */
    REVOKED(5, true);

    private final int precedence;
    private final boolean terminal;

    MembershipStatus(int precedence, boolean terminal) {
        this.precedence = precedence;
        this.terminal = terminal;
    }

    public int precedence() {
        return precedence;
    }

    public boolean terminal() {
        return terminal;
    }

    /** Active or past due: the member holds the membership (with access while in grace). */
    public boolean live() {
        return this == ACTIVE || this == PAST_DUE;
    }

    /** The name on the wire and in the database: {@code past_due}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MembershipStatus fromWire(String value) {
        for (MembershipStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown membership status " + value);
    }
}
