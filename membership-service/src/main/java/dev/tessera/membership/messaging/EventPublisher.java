package dev.tessera.membership.messaging;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.events.membership.EntitlementChanged;
import dev.tessera.events.membership.MembershipChanged;
import dev.tessera.events.membership.MembershipEventTypes;
import dev.tessera.events.membership.SellerPlanChanged;
import dev.tessera.events.membership.TierSwitched;
import dev.tessera.membership.domain.Entitlement;
import dev.tessera.membership.domain.Membership;
import dev.tessera.membership.domain.MembershipStatus;
import dev.tessera.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** membership.events, through the outbox: written in the transaction that changes the state. */
@ApplicationScoped
public class EventPublisher {

    static final String SOURCE = "membership-service";

    private final Outbox outbox;

    EventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    public void membershipChanged(String type, Membership m, MembershipStatus previous, String causationId) {
        boolean suspension = MembershipEventTypes.SUSPENDED.equals(type);
        MembershipChanged data = new MembershipChanged(m.id(), m.sellerId(), m.groupId(), m.offeringId(), m.kind(),
                m.userId(), m.guestEmail(), m.status().wire(), previous == null ? null : previous.wire(),
                m.legacyStatus(Instant.now()).wire(), m.stripeSubscriptionId(), m.stripeAccount(), m.currentPeriodEnd(),
                m.cancelAtPeriodEnd(), m.graceUntil(),
                suspension ? dev.tessera.membership.domain.MembershipFold.GRACE_ENDED : m.statusReason(),
                suspension ? m.suspendedAt() : m.statusChangedAt());
        publish(type, m.id(), causationId, data);
    }

    public void entitlement(String type, Entitlement e, String causationId) {
        publish(type, e.id(), causationId, new EntitlementChanged(e.id(), e.kind(), e.resource(), e.groupResource(),
                e.sellerId(), e.groupId(), e.offeringId(), e.userId(), e.email(), e.sourceType(), e.sourceId(),
                e.validUntil(), e.revokeReason()));
    }

    public void tierSwitched(Membership from, Membership to, String fromSubscriptionId, boolean prorated, Instant at,
                             String causationId) {
        publish(MembershipEventTypes.TIER_SWITCHED, to.id(), causationId, new TierSwitched(to.sellerId(), to.groupId(),
                to.userId(), to.guestEmail(), from == null ? null : from.id(), to.id(),
                from == null ? null : from.offeringId(), to.offeringId(), fromSubscriptionId, to.stripeSubscriptionId(),
                prorated, at));
    }

    public void sellerPlanChanged(SellerPlanChanged data, String causationId) {
        publish(MembershipEventTypes.SELLER_PLAN_CHANGED, data.sellerId(), causationId, data);
    }

    private void publish(String type, String subject, String causationId, Object data) {
        outbox.publish(Topics.MEMBERSHIP_EVENTS, DomainEvent.of(type, MembershipEventTypes.VERSION, SOURCE, subject,
                causationId, data));
    }
}
