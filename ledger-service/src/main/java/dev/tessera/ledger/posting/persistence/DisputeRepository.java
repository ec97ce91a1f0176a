package dev.tessera.ledger.posting.persistence;

import dev.tessera.ledger.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import javax.sql.DataSource;

/** Settlement money each dispute has withdrawn and reinstated. */
@ApplicationScoped
public class DisputeRepository {

    public record DisputeFunds(String disputeId, String chargeId, String currency, long withdrawn, long cleared) {
    }

    private final DataSource dataSource;

    DisputeRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<DisputeFunds> find(String disputeId) {
        return Jdbc.queryOne(dataSource, "select dispute_id, charge_id, currency, withdrawn, cleared from ledger_dispute "
                        + "where dispute_id = ?",
                rs -> new DisputeFunds(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)),
                disputeId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String disputeId, String chargeId, String currency, long withdrawn, long cleared) {
        Jdbc.update(dataSource, "insert into ledger_dispute (dispute_id, charge_id, currency, withdrawn, cleared) "
                        + "values (?, ?, ?, ?, ?) on conflict (dispute_id) do update set "
                        + "withdrawn = ledger_dispute.withdrawn + excluded.withdrawn, "
                        + "cleared = ledger_dispute.cleared + excluded.cleared",
                disputeId, chargeId, currency, withdrawn, cleared);
    }
}
