package dev.tessera.membership.domain;

import static dev.tessera.membership.domain.MembershipStatus.ACTIVE;
import static dev.tessera.membership.domain.MembershipStatus.CANCELLED;
import static dev.tessera.membership.domain.MembershipStatus.EXPIRED;
import static dev.tessera.membership.domain.MembershipStatus.PAST_DUE;
import static dev.tessera.membership.domain.MembershipStatus.PENDING;
import static dev.tessera.membership.domain.MembershipStatus.REVOKED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The transition table of the membership state machine. A fact that would take a membership along a
 * transition not listed here (back to pending, out of an ended state) is kept but changes nothing.
 *
 * <pre>
 * from \ to   pending active past_due cancelled expired revoked
 * (new)         x       x      x         x        x       x
 * pending               x      x         x        x       x
 * active               (x)     x         x        x       x     (x): renewal, recorded, same state
 * past_due              x                x        x       x
 * cancelled                                               x
 * expired                                                 x
 * revoked
 * </pre>
 */
public final class MembershipTransitions {

    private static final Map<MembershipStatus, Set<MembershipStatus>> ALLOWED = new EnumMap<>(MembershipStatus.class);

    static {
        ALLOWED.put(PENDING, EnumSet.of(ACTIVE, PAST_DUE, CANCELLED, EXPIRED, REVOKED));
        ALLOWED.put(ACTIVE, EnumSet.of(PAST_DUE, CANCELLED, EXPIRED, REVOKED));
        ALLOWED.put(PAST_DUE, EnumSet.of(ACTIVE, CANCELLED, EXPIRED, REVOKED));
        ALLOWED.put(CANCELLED, EnumSet.of(REVOKED));
        ALLOWED.put(EXPIRED, EnumSet.of(REVOKED));
        ALLOWED.put(REVOKED, EnumSet.noneOf(MembershipStatus.class));
    }

    private MembershipTransitions() {
    }

    /** Whether a membership in {@code from} (null: not yet known) may move to {@code to}. */
    public static boolean allowed(MembershipStatus from, MembershipStatus to) {
        return from == null || ALLOWED.get(from).contains(to);
    }

    public static Set<MembershipStatus> targets(MembershipStatus from) {
        return Set.copyOf(ALLOWED.get(from));
    }
}
