package dev.tessera.membership.persistence;

import dev.tessera.membership.domain.Entitlement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class EntitlementStore {

    private static final String COLUMNS = "id, kind, resource, group_resource, seller_id, group_id, offering_id, user_id, "
            + "email, source_type, source_id, checkout_id, payment_intent_id, status, valid_until, granted_at, revoked_at, "
            + "revoke_reason";

    private final Sql sql;

    EntitlementStore(Sql sql) {
        this.sql = sql;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insertIfAbsent(Entitlement e) {
        return sql.update("insert into entitlement (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (source_type, source_id, resource) do nothing",
                e.id(), e.kind(), e.resource(), e.groupResource(), e.sellerId(), e.groupId(), e.offeringId(), e.userId(),
                e.email(), e.sourceType(), e.sourceId(), e.checkoutId(), e.paymentIntentId(), e.status(), e.validUntil(),
                e.grantedAt(), e.revokedAt(), e.revokeReason()) == 1;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Entitlement> lockBySource(String sourceType, String sourceId, String resource) {
        return sql.one("select " + COLUMNS + " from entitlement where source_type = ? and source_id = ? and resource = ? "
                + "for update", EntitlementStore::map, sourceType, sourceId, resource);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Entitlement> lockBySourceId(String sourceType, String sourceId) {
        return sql.list("select " + COLUMNS + " from entitlement where source_type = ? and source_id = ? order by id for update",
                EntitlementStore::map, sourceType, sourceId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(Entitlement e) {
        sql.update("update entitlement set user_id = ?, email = ?, status = ?, valid_until = ?, revoked_at = ?, "
                        + "revoke_reason = ?, updated_at = now() where id = ?",
                e.userId(), e.email(), e.status(), e.validUntil(), e.revokedAt(), e.revokeReason(), e.id());
    }

    /** Purchases (not memberships) paid by a payment intent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Entitlement> lockPurchasesByPaymentIntent(String paymentIntentId) {
        return sql.list("select " + COLUMNS + " from entitlement where source_type = 'purchase' and payment_intent_id = ? "
                + "order by id for update", EntitlementStore::map, paymentIntentId);
    }

    /** Unclaimed purchases a guest claim concerns. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Entitlement> lockPurchasesForClaim(String checkoutId, String sessionId, String paymentIntentId) {
        return sql.list("select " + COLUMNS + " from entitlement where source_type = 'purchase' and user_id is null "
                        + "and (checkout_id = ? or source_id = ? or payment_intent_id = ?) order by id for update",
                EntitlementStore::map, checkoutId, sessionId, paymentIntentId);
    }

    /** The answer of an access check; {@code validUntil} is null for access without an end. */
    public record Access(boolean allowed, Instant validUntil) {
    }

    /**
     * The access check's query (parameters: user, resource, now, user, resource, now): an index-only probe of
     * {@code entitlement_access_idx} for the resource itself and one of {@code entitlement_group_access_idx} for
     * group-wide grants. Public for the benchmark's query plans.
     */
    public static final String ACCESS_SQL = "select count(*) > 0, coalesce(bool_or(valid_until is null), false), "
            + "max(valid_until) as until from ("
            + "select valid_until from entitlement where status = 'active' and user_id = ? and resource = ? "
            + "and (valid_until is null or valid_until > ?) "
            + "union all select valid_until from entitlement where status = 'active' and user_id = ? "
            + "and group_resource = ? and (valid_until is null or valid_until > ?)) a";

    /** Whether {@code userId} may enter {@code resource} at {@code now}. */
    public Access access(String userId, String resource, Instant now) {
        return sql.one(ACCESS_SQL,
                rs -> new Access(rs.getBoolean(1), rs.getBoolean(1) && !rs.getBoolean(2) ? Sql.instant(rs, "until") : null),
                userId, resource, now, userId, resource, now).orElseThrow();
    }

    public List<Entitlement> byUser(String userId, boolean includeRevoked) {
        return sql.list("select " + COLUMNS + " from entitlement where user_id = ?"
                + (includeRevoked ? "" : " and status = 'active'") + " order by granted_at desc, id", EntitlementStore::map, userId);
    }

    public List<Entitlement> bySource(String sourceType, String sourceId) {
        return sql.list("select " + COLUMNS + " from entitlement where source_type = ? and source_id = ? order by id",
                EntitlementStore::map, sourceType, sourceId);
    }

    static Entitlement map(ResultSet rs) throws SQLException {
        return new Entitlement(rs.getString("id"), rs.getString("kind"), rs.getString("resource"),
                rs.getString("group_resource"), rs.getString("seller_id"), rs.getString("group_id"),
                rs.getString("offering_id"), rs.getString("user_id"), rs.getString("email"), rs.getString("source_type"),
                rs.getString("source_id"), rs.getString("checkout_id"), rs.getString("payment_intent_id"),
                rs.getString("status"), Sql.instant(rs, "valid_until"), Sql.instant(rs, "granted_at"),
                Sql.instant(rs, "revoked_at"), rs.getString("revoke_reason"));
    }
}
