package dev.tessera.membership.api;

import dev.tessera.membership.domain.Entitlement;
import dev.tessera.membership.domain.Membership;
import dev.tessera.membership.domain.MembershipFold;
import java.time.Instant;
import java.util.List;

/** Response bodies. */
public final class Views {

    private Views() {
    }

    public record MembershipView(String id, String kind, String sellerId, String groupId, String offeringId, String plan,
                                 String userId, String guestEmail, String status, String legacyStatus,
                                 boolean cancelAtPeriodEnd, Instant currentPeriodEnd, Instant graceUntil,
                                 Instant suspendedAt, String statusReason, Instant statusChangedAt, Instant activatedAt,
                                 String stripeSubscriptionId, List<TransitionView> history) {

        static MembershipView of(Membership m, List<MembershipFold.Transition> history) {
            return new MembershipView(m.id(), m.kind(), m.sellerId(), m.groupId(), m.offeringId(), m.plan(), m.userId(),
                    m.guestEmail(), m.status().wire(), m.legacyStatus(Instant.now()).wire(), m.cancelAtPeriodEnd(),
                    m.currentPeriodEnd(), m.graceUntil(), m.suspendedAt(), m.statusReason(), m.statusChangedAt(),
                    m.activatedAt(),
                    m.stripeSubscriptionId(), history == null ? null : history.stream().map(TransitionView::of).toList());
        }
    }

    public record TransitionView(int seq, String from, String to, String reason, String causeEventId, Instant effectiveAt) {

        static TransitionView of(MembershipFold.Transition t) {
            return new TransitionView(t.seq(), t.from() == null ? null : t.from().wire(), t.to().wire(), t.reason(),
                    t.causeEventId(), t.effectiveAt());
        }
    }

    public record EntitlementView(String id, String kind, String resource, String groupResource, String sellerId,
                                  String groupId, String offeringId, String status, Instant validUntil, Instant grantedAt,
                                  Instant revokedAt, String revokeReason, String sourceType, String sourceId) {

        static EntitlementView of(Entitlement e) {
            return new EntitlementView(e.id(), e.kind(), e.resource(), e.groupResource(), e.sellerId(), e.groupId(),
                    e.offeringId(), e.status(), e.validUntil(), e.grantedAt(), e.revokedAt(), e.revokeReason(),
                    e.sourceType(), e.sourceId());
        }
    }

    public record AccessView(String resource, boolean allowed, Instant validUntil) {
    }

    public record MemberView(String membershipId, String userId, String guestEmail, String offeringId, String status,
                             String legacyStatus, boolean cancelAtPeriodEnd, Instant currentPeriodEnd, Instant graceUntil,
                             Instant activatedAt) {

        static MemberView of(Membership m) {
            return new MemberView(m.id(), m.userId(), m.guestEmail(), m.offeringId(), m.status().wire(),
                    m.legacyStatus(Instant.now()).wire(), m.cancelAtPeriodEnd(), m.currentPeriodEnd(), m.graceUntil(),
                    m.activatedAt());
        }
    }

    public record MemberPage(String groupId, List<MemberView> members, String nextCursor) {
    }

    /**
     * A user's standing in a group for the platform's existing gating: {@code status} is the legacy status
     * ({@code active}, {@code pending}, {@code suspended}) of the membership that counts (the best of the user's
     * memberships of the group's tiers, the newest among equals).
     */
    public record LegacyMemberView(String groupId, String userId, String status, String membershipId, String offeringId,
                                   String membershipStatus, Instant graceUntil) {

        static LegacyMemberView of(String groupId, String userId, Membership m, Instant now) {
            return new LegacyMemberView(groupId, userId, m.legacyStatus(now).wire(), m.id(), m.offeringId(),
                    m.status().wire(), m.graceUntil());
        }
    }
}
