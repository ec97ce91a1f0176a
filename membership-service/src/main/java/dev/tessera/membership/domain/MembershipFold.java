package dev.tessera.membership.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The state machine, run over a membership's facts in Stripe order. The state and the history are a
 * function of the set of facts alone, so duplicated, delayed or shuffled events give the same result as
 * events in order, and a membership never moves backwards: a fact older than the newest applied one is
 * folded in its place, not on top.
 */
public final class MembershipFold {

    public static final String RENEWED = "renewed";
    /** The reason of the history entry a grace end leaves (past_due to past_due, like a renewal's active to active). */
    public static final String GRACE_ENDED = "grace_ended";

    /** One recorded transition; {@code from} is null for the first. */
    public record Transition(int seq, MembershipStatus from, MembershipStatus to, String reason, String causeEventId,
                             Instant effectiveAt) {
    }

    /** The folded state. */
    public record State(
            MembershipStatus status,
            boolean cancelAtPeriodEnd,
            Instant currentPeriodEnd,
            Instant pastDueSince,
            Instant graceUntil,
            Instant suspendedAt,
            String statusReason,
            Instant statusChangedAt,
            Instant activatedAt,
            int renewals,
            String lastEventId,
            List<Transition> transitions) {
    }

    private MembershipFold() {
    }

    public static State fold(Collection<Fact> facts, Duration gracePeriod) {
        if (facts.isEmpty()) {
            throw new IllegalArgumentException("a membership has at least one fact");
        }
        List<Fact> ordered = new ArrayList<>(facts);
        ordered.sort(Fact.STRIPE_ORDER);

        MembershipStatus status = null;
        boolean cancelAtPeriodEnd = false;
        Instant periodEnd = null;
        Instant pastDueSince = null;
        Instant graceUntil = null;
        Instant suspendedAt = null;
        String statusReason = null;
        Instant statusChangedAt = null;
        Instant activatedAt = null;
        int renewals = 0;
        String lastEventId = null;
        List<Transition> transitions = new ArrayList<>();

        for (Fact fact : ordered) {
            if (fact.kind() == FactKind.GRACE_ENDED) {
                // only the end of the grace period of the past-due episode in progress, once; a payment (or any
                // other change) before it makes it moot
                if (status == MembershipStatus.PAST_DUE && suspendedAt == null && graceUntil != null
                        && !fact.created().isBefore(graceUntil)) {
                    suspendedAt = fact.created();
                    lastEventId = fact.eventId();
                    transitions.add(new Transition(transitions.size() + 1, status, status, GRACE_ENDED, fact.eventId(),
                            fact.created()));
                }
                continue;
            }
            MembershipStatus target = fact.status();
            boolean changes = status != target && MembershipTransitions.allowed(status, target);
            boolean renewal = status == MembershipStatus.ACTIVE && target == MembershipStatus.ACTIVE
                    && fact.kind() == FactKind.INVOICE_PAID && "subscription_cycle".equals(fact.billingReason());
            boolean applies = changes || status == target;
            if (!applies) {
                // a transition the table forbids (back to pending, out of an ended state): kept, ignored
                continue;
            }
            lastEventId = fact.eventId();
            if (fact.periodEnd() != null && (periodEnd == null || fact.periodEnd().isAfter(periodEnd))) {
                periodEnd = fact.periodEnd();
            }
            if (fact.cancelAtPeriodEnd() != null && !target.terminal()) {
                cancelAtPeriodEnd = fact.cancelAtPeriodEnd();
            }
            if (changes) {
                transitions.add(new Transition(transitions.size() + 1, status, target, fact.reason(), fact.eventId(),
                        fact.created()));
                if (target == MembershipStatus.PAST_DUE) {
                    pastDueSince = fact.created();
                    graceUntil = fact.created().plus(gracePeriod);
                } else {
                    pastDueSince = null;
                    graceUntil = null;
                }
                suspendedAt = null;
                if (status == MembershipStatus.PAST_DUE && target == MembershipStatus.ACTIVE) {
                    renewals++;
                }
                if (target == MembershipStatus.ACTIVE && activatedAt == null) {
                    activatedAt = fact.created();
                }
                status = target;
                statusReason = fact.reason();
                statusChangedAt = fact.created();
            } else if (renewal) {
                renewals++;
                transitions.add(new Transition(transitions.size() + 1, status, target, RENEWED, fact.eventId(),
                        fact.created()));
            }
            if (status == MembershipStatus.PAST_DUE && fact.endsGrace()
                    && (graceUntil == null || fact.created().isBefore(graceUntil))) {
                graceUntil = fact.created();
            }
        }
        return new State(status, cancelAtPeriodEnd, periodEnd, pastDueSince, graceUntil, suspendedAt, statusReason,
                statusChangedAt, activatedAt, renewals, lastEventId, List.copyOf(transitions));
    }
}
