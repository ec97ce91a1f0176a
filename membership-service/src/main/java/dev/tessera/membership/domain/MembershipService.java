package dev.tessera.membership.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.membership.MembershipEventTypes;
import dev.tessera.events.membership.SellerPlanChanged;
import dev.tessera.membership.messaging.EventPublisher;
import dev.tessera.membership.messaging.StripeObjects;
import dev.tessera.membership.persistence.MembershipStore;
import dev.tessera.membership.persistence.RecordsStore;
import dev.tessera.membership.stripe.StripeSubscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Applies facts to memberships: records the fact, folds all facts of the membership into its state and
 * history, and carries out what the new state calls for (events, grants, plan changes, tier switches).
 * Everything happens in the caller's transaction, under a lock on the membership row.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MembershipService {

    private static final Logger LOG = Logger.getLogger(MembershipService.class);

    private final MembershipStore store;
    private final RecordsStore records;
    private final EntitlementService entitlements;
    private final EventPublisher events;
    private final StripeSubscriptions stripe;
    private final MembershipConfig config;
    private final io.micrometer.core.instrument.MeterRegistry registry;

    MembershipService(MembershipStore store, RecordsStore records, EntitlementService entitlements,
                      EventPublisher events, StripeSubscriptions stripe, MembershipConfig config,
                      io.micrometer.core.instrument.MeterRegistry registry) {
        this.registry = registry;
        this.store = store;
        this.records = records;
        this.entitlements = entitlements;
        this.events = events;
        this.stripe = stripe;
        this.config = config;
    }

    /**
     * Applies one fact about the membership of {@code subscriptionId}. A subscription Tessera does not know
     * and whose event carries no Tessera attribution is not ours: ignored.
     *
     * @return the membership after the fact, if there is one
     */
    public Optional<Membership> apply(String subscriptionId, Attribution attribution, Fact fact, String causationId) {
        Optional<Membership> locked = store.lockBySubscription(subscriptionId);
        boolean created = false;
        Attribution known = withClaim(attribution, subscriptionId);
        if (locked.isEmpty()) {
            if (!attribution.identifiesOffering() || !attribution.isMembershipKind()) {
                LOG.debugf("%s: subscription %s carries no Tessera membership metadata; ignored", fact.eventId(),
                        subscriptionId);
                return Optional.empty();
            }
            created = store.insertIfAbsent(Ids.membership(), subscriptionId, known, attribution.offeringKind(),
                    fact.status());
            locked = store.lockBySubscription(subscriptionId);
            if (created) {
                for (RecordsStore.Revocation r : records.revocationsOfSubscription(subscriptionId)) {
                    store.addFact(locked.get().id(), revokeFact(r));
                }
            } else {
                // another consumer created it between our look-up and our insert (a checkout session and its
                // subscription's events arrive at once on different topics): what this event knows still counts
                store.enrich(locked.get().id(), known);
            }
        } else {
            store.enrich(locked.get().id(), known);
        }
        Membership before = locked.orElseThrow();
        if (!store.addFact(before.id(), fact) && !created) {
            LOG.debugf("%s: fact already recorded for %s", fact.eventId(), before.id());
        }
        decideTies(before, fact);
        return Optional.of(refold(before, created, causationId));
    }

    /** Applies a fact to a membership known by id (revocations, snapshots of our own Stripe calls). */
    public Membership applyTo(String membershipId, Fact fact, String causationId) {
        Membership before = store.lock(membershipId).orElseThrow();
        store.addFact(membershipId, fact);
        return refold(before, false, causationId);
    }

    /** The holder moves from the guest's e-mail to the user (a claim). */
    public void assignUser(String membershipId, String userId, String causationId) {
        Membership before = store.lock(membershipId).orElseThrow();
        if (before.userId() != null) {
            return;
        }
        store.assignUser(membershipId, userId);
        Membership after = store.find(membershipId).orElseThrow();
        entitlements.reconcileMembership(after, causationId);
        if (after.status() == MembershipStatus.ACTIVE) {
            enforceSingleActive(after, causationId);
        }
    }

    public static Fact revokeFact(RecordsStore.Revocation r) {
        return Fact.of("revoke:" + r.paymentIntentId(), FactKind.REVOKE, r.created(), MembershipStatus.REVOKED, r.reason());
    }

    /**
     * Two subscription snapshots of the same second and precedence that disagree cannot be ordered from the
     * events: ask Stripe for the subscription as it is now, and fold that in after them.
     */
    private void decideTies(Membership m, Fact fact) {
        if (fact.kind() != FactKind.SUBSCRIPTION) {
            return;
        }
        List<Fact> facts = store.facts(m.id());
        boolean conflict = facts.stream().anyMatch(other -> other.conflictsWith(fact));
        boolean decided = facts.stream().anyMatch(other -> other.kind() == FactKind.SNAPSHOT
                && other.created().equals(fact.created()) && other.precedence() == fact.precedence());
        if (!conflict || decided) {
            return;
        }
        if (!stripe.configured()) {
            LOG.warnf("%s: events of %s tie at %s and disagree; Stripe is not configured to decide",
                    fact.eventId(), m.stripeSubscriptionId(), fact.created());
            return;
        }
        try {
            JsonNode subscription = stripe.retrieve(m.stripeSubscriptionId(), m.stripeAccount());
            Fact snapshot = StripeObjects.subscriptionFact("refetch:" + fact.eventId(), fact.created(), subscription,
                    "stripe_refetch").asSnapshot("refetch:" + fact.eventId(), fact.created());
            store.addFact(m.id(), snapshot);
            LOG.infof("%s: tie at %s on %s decided by Stripe: %s", fact.eventId(), fact.created(),
                    m.stripeSubscriptionId(), snapshot.stripeStatus());
        } catch (StripeSubscriptions.StripeCallException e) {
            // the fold still gives an answer (event id order); a later event or redrive corrects it
            LOG.warnf("%s: could not refetch %s to decide a tie: %s", fact.eventId(), m.stripeSubscriptionId(),
                    e.getMessage());
        }
    }

    private Attribution withClaim(Attribution a, String subscriptionId) {
        if (a.userId() != null) {
            return a;
        }
        return records.findClaim(a.checkoutId(), a.checkoutSessionId(), subscriptionId)
                .map(claim -> new Attribution(a.sellerId(), a.offeringId(), a.offeringKind(), a.groupId(), a.checkoutId(),
                        claim.userId(), a.guestEmail(), a.replacesSubscriptionId(), a.plan(), a.commissionBps(),
                        a.checkoutSessionId(), a.stripeCustomerId(), a.stripeAccount()))
                .orElse(a);
    }

    private Membership refold(Membership before, boolean created, String causationId) {
        MembershipFold.State state = MembershipFold.fold(store.facts(before.id()), config.gracePeriod());
        store.saveState(before.id(), state);
        Membership after = store.find(before.id()).orElseThrow();
        publishChange(created ? null : before, after, causationId);
        if (after.status() == MembershipStatus.REVOKED && (created || before.status() != MembershipStatus.REVOKED)) {
            stopBilling(after, state, causationId);
        }
        entitlements.reconcileMembership(after, causationId);
        if (after.isPlan()) {
            reconcileSellerPlan(after, causationId);
        }
        if (after.status() == MembershipStatus.ACTIVE) {
            enforceSingleActive(after, causationId);
        }
        return after;
    }

    private void publishChange(Membership before, Membership after, String causationId) {
        MembershipStatus previous = before == null ? null : before.status();
        String type = null;
        if (previous != after.status()) {
            type = switch (after.status()) {
                case PENDING -> null;
                case ACTIVE -> previous == MembershipStatus.PAST_DUE ? MembershipEventTypes.RENEWED
                        : MembershipEventTypes.ACTIVATED;
                case PAST_DUE -> MembershipEventTypes.PAST_DUE;
                case CANCELLED -> MembershipEventTypes.CANCELLED;
                case EXPIRED -> MembershipEventTypes.EXPIRED;
                case REVOKED -> MembershipEventTypes.REVOKED;
            };
        } else if (after.status() == MembershipStatus.ACTIVE && after.renewals() > before.renewals()) {
            type = MembershipEventTypes.RENEWED;
        } else if (after.suspended() && (before == null || !before.suspended())) {
            type = MembershipEventTypes.SUSPENDED;
        }
        if (type != null) {
            events.membershipChanged(type, after, previous, causationId);
            registry.counter("tessera.membership.changes", "type", type, "kind", after.kind()).increment();
        }
    }

    /**
     * A member never holds two live memberships in one group (a seller: two platform plans). The newest
     * activation wins, except that a membership another live one explicitly replaces never does; the others
     * are superseded: ended here at once, and cancelled at Stripe exactly once by {@link SubscriptionCancellations}.
     */
    private void enforceSingleActive(Membership m, String causationId) {
        List<Membership> live = store.liveInScope(m);
        if (live.stream().noneMatch(x -> x.id().equals(m.id()))) {
            return;
        }
        Set<String> replaced = live.stream().map(Membership::replacesSubscriptionId).filter(s -> s != null)
                .collect(Collectors.toSet());
        Membership winner = live.stream().filter(x -> !replaced.contains(x.stripeSubscriptionId()))
                .filter(x -> x.status() == MembershipStatus.ACTIVE)
                .max(Comparator.comparing((Membership x) -> x.activatedAt() == null ? Instant.EPOCH : x.activatedAt())
                        .thenComparing(Membership::id))
                .orElse(m);
        for (Membership other : live) {
            if (!other.id().equals(winner.id())) {
                supersede(other.stripeSubscriptionId(), Optional.of(other), winner, causationId);
            }
        }
        if (winner.replacesSubscriptionId() != null && live.stream()
                .noneMatch(x -> x.stripeSubscriptionId().equals(winner.replacesSubscriptionId()))) {
            Optional<Membership> old = store.findBySubscription(winner.replacesSubscriptionId());
            if (old.isEmpty()) {
                // not known here (yet): Stripe still bills it, so it is cancelled all the same
                supersede(winner.replacesSubscriptionId(), Optional.empty(), winner, causationId);
            } else if (old.get().status() == MembershipStatus.PENDING) {
                supersede(winner.replacesSubscriptionId(), old, winner, causationId);
            }
        }
    }

    private void supersede(String subscriptionId, Optional<Membership> old, Membership winner, String causationId) {
        boolean prorate = config.tierSwitch().prorate();
        boolean invoiceNow = config.tierSwitch().invoiceNow();
        String account = old.map(Membership::stripeAccount).orElse(null);
        boolean first = records.insertCancellation(new RecordsStore.Cancellation(subscriptionId,
                old.map(Membership::id).orElse(null), winner.id(), RecordsStore.Cancellation.TIER_SWITCH,
                account != null ? account : winner.stripeAccount(), prorate, invoiceNow,
                SubscriptionCancellations.tierSwitchKey(subscriptionId, winner.id(), prorate, invoiceNow), "pending", 0,
                causationId));
        Instant at = winner.activatedAt() != null ? winner.activatedAt() : winner.statusChangedAt();
        if (old.isPresent()) {
            applyTo(old.get().id(), Fact.of("superseded-by:" + winner.id(), FactKind.SUPERSEDED, at,
                    MembershipStatus.CANCELLED, "tier_switched"), causationId);
        }
        if (first) {
            LOG.infof("membership %s replaces subscription %s; cancelling it at Stripe", winner.id(), subscriptionId);
            events.tierSwitched(old.orElse(null), winner, subscriptionId, prorate, at, causationId);
        }
    }

    /**
     * A revoked membership (full refund, lost dispute) must not keep billing: its subscription is queued for
     * cancellation at Stripe, once, unless Stripe had already ended it before the revocation (a tier switch's
     * queued cancellation stays the one sent). No proration and no final invoice: the money went back.
     */
    private void stopBilling(Membership m, MembershipFold.State state, String causationId) {
        MembershipStatus from = state.transitions().isEmpty() ? null
                : state.transitions().get(state.transitions().size() - 1).from();
        if (from == MembershipStatus.CANCELLED || from == MembershipStatus.EXPIRED) {
            LOG.debugf("membership %s was revoked after its subscription %s ended; nothing to cancel", m.id(),
                    m.stripeSubscriptionId());
            return;
        }
        if (records.insertCancellation(new RecordsStore.Cancellation(m.stripeSubscriptionId(), m.id(), null,
                RecordsStore.Cancellation.REVOKED, m.stripeAccount(), false, false,
                SubscriptionCancellations.revokeKey(m.id()), "pending", 0, causationId))) {
            LOG.infof("membership %s revoked (%s); cancelling subscription %s at Stripe", m.id(), m.statusReason(),
                    m.stripeSubscriptionId());
        }
    }

    /**
     * Records that the grace period of a past-due membership ran out, once per past-due episode (the fact's id is
     * the grace end), which the fold turns into a suspension: history entry, {@code membership.suspended}, the
     * tier grant revoked. The membership must be locked by the caller.
     *
     * @return whether the end was recorded now
     */
    public boolean endGrace(Membership locked) {
        if (locked.status() != MembershipStatus.PAST_DUE || locked.suspendedAt() != null || locked.graceUntil() == null
                || locked.graceUntil().isAfter(Instant.now())) {
            return false;
        }
        Fact fact = Fact.graceEnded(locked.graceUntil());
        if (!store.addFact(locked.id(), fact)) {
            return false;
        }
        Membership after = refold(locked, false, fact.eventId());
        if (!after.suspended()) {
            LOG.warnf("membership %s: grace end %s recorded but did not apply", locked.id(), fact.eventId());
        }
        return after.suspended();
    }

    private void reconcileSellerPlan(Membership trigger, String causationId) {
        Optional<RecordsStore.SellerPlan> current = records.lockSellerPlan(trigger.sellerId());
        Optional<Membership> active = store.activePlanOf(trigger.sellerId());
        RecordsStore.SellerPlan desired;
        if (active.isPresent()) {
            Membership plan = active.get();
            String code = plan.plan() != null ? plan.plan() : plan.offeringId();
            int bps = plan.commissionBps() != null ? plan.commissionBps()
                    : config.planCommissionBps().getOrDefault(code, config.defaultCommissionBps());
            desired = new RecordsStore.SellerPlan(plan.sellerId(), code, bps, plan.activatedAt(), plan.id());
        } else {
            if (current.isEmpty() || current.get().membershipId() == null) {
                return;
            }
            Instant endedAt = trigger.statusChangedAt() != null ? trigger.statusChangedAt() : Instant.now();
            desired = new RecordsStore.SellerPlan(trigger.sellerId(), config.defaultPlan(), config.defaultCommissionBps(),
                    endedAt, null);
        }
        if (current.isPresent() && current.get().plan().equals(desired.plan())
                && current.get().commissionBps() == desired.commissionBps()
                && java.util.Objects.equals(current.get().membershipId(), desired.membershipId())) {
            return;
        }
        records.saveSellerPlan(desired);
        events.sellerPlanChanged(new SellerPlanChanged(desired.sellerId(), desired.plan(), desired.commissionBps(),
                desired.effectiveAt(), desired.membershipId()), causationId);
    }
}
