package dev.tessera.ledger.posting.persistence;

import dev.tessera.ledger.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Sellers' shares waiting for Stripe's available_on. */
@ApplicationScoped
public class ReleaseRepository {

    public record DueRelease(long sourceTransactionId, String sourceId, String sellerId, String currency, long amount,
                             Instant availableOn) {
    }

    private final DataSource dataSource;

    ReleaseRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Due releases, locked; rows another instance is releasing right now are skipped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<DueRelease> lockDue(Instant now, int limit) {
        return Jdbc.query(dataSource, "select source_transaction_id, source_id, seller_id, currency, amount, available_on "
                        + "from pending_release where available_on <= ? order by available_on, source_transaction_id "
                        + "limit ? for update skip locked",
                rs -> new DueRelease(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        Jdbc.instant(rs, "available_on")),
                now, limit);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(List<Long> sourceTransactionIds) {
        if (sourceTransactionIds.isEmpty()) {
            return;
        }
        Jdbc.with(dataSource, connection -> {
            try (var delete = Jdbc.prepare(connection, "delete from pending_release where source_transaction_id = any(?)",
                    Jdbc.longs(connection, sourceTransactionIds))) {
                return delete.executeUpdate();
            }
        });
    }

    public long countPending() {
        return Jdbc.queryOne(dataSource, "select count(*) from pending_release", rs -> rs.getLong(1)).orElse(0L);
    }
}
