package dev.tessera.membership.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.membership.messaging.StripeObjects;
import dev.tessera.membership.persistence.MembershipStore;
import dev.tessera.membership.stripe.StripeSubscriptions;
import dev.tessera.runtime.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What members ask for themselves: cancel at the end of the paid period, or take that back. The change is
 * made at Stripe (which stays the source of truth); Stripe's answer is folded in at once, and the webhook
 * that follows confirms it.
 */
@ApplicationScoped
public class MemberRequests {

    private final MembershipStore store;
    private final MembershipService memberships;
    private final StripeSubscriptions stripe;

    MemberRequests(MembershipStore store, MembershipService memberships, StripeSubscriptions stripe) {
        this.store = store;
        this.memberships = memberships;
        this.stripe = stripe;
    }

    @Transactional
    public Membership setCancelAtPeriodEnd(String membershipId, String userId, boolean cancel) {
        Membership m = store.lock(membershipId).filter(found -> userId.equals(found.userId()))
                .orElseThrow(() -> new ProblemException(MembershipErrorCode.MEMBERSHIP_NOT_FOUND,
                        "You have no membership " + membershipId + "."));
        if (!m.status().live()) {
            throw new ProblemException(MembershipErrorCode.NOT_CANCELLABLE,
                    "Membership " + membershipId + " is " + m.status().wire() + "; only active or past-due memberships can be "
                            + (cancel ? "cancelled." : "resumed."));
        }
        if (m.cancelAtPeriodEnd() == cancel) {
            return m;
        }
        // one key per request: a retry after a failure reuses it (the counter rolls back with the failure), while a
        // later cancel after a resume gets its own, so Stripe never replays an old answer to a new request
        int request = store.nextCancelRequest(membershipId);
        String key = "tessera-membership:" + membershipId + ":cancel-request:" + request + ":cancel_at_period_end=" + cancel;
        JsonNode subscription;
        try {
            subscription = stripe.setCancelAtPeriodEnd(m.stripeSubscriptionId(), cancel, m.stripeAccount(), key);
        } catch (StripeSubscriptions.StripeCallException e) {
            throw new ProblemException(MembershipErrorCode.STRIPE_FAILED,
                    "Stripe did not accept the change; nothing was changed. Try again later.", e);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String factId = "api:" + key;
        Fact snapshot = StripeObjects.subscriptionFact(factId, now, subscription, cancel ? "member_cancelled" : "member_resumed")
                .asSnapshot(factId, now);
        return memberships.applyTo(membershipId, snapshot, factId);
    }
}
