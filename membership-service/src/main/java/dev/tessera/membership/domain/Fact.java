package dev.tessera.membership.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One fact about a membership, from one event: when Stripe says it happened ({@code created}, one-second
 * resolution), which state it implies, and what it says about cancellation and the paid period.
 *
 * @param precedence orders facts of the same second: the status's precedence, raised for Stripe states
 *        later in a life than their status says ({@code unpaid} after {@code past_due})
 * @param tiebreak orders facts of the same second and precedence: snapshots fetched from Stripe (1) come
 *        after the events (0) they were fetched to decide between
 * @param cancelAtPeriodEnd null when the fact does not say
 * @param periodEnd end of the paid period the fact reports, or null
 * @param endsGrace the fact says Stripe gave up retrying ({@code unpaid}, {@code paused}): no more grace
 */
public record Fact(
        String eventId,
        FactKind kind,
        Instant created,
        MembershipStatus status,
        String stripeStatus,
        int precedence,
        int tiebreak,
        Boolean cancelAtPeriodEnd,
        Instant periodEnd,
        String billingReason,
        String reason,
        boolean endsGrace) {

    /**
     * Stripe time, then precedence, then snapshots last; within one second, invoices before the subscription
     * updates they cause (Stripe's own order), so a payment, not its echo, is what a transition is attributed
     * to; then the event id (any fixed order will do).
     */
    public static final Comparator<Fact> STRIPE_ORDER = Comparator.comparing(Fact::created)
            .thenComparingInt(Fact::precedence)
            .thenComparingInt(Fact::tiebreak)
            .thenComparingInt(Fact::kindOrder)
            .thenComparing(Fact::eventId);

    private int kindOrder() {
        return switch (kind) {
            case INVOICE_PAID, INVOICE_FAILED -> 0;
            case CHECKOUT -> 1;
            case SUBSCRIPTION -> 2;
            default -> 3;
        };
    }

    public Fact {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public static Fact of(String eventId, FactKind kind, Instant created, MembershipStatus status, String reason) {
        return new Fact(eventId, kind, created, status, null, status.precedence(), 0, null, null, null, reason, false);
    }

    /**
     * The grace period that ended at {@code graceUntil}. Its id is the natural key of that end (one past-due
     * episode has one grace end), so recording it twice records it once. It sorts with Stripe's own "grace is
     * over" states ({@code unpaid}, precedence 3) and after them and their refetched snapshots within a second
     * (tiebreak 2): a payment or a past-due report of the same second comes first, an end of the subscription after.
     */
    public static Fact graceEnded(Instant graceUntil) {
        return new Fact(graceEndedId(graceUntil), FactKind.GRACE_ENDED, graceUntil, MembershipStatus.PAST_DUE, null, 3, 2,
                null, null, null, MembershipFold.GRACE_ENDED, false);
    }

    public static String graceEndedId(Instant graceUntil) {
        return "grace-ended:" + graceUntil.getEpochSecond();
    }

    public Fact withCancelAtPeriodEnd(Boolean value) {
        return new Fact(eventId, kind, created, status, stripeStatus, precedence, tiebreak, value, periodEnd,
                billingReason, reason, endsGrace);
    }

    public Fact withPeriodEnd(Instant value) {
        return new Fact(eventId, kind, created, status, stripeStatus, precedence, tiebreak, cancelAtPeriodEnd, value,
                billingReason, reason, endsGrace);
    }

    public Fact withBillingReason(String value) {
        return new Fact(eventId, kind, created, status, stripeStatus, precedence, tiebreak, cancelAtPeriodEnd,
                periodEnd, value, reason, endsGrace);
    }

    public Fact withStripeStatus(String value, int precedence, boolean endsGrace) {
        return new Fact(eventId, kind, created, status, value, precedence, tiebreak, cancelAtPeriodEnd, periodEnd,
                billingReason, reason, endsGrace);
    }

    public Fact asSnapshot(String snapshotEventId, Instant at) {
        return new Fact(snapshotEventId, FactKind.SNAPSHOT, at, status, stripeStatus, precedence, 1, cancelAtPeriodEnd,
                periodEnd, billingReason, reason, endsGrace);
    }

    /** Same second, same precedence, both full subscription states, yet they disagree: order cannot decide. */
    public boolean conflictsWith(Fact other) {
        return created.equals(other.created) && precedence == other.precedence && tiebreak == other.tiebreak
                && kind == FactKind.SUBSCRIPTION && other.kind == FactKind.SUBSCRIPTION
                && !eventId.equals(other.eventId)
                && !(Objects.equals(status, other.status) && Objects.equals(cancelAtPeriodEnd, other.cancelAtPeriodEnd)
                        && Objects.equals(periodEnd, other.periodEnd));
    }
}
