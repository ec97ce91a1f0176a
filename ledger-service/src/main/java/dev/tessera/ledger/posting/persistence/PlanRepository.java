package dev.tessera.ledger.posting.persistence;

import dev.tessera.ledger.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Sellers' commission rates over time, from seller.plan.changed. */
@ApplicationScoped
public class PlanRepository {

    public record PlanChange(String eventId, String sellerId, String plan, int commissionBps, Instant effectiveAt,
                             Instant occurredAt) {
    }

    private static final String SELECT = "select event_id, seller_id, plan, commission_bps, effective_at, occurred_at "
            + "from seller_plan_change ";

    private final DataSource dataSource;

    PlanRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a change; false if this event was recorded before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(PlanChange change, String membershipId) {
        return Jdbc.update(dataSource, "insert into seller_plan_change (event_id, seller_id, plan, commission_bps, "
                        + "effective_at, occurred_at, membership_id) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                change.eventId(), change.sellerId(), change.plan(), change.commissionBps(), change.effectiveAt(),
                change.occurredAt(), membershipId) == 1;
    }

    /** The change in force at {@code at}: the latest effective at or before it (later events win ties). */
    public Optional<PlanChange> inForce(String sellerId, Instant at) {
        return Jdbc.queryOne(dataSource, SELECT + "where seller_id = ? and effective_at <= ? "
                + "order by effective_at desc, occurred_at desc, event_id desc limit 1", PlanRepository::planChange,
                sellerId, at);
    }

    public List<PlanChange> history(String sellerId) {
        return Jdbc.query(dataSource, SELECT + "where seller_id = ? order by effective_at, occurred_at, event_id",
                PlanRepository::planChange, sellerId);
    }

    private static PlanChange planChange(ResultSet rs) throws SQLException {
        return new PlanChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                Jdbc.instant(rs, "effective_at"), Jdbc.instant(rs, "occurred_at"));
    }
}
