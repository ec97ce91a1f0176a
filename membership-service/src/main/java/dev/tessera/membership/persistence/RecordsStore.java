package dev.tessera.membership.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The small tables: subscription cancellations (tier switches, revocations), guest claims, payment revocations, seller plans. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RecordsStore {

    /**
     * A Stripe subscription to cancel, once: because a tier switch replaced it ({@code replacedByMembershipId}
     * is the new membership), or because its membership was revoked.
     *
     * @param membershipId the membership of the subscription, when this service knows it
     */
    public record Cancellation(String subscriptionId, String membershipId, String replacedByMembershipId, String cause,
                               String stripeAccount, boolean prorate, boolean invoiceNow, String idempotencyKey,
                               String status, int attempts, String causeEventId) {

        public static final String TIER_SWITCH = "tier_switch";
        public static final String REVOKED = "revoked";
    }

    public record GuestClaim(String checkoutId, String userId, String email, String sessionId, String subscriptionId,
                             String paymentIntentId) {
    }

    public record Revocation(String paymentIntentId, String chargeId, String subscriptionId, String reason,
                             String causeEventId, Instant created) {
    }

    public record SellerPlan(String sellerId, String plan, int commissionBps, Instant effectiveAt, String membershipId) {
    }

    private final Sql sql;

    RecordsStore(Sql sql) {
        this.sql = sql;
    }

    // --- subscription cancellations

    /** Queues the cancellation of a subscription unless one is queued (or done) already; true when queued now. */
    public boolean insertCancellation(Cancellation c) {
        return sql.update("insert into subscription_cancellation (subscription_id, membership_id, replaced_by_membership_id, "
                        + "cause, stripe_account, prorate, invoice_now, idempotency_key, status, cause_event_id) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) on conflict do nothing",
                c.subscriptionId(), c.membershipId(), c.replacedByMembershipId(), c.cause(), c.stripeAccount(), c.prorate(),
                c.invoiceNow(), c.idempotencyKey(), c.causeEventId()) == 1;
    }

    public Optional<Cancellation> findCancellation(String subscriptionId) {
        return sql.one("select * from subscription_cancellation where subscription_id = ?", RecordsStore::mapCancellation,
                subscriptionId);
    }

    /** Pending cancellations due now, locked; concurrent instances skip each other's. */
    public List<Cancellation> lockDueCancellations(int limit) {
        return sql.list("select * from subscription_cancellation where status = 'pending' and next_attempt_at <= now() "
                + "order by next_attempt_at limit ? for update skip locked", RecordsStore::mapCancellation, limit);
    }

    public void cancellationDone(String subscriptionId) {
        sql.update("update subscription_cancellation set status = 'done', attempts = attempts + 1, cancelled_at = now(), "
                + "last_error = null where subscription_id = ?", subscriptionId);
    }

    public void cancellationFailed(String subscriptionId, String error, boolean giveUp, java.time.Duration retryIn) {
        sql.update("update subscription_cancellation set attempts = attempts + 1, last_error = ?, status = ?, "
                        + "next_attempt_at = ? where subscription_id = ?",
                error, giveUp ? "failed" : "pending", Instant.now().plus(retryIn), subscriptionId);
    }

    private static Cancellation mapCancellation(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Cancellation(rs.getString("subscription_id"), rs.getString("membership_id"),
                rs.getString("replaced_by_membership_id"), rs.getString("cause"), rs.getString("stripe_account"),
                rs.getBoolean("prorate"), rs.getBoolean("invoice_now"), rs.getString("idempotency_key"),
                rs.getString("status"), rs.getInt("attempts"), rs.getString("cause_event_id"));
    }

    // --- guest claims

    public void upsertClaim(GuestClaim c, String causeEventId) {
        sql.update("insert into guest_claim (checkout_id, user_id, email, session_id, subscription_id, payment_intent_id, "
                        + "cause_event_id) values (?, ?, ?, ?, ?, ?, ?) on conflict (checkout_id) do update set "
                        + "session_id = coalesce(guest_claim.session_id, excluded.session_id), "
                        + "subscription_id = coalesce(guest_claim.subscription_id, excluded.subscription_id), "
                        + "payment_intent_id = coalesce(guest_claim.payment_intent_id, excluded.payment_intent_id)",
                c.checkoutId(), c.userId(), c.email(), c.sessionId(), c.subscriptionId(), c.paymentIntentId(), causeEventId);
    }

    /** The claim of a purchase seen after it was claimed. */
    public Optional<GuestClaim> findClaim(String checkoutId, String sessionId, String subscriptionId) {
        return sql.one("select * from guest_claim where checkout_id = ? or session_id = ? or subscription_id = ? limit 1",
                rs -> new GuestClaim(rs.getString("checkout_id"), rs.getString("user_id"), rs.getString("email"),
                        rs.getString("session_id"), rs.getString("subscription_id"), rs.getString("payment_intent_id")),
                checkoutId, sessionId, subscriptionId);
    }

    // --- payment revocations

    public boolean insertRevocation(Revocation r) {
        return sql.update("insert into payment_revocation (payment_intent_id, charge_id, subscription_id, reason, "
                        + "cause_event_id, stripe_created) values (?, ?, ?, ?, ?, ?) on conflict do nothing",
                r.paymentIntentId(), r.chargeId(), r.subscriptionId(), r.reason(), r.causeEventId(), r.created()) == 1;
    }

    public void linkRevocation(String paymentIntentId, String subscriptionId) {
        sql.update("update payment_revocation set subscription_id = ? where payment_intent_id = ? and subscription_id is null",
                subscriptionId, paymentIntentId);
    }

    public Optional<Revocation> findRevocation(String paymentIntentId) {
        return sql.one("select * from payment_revocation where payment_intent_id = ?", RecordsStore::mapRevocation,
                paymentIntentId);
    }

    public List<Revocation> revocationsOfSubscription(String subscriptionId) {
        return sql.list("select * from payment_revocation where subscription_id = ?", RecordsStore::mapRevocation,
                subscriptionId);
    }

    private static Revocation mapRevocation(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Revocation(rs.getString("payment_intent_id"), rs.getString("charge_id"), rs.getString("subscription_id"),
                rs.getString("reason"), rs.getString("cause_event_id"), Sql.instant(rs, "stripe_created"));
    }

    // --- seller plans

    public Optional<SellerPlan> lockSellerPlan(String sellerId) {
        return sql.one("select * from seller_plan where seller_id = ? for update", rs -> new SellerPlan(
                rs.getString("seller_id"), rs.getString("plan"), rs.getInt("commission_bps"),
                Sql.instant(rs, "effective_at"), rs.getString("membership_id")), sellerId);
    }

    public void saveSellerPlan(SellerPlan p) {
        sql.update("insert into seller_plan (seller_id, plan, commission_bps, effective_at, membership_id) values (?, ?, ?, ?, ?) "
                        + "on conflict (seller_id) do update set plan = excluded.plan, commission_bps = excluded.commission_bps, "
                        + "effective_at = excluded.effective_at, membership_id = excluded.membership_id, updated_at = now()",
                p.sellerId(), p.plan(), p.commissionBps(), p.effectiveAt(), p.membershipId());
    }
}
