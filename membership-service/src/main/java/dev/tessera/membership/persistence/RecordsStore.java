package dev.tessera.membership.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The small tables: tier switches, guest claims, payment revocations, seller plans. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RecordsStore {

    public record TierSwitch(String replacedSubscriptionId, String fromMembershipId, String toMembershipId,
                             String stripeAccount, boolean prorate, boolean invoiceNow, String cancelStatus, int attempts,
                             String causeEventId) {
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

    // --- tier switches

    public boolean insertSwitch(TierSwitch s) {
        return sql.update("insert into tier_switch (replaced_subscription_id, from_membership_id, to_membership_id, "
                        + "stripe_account, prorate, invoice_now, cancel_status, cause_event_id) values (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict do nothing", s.replacedSubscriptionId(), s.fromMembershipId(), s.toMembershipId(),
                s.stripeAccount(), s.prorate(), s.invoiceNow(), s.cancelStatus(), s.causeEventId()) == 1;
    }

    public Optional<TierSwitch> findSwitch(String replacedSubscriptionId) {
        return sql.one("select * from tier_switch where replaced_subscription_id = ?", RecordsStore::mapSwitch,
                replacedSubscriptionId);
    }

    /** Pending cancellations due now, locked; concurrent instances skip each other's. */
    public List<TierSwitch> lockDueSwitches(int limit) {
        return sql.list("select * from tier_switch where cancel_status = 'pending' and next_attempt_at <= now() "
                + "order by next_attempt_at limit ? for update skip locked", RecordsStore::mapSwitch, limit);
    }

    public void switchDone(String replacedSubscriptionId) {
        sql.update("update tier_switch set cancel_status = 'done', attempts = attempts + 1, cancelled_at = now(), "
                + "last_error = null where replaced_subscription_id = ?", replacedSubscriptionId);
    }

    public void switchFailed(String replacedSubscriptionId, String error, boolean giveUp, java.time.Duration retryIn) {
        sql.update("update tier_switch set attempts = attempts + 1, last_error = ?, cancel_status = ?, "
                        + "next_attempt_at = ? where replaced_subscription_id = ?",
                error, giveUp ? "failed" : "pending", Instant.now().plus(retryIn), replacedSubscriptionId);
    }

    private static TierSwitch mapSwitch(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new TierSwitch(rs.getString("replaced_subscription_id"), rs.getString("from_membership_id"),
                rs.getString("to_membership_id"), rs.getString("stripe_account"), rs.getBoolean("prorate"),
                rs.getBoolean("invoice_now"), rs.getString("cancel_status"), rs.getInt("attempts"),
                rs.getString("cause_event_id"));
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
