package dev.tessera.membership.domain;

import dev.tessera.events.membership.MembershipEventTypes;
import dev.tessera.membership.messaging.EventPublisher;
import dev.tessera.membership.persistence.EntitlementStore;
import dev.tessera.membership.persistence.RecordsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Grants and revocations. Membership grants are reconciled against the membership's state (so applying the
 * same state twice changes nothing); purchase grants follow checkout, refunds, disputes and claims.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EntitlementService {

    private static final Logger LOG = Logger.getLogger(EntitlementService.class);

    private final EntitlementStore store;
    private final RecordsStore records;
    private final EventPublisher events;

    EntitlementService(EntitlementStore store, RecordsStore records, EventPublisher events) {
        this.store = store;
        this.records = records;
        this.events = events;
    }

    /**
     * Makes the membership's tier grant match its state: held while live, until the grace period ends when past
     * due (the access check compares {@code valid_until} with the clock; once the end is recorded, the grant is
     * revoked, and granted again if the membership is paid).
     */
    public void reconcileMembership(Membership m, String causationId) {
        if (m.isPlan() || m.groupId() == null && m.offeringId() == null) {
            return;
        }
        String resource = Resources.resource("tier", m.offeringId());
        boolean wanted = m.status().live() && !m.suspended() && m.hasHolder();
        Instant validUntil = m.status() == MembershipStatus.PAST_DUE ? m.graceUntil() : null;
        Optional<Entitlement> existing = store.lockBySource(Entitlement.SOURCE_MEMBERSHIP, m.id(), resource);
        Instant now = Instant.now();
        if (existing.isEmpty()) {
            if (wanted) {
                Entitlement granted = new Entitlement(Ids.entitlement(), "tier", resource, Resources.group(m.groupId()),
                        m.sellerId(), m.groupId(), m.offeringId(), m.userId(), m.userId() == null ? m.guestEmail() : null,
                        Entitlement.SOURCE_MEMBERSHIP, m.id(), m.checkoutId(), null, Entitlement.ACTIVE, validUntil, now,
                        null, null);
                if (store.insertIfAbsent(granted)) {
                    events.entitlement(MembershipEventTypes.ENTITLEMENT_GRANTED, granted, causationId);
                }
            }
            return;
        }
        Entitlement e = existing.get();
        if (wanted) {
            boolean holderMoved = m.userId() != null && !m.userId().equals(e.userId());
            Entitlement updated = new Entitlement(e.id(), e.kind(), e.resource(), e.groupResource(), e.sellerId(),
                    e.groupId(), e.offeringId(), m.userId() != null ? m.userId() : e.userId(), e.email(), e.sourceType(),
                    e.sourceId(), e.checkoutId(), e.paymentIntentId(), Entitlement.ACTIVE, validUntil, e.grantedAt(),
                    null, null);
            if (!updated.equals(e)) {
                store.update(updated);
            }
            if (!e.active() || holderMoved) {
                events.entitlement(MembershipEventTypes.ENTITLEMENT_GRANTED, updated, causationId);
            }
        } else if (e.active()) {
            revoke(e, m.suspended() ? MembershipFold.GRACE_ENDED
                    : m.statusReason() == null ? m.status().wire() : m.statusReason(), causationId);
        }
    }

    /** Grants what a paid purchase buys; a purchase whose payment was already revoked is recorded revoked. */
    public void grantPurchase(Purchase p, String causationId) {
        Optional<String> kind = Resources.entitlementKind(p.offeringKind());
        if (kind.isEmpty()) {
            LOG.debugf("purchase %s of kind %s grants no access", p.sessionId(), p.offeringKind());
            return;
        }
        String userId = p.userId();
        if (userId == null) {
            userId = records.findClaim(p.checkoutId(), p.sessionId(), null).map(RecordsStore.GuestClaim::userId).orElse(null);
        }
        if (userId == null && p.email() == null) {
            throw new IllegalArgumentException("purchase " + p.sessionId() + " names neither a user nor an e-mail");
        }
        Optional<RecordsStore.Revocation> revoked = p.paymentIntentId() == null ? Optional.empty()
                : records.findRevocation(p.paymentIntentId());
        Entitlement e = new Entitlement(Ids.entitlement(), kind.get(), Resources.resource(kind.get(), p.offeringId()),
                null, p.sellerId(), p.groupId(), p.offeringId(), userId, userId == null ? normalize(p.email()) : null,
                Entitlement.SOURCE_PURCHASE, p.sessionId(), p.checkoutId(), p.paymentIntentId(),
                revoked.isPresent() ? Entitlement.REVOKED : Entitlement.ACTIVE, null, p.paidAt(),
                revoked.map(r -> p.paidAt()).orElse(null), revoked.map(RecordsStore.Revocation::reason).orElse(null));
        if (store.insertIfAbsent(e) && revoked.isEmpty()) {
            events.entitlement(MembershipEventTypes.ENTITLEMENT_GRANTED, e, causationId);
        }
    }

    /** Revokes the purchases a payment bought; returns how many grants that payment had. */
    public int revokePurchases(String paymentIntentId, String reason, String causationId) {
        List<Entitlement> grants = store.lockPurchasesByPaymentIntent(paymentIntentId);
        for (Entitlement e : grants) {
            if (e.active()) {
                revoke(e, reason, causationId);
            }
        }
        return grants.size();
    }

    /** Moves a guest's unclaimed purchases to the user. */
    public void claimPurchases(RecordsStore.GuestClaim claim, String causationId) {
        for (Entitlement e : store.lockPurchasesForClaim(claim.checkoutId(), claim.sessionId(), claim.paymentIntentId())) {
            Entitlement moved = new Entitlement(e.id(), e.kind(), e.resource(), e.groupResource(), e.sellerId(), e.groupId(),
                    e.offeringId(), claim.userId(), e.email(), e.sourceType(), e.sourceId(), e.checkoutId(),
                    e.paymentIntentId(), e.status(), e.validUntil(), e.grantedAt(), e.revokedAt(), e.revokeReason());
            store.update(moved);
            if (moved.active()) {
                events.entitlement(MembershipEventTypes.ENTITLEMENT_GRANTED, moved, causationId);
            }
        }
    }

    private void revoke(Entitlement e, String reason, String causationId) {
        Entitlement revoked = new Entitlement(e.id(), e.kind(), e.resource(), e.groupResource(), e.sellerId(), e.groupId(),
                e.offeringId(), e.userId(), e.email(), e.sourceType(), e.sourceId(), e.checkoutId(), e.paymentIntentId(),
                Entitlement.REVOKED, e.validUntil(), e.grantedAt(), Instant.now(), Objects.requireNonNullElse(reason, "revoked"));
        store.update(revoked);
        events.entitlement(MembershipEventTypes.ENTITLEMENT_REVOKED, revoked, causationId);
    }

    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
