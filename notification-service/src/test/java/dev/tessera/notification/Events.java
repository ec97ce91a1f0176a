package dev.tessera.notification;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.membership.MembershipChanged;
import java.time.Instant;

/** Domain events of the other services, as their contracts define them. */
final class Events {

    private Events() {
    }

    static DomainEvent membership(String type, String membershipId, String userId, String guestEmail, String status,
                                  Instant currentPeriodEnd, boolean cancelAtPeriodEnd, Instant effectiveAt) {
        MembershipChanged data = new MembershipChanged(membershipId, "sel_m", "grp_m", "off_m", "membership_tier",
                userId, guestEmail, status, null, status, "sub_" + membershipId, null, currentPeriodEnd,
                cancelAtPeriodEnd, null, "test", effectiveAt);
        return DomainEvent.of(type, 1, "membership-service", membershipId, null, data);
    }
}
