package dev.tessera.membership.persistence;

import dev.tessera.membership.domain.Attribution;
import dev.tessera.membership.domain.Fact;
import dev.tessera.membership.domain.FactKind;
import dev.tessera.membership.domain.Membership;
import dev.tessera.membership.domain.MembershipFold;
import dev.tessera.membership.domain.MembershipStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Memberships, their facts and their history. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MembershipStore {

    private static final String COLUMNS = "id, kind, seller_id, group_id, offering_id, plan, commission_bps, user_id, "
            + "guest_email, checkout_id, checkout_session_id, stripe_subscription_id, stripe_customer_id, stripe_account, "
            + "replaces_subscription_id, status, cancel_at_period_end, current_period_end, past_due_since, grace_until, "
            + "suspended_at, status_reason, status_changed_at, activated_at, renewals, cancel_requests, created_at, updated_at";

    private final Sql sql;

    MembershipStore(Sql sql) {
        this.sql = sql;
    }

    /** Creates the membership of a subscription unless it exists; true when created. */
    public boolean insertIfAbsent(String id, String subscriptionId, Attribution a, String kind, MembershipStatus status) {
        return sql.update("insert into membership (id, kind, seller_id, group_id, offering_id, plan, commission_bps, "
                        + "user_id, guest_email, checkout_id, checkout_session_id, stripe_subscription_id, stripe_customer_id, "
                        + "stripe_account, replaces_subscription_id, status) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (stripe_subscription_id) do nothing",
                id, kind, a.sellerId(), a.groupId(), a.offeringId(), a.plan(), a.commissionBps(), a.userId(),
                a.guestEmail(), a.checkoutId(), a.checkoutSessionId(), subscriptionId, a.stripeCustomerId(),
                a.stripeAccount(), a.replacesSubscriptionId(), status.wire()) == 1;
    }

    /** Fills in what was not known yet (the holder, the session, the account); never overwrites. */
    public void enrich(String id, Attribution a) {
        sql.update("update membership set user_id = coalesce(user_id, ?::text), guest_email = coalesce(guest_email, ?::text), "
                        + "checkout_id = coalesce(checkout_id, ?::text), checkout_session_id = coalesce(checkout_session_id, ?::text), "
                        + "stripe_customer_id = coalesce(stripe_customer_id, ?::text), stripe_account = coalesce(stripe_account, ?::text), "
                        + "replaces_subscription_id = coalesce(replaces_subscription_id, ?::text), group_id = coalesce(group_id, ?::text), "
                        + "plan = coalesce(plan, ?::text), commission_bps = coalesce(commission_bps, ?::integer) where id = ?",
                a.userId(), a.guestEmail(), a.checkoutId(), a.checkoutSessionId(), a.stripeCustomerId(), a.stripeAccount(),
                a.replacesSubscriptionId(), a.groupId(), a.plan(), a.commissionBps(), id);
    }

    public void assignUser(String id, String userId) {
        sql.update("update membership set user_id = ?, updated_at = now() where id = ? and user_id is null", userId, id);
    }

    /** The membership, locked for this transaction: facts of one membership are applied one at a time. */
    public Optional<Membership> lockBySubscription(String subscriptionId) {
        return sql.one("select " + COLUMNS + " from membership where stripe_subscription_id = ? for update",
                MembershipStore::map, subscriptionId);
    }

    public Optional<Membership> lock(String id) {
        return sql.one("select " + COLUMNS + " from membership where id = ? for update", MembershipStore::map, id);
    }

    public Optional<Membership> find(String id) {
        return sql.one("select " + COLUMNS + " from membership where id = ?", MembershipStore::map, id);
    }

    public Optional<Membership> findBySubscription(String subscriptionId) {
        return sql.one("select " + COLUMNS + " from membership where stripe_subscription_id = ?", MembershipStore::map,
                subscriptionId);
    }

    public List<Membership> byUser(String userId) {
        return sql.list("select " + COLUMNS + " from membership where user_id = ? order by created_at desc, id",
                MembershipStore::map, userId);
    }

    /** Memberships a guest claim concerns. */
    public List<Membership> byClaim(String checkoutId, String sessionId, String subscriptionId) {
        return sql.list("select " + COLUMNS + " from membership where checkout_id = ? or checkout_session_id = ? "
                + "or stripe_subscription_id = ? order by id", MembershipStore::map, checkoutId, sessionId, subscriptionId);
    }

    /** Other live memberships competing with this one: same holder and group for tiers, same seller for plans. */
    public List<Membership> liveInScope(Membership m) {
        if (m.isPlan()) {
            return sql.list("select " + COLUMNS + " from membership where kind = 'platform_plan' and seller_id = ? "
                    + "and status in ('active', 'past_due') order by id", MembershipStore::map, m.sellerId());
        }
        if (m.groupId() == null || !m.hasHolder()) {
            return sql.list("select " + COLUMNS + " from membership where id = ? and status in ('active', 'past_due')",
                    MembershipStore::map, m.id());
        }
        String holderColumn = m.userId() != null ? "user_id" : "guest_email";
        return sql.list("select " + COLUMNS + " from membership where kind = 'membership_tier' and group_id = ? and "
                        + holderColumn + " = ? and status in ('active', 'past_due') order by id",
                MembershipStore::map, m.groupId(), m.userId() != null ? m.userId() : m.guestEmail());
    }

    public Optional<Membership> activePlanOf(String sellerId) {
        return sql.one("select " + COLUMNS + " from membership where kind = 'platform_plan' and seller_id = ? "
                + "and status in ('active', 'past_due') order by activated_at desc nulls last, id desc limit 1",
                MembershipStore::map, sellerId);
    }

    /** One page of a group's members, by membership id. */
    public List<Membership> groupPage(String groupId, List<String> statuses, String after, int limit) {
        StringBuilder query = new StringBuilder("select " + COLUMNS + " from membership where kind = 'membership_tier' "
                + "and group_id = ? and id > ?");
        if (!statuses.isEmpty()) {
            query.append(" and status = any (?::text[])");
        }
        query.append(" order by id limit ?");
        return statuses.isEmpty()
                ? sql.list(query.toString(), MembershipStore::map, groupId, after == null ? "" : after, limit)
                : sql.list(query.toString(), MembershipStore::map, groupId, after == null ? "" : after,
                        "{" + String.join(",", statuses) + "}", limit);
    }

    /**
     * Past-due memberships whose grace period is over and whose end is not recorded yet, oldest first (one whose
     * grace-end fact exists but did not apply is left out rather than retried forever). Not locked: each is
     * locked, and checked again, in its own transaction.
     */
    public List<String> graceEndedCandidates(int limit) {
        return sql.list("select m.id from membership m where m.status = 'past_due' and m.suspended_at is null "
                + "and m.grace_until <= now() and not exists (select 1 from membership_fact f where f.membership_id = m.id "
                + "and f.event_id = 'grace-ended:' || floor(extract(epoch from m.grace_until))::bigint) "
                + "order by m.grace_until, m.id limit ?", rs -> rs.getString(1), limit);
    }

    /** The membership, locked, unless another transaction holds it. */
    public Optional<Membership> tryLock(String id) {
        return sql.one("select " + COLUMNS + " from membership where id = ? for update skip locked", MembershipStore::map, id);
    }

    /** A user's memberships of a group's tiers, newest first. */
    public List<Membership> ofUserInGroup(String groupId, String userId) {
        return sql.list("select " + COLUMNS + " from membership where user_id = ? and group_id = ? "
                + "and kind = 'membership_tier' order by created_at desc, id desc", MembershipStore::map, userId, groupId);
    }

    public Optional<String> sellerOfGroup(String groupId) {
        return sql.one("select seller_id from membership where group_id = ? and kind = 'membership_tier' limit 1",
                rs -> rs.getString(1), groupId);
    }

    public int nextCancelRequest(String id) {
        return sql.one("update membership set cancel_requests = cancel_requests + 1 where id = ? returning cancel_requests",
                rs -> rs.getInt(1), id).orElseThrow();
    }

    // --- facts

    public boolean addFact(String membershipId, Fact f) {
        return sql.update("insert into membership_fact (membership_id, event_id, kind, stripe_created, status, stripe_status, "
                        + "precedence, tiebreak, cancel_at_period_end, period_end, billing_reason, reason) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                membershipId, f.eventId(), f.kind().wire(), f.created(), f.status().wire(), f.stripeStatus(),
                f.precedence(), f.tiebreak(), f.cancelAtPeriodEnd(), f.periodEnd(), f.billingReason(), f.reason()) == 1;
    }

    public List<Fact> facts(String membershipId) {
        return sql.list("select * from membership_fact where membership_id = ?", rs -> new Fact(
                rs.getString("event_id"), FactKind.fromWire(rs.getString("kind")), Sql.instant(rs, "stripe_created"),
                MembershipStatus.fromWire(rs.getString("status")), rs.getString("stripe_status"), rs.getInt("precedence"),
                rs.getInt("tiebreak"), (Boolean) rs.getObject("cancel_at_period_end"), Sql.instant(rs, "period_end"),
                rs.getString("billing_reason"), rs.getString("reason"),
                "unpaid".equals(rs.getString("stripe_status")) || "paused".equals(rs.getString("stripe_status"))),
                membershipId);
    }

    /** Writes the folded state and replaces the derived history. */
    public void saveState(String id, MembershipFold.State s) {
        sql.update("update membership set status = ?, cancel_at_period_end = ?, current_period_end = ?, past_due_since = ?, "
                        + "grace_until = ?, suspended_at = ?, status_reason = ?, status_changed_at = ?, activated_at = ?, "
                        + "renewals = ?, updated_at = now() where id = ?",
                s.status().wire(), s.cancelAtPeriodEnd(), s.currentPeriodEnd(), s.pastDueSince(), s.graceUntil(),
                s.suspendedAt(), s.statusReason(), s.statusChangedAt(), s.activatedAt(), s.renewals(), id);
        sql.update("delete from membership_transition where membership_id = ?", id);
        for (MembershipFold.Transition t : s.transitions()) {
            sql.update("insert into membership_transition (membership_id, seq, from_status, to_status, reason, "
                            + "cause_event_id, effective_at) values (?, ?, ?, ?, ?, ?, ?)",
                    id, t.seq(), t.from() == null ? null : t.from().wire(), t.to().wire(), t.reason(), t.causeEventId(),
                    t.effectiveAt());
        }
    }

    public List<MembershipFold.Transition> history(String membershipId) {
        return sql.list("select * from membership_transition where membership_id = ? order by seq",
                rs -> new MembershipFold.Transition(rs.getInt("seq"),
                        rs.getString("from_status") == null ? null : MembershipStatus.fromWire(rs.getString("from_status")),
                        MembershipStatus.fromWire(rs.getString("to_status")), rs.getString("reason"),
                        rs.getString("cause_event_id"), Sql.instant(rs, "effective_at")), membershipId);
    }

    static Membership map(ResultSet rs) throws SQLException {
        return new Membership(rs.getString("id"), rs.getString("kind"), rs.getString("seller_id"),
                rs.getString("group_id"), rs.getString("offering_id"), rs.getString("plan"),
                (Integer) rs.getObject("commission_bps"), rs.getString("user_id"), rs.getString("guest_email"),
                rs.getString("checkout_id"), rs.getString("checkout_session_id"), rs.getString("stripe_subscription_id"),
                rs.getString("stripe_customer_id"), rs.getString("stripe_account"), rs.getString("replaces_subscription_id"),
                MembershipStatus.fromWire(rs.getString("status")), rs.getBoolean("cancel_at_period_end"),
                Sql.instant(rs, "current_period_end"), Sql.instant(rs, "past_due_since"), Sql.instant(rs, "grace_until"),
                Sql.instant(rs, "suspended_at"), rs.getString("status_reason"), Sql.instant(rs, "status_changed_at"),
                Sql.instant(rs, "activated_at"),
                rs.getInt("renewals"), rs.getInt("cancel_requests"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    public static Instant now() {
        return Instant.now();
    }
}
