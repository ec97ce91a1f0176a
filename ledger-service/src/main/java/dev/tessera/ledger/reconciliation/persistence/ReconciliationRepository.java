package dev.tessera.ledger.reconciliation.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tessera.events.EventJson;
import dev.tessera.ledger.reconciliation.domain.Difference;
import dev.tessera.ledger.reconciliation.domain.ReconciliationRun;
import dev.tessera.ledger.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Reconciliation runs and their differences; and the journal's side of the comparison. */
@ApplicationScoped
public class ReconciliationRepository {

    private static final TypeReference<List<ReconciliationRun.CurrencyTotals>> TOTALS = new TypeReference<>() {
    };
    private static final String RUN_COLUMNS = "id, period_start, period_end, stripe_account, requested_by, started_at, "
            + "finished_at, status, stripe_count, matched_count, difference_count, totals::text as totals, error";

    private final DataSource dataSource;

    ReconciliationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What the journal posted for a balance transaction: its effect on the Stripe balance and the fees. */
    public record LedgerMovement(long transactionId, String kind, String sourceId, String stripeBalanceTransaction,
                                 String currency, long balance, long fee, Instant occurredAt) {
    }

    private static final String MOVEMENTS = "select t.id, t.kind, t.source_id, t.stripe_balance_txn, t.occurred_at, "
            + "min(e.currency) filter (where a.type = 'stripe_balance') as currency, "
            + "coalesce(sum(e.amount) filter (where a.type = 'stripe_balance'), 0) as balance, "
            + "coalesce(sum(e.amount) filter (where a.type in ('stripe_fees', 'dispute_fees')), 0) as fee "
            + "from journal_transaction t join journal_entry e on e.transaction_id = t.id "
            + "join ledger_account a on a.id = e.account_id ";

    /** The journal's movements of the given balance transactions, by balance transaction id. */
    public Map<String, List<LedgerMovement>> movements(List<String> balanceTransactions) {
        Map<String, List<LedgerMovement>> result = new HashMap<>();
        if (balanceTransactions.isEmpty()) {
            return result;
        }
        Jdbc.with(dataSource, connection -> {
            try (PreparedStatement select = Jdbc.prepare(connection, MOVEMENTS
                    + "where t.stripe_balance_txn = any(?) group by t.id", Jdbc.texts(connection, balanceTransactions));
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    LedgerMovement movement = movement(rs);
                    result.computeIfAbsent(movement.stripeBalanceTransaction(), k -> new ArrayList<>()).add(movement);
                }
            }
            return null;
        });
        return result;
    }

    /** The journal's Stripe-balance movements that happened in [from, to). */
    public List<LedgerMovement> movementsBetween(Instant from, Instant to) {
        return Jdbc.query(dataSource, MOVEMENTS + "where t.stripe_balance_txn is not null and t.occurred_at >= ? "
                + "and t.occurred_at < ? group by t.id order by t.id", ReconciliationRepository::movement, from, to);
    }

    private static LedgerMovement movement(ResultSet rs) throws SQLException {
        return new LedgerMovement(rs.getLong("id"), rs.getString("kind"), rs.getString("source_id"),
                rs.getString("stripe_balance_txn"), rs.getString("currency"), rs.getLong("balance"), rs.getLong("fee"),
                Jdbc.instant(rs, "occurred_at"));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long start(Instant from, Instant to, String account, String requestedBy, Instant now) {
        return Jdbc.queryOne(dataSource, "insert into reconciliation_run (period_start, period_end, stripe_account, "
                        + "requested_by, started_at, status) values (?, ?, ?, ?, ?, 'running') returning id",
                rs -> rs.getLong(1), from, to, account, requestedBy, now).orElseThrow();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finish(long runId, int stripeCount, int matched, List<Difference> differences,
                       List<ReconciliationRun.CurrencyTotals> totals, Instant now) {
        Jdbc.with(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into reconciliation_difference (run_id, "
                    + "cause, stripe_balance_txn, stripe_type, source_id, journal_transaction_id, currency, stripe_amount, "
                    + "ledger_amount, stripe_fee, ledger_fee, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Difference d : differences) {
                    Jdbc.bind(insert, runId, d.cause(), d.stripeBalanceTransaction(), d.stripeType(), d.sourceId(),
                            d.journalTransactionId(), d.currency(), d.stripeAmount(), d.ledgerAmount(), d.stripeFee(),
                            d.ledgerFee(), d.detail());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        Jdbc.update(dataSource, "update reconciliation_run set status = 'completed', finished_at = ?, stripe_count = ?, "
                        + "matched_count = ?, difference_count = ?, totals = ?::jsonb where id = ?",
                now, stripeCount, matched, differences.size(), EventJson.write(totals), runId);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(long runId, String error, Instant now) {
        Jdbc.update(dataSource, "update reconciliation_run set status = 'failed', finished_at = ?, error = ? where id = ?",
                now, error, runId);
    }

    public Optional<ReconciliationRun> find(long id) {
        return Jdbc.queryOne(dataSource, "select " + RUN_COLUMNS + " from reconciliation_run where id = ?",
                ReconciliationRepository::run, id);
    }

    public List<ReconciliationRun> recent(int limit) {
        return Jdbc.query(dataSource, "select " + RUN_COLUMNS + " from reconciliation_run order by id desc limit ?",
                ReconciliationRepository::run, limit);
    }

    public List<Difference> differences(long runId) {
        return Jdbc.query(dataSource, "select cause, stripe_balance_txn, stripe_type, source_id, journal_transaction_id, "
                        + "currency, stripe_amount, ledger_amount, stripe_fee, ledger_fee, detail from reconciliation_difference "
                        + "where run_id = ? order by id",
                rs -> new Difference(rs.getString("cause"), rs.getString("stripe_balance_txn"), rs.getString("stripe_type"),
                        rs.getString("source_id"), Jdbc.nullableLong(rs, "journal_transaction_id"), rs.getString("currency"),
                        Jdbc.nullableLong(rs, "stripe_amount"), Jdbc.nullableLong(rs, "ledger_amount"),
                        Jdbc.nullableLong(rs, "stripe_fee"), Jdbc.nullableLong(rs, "ledger_fee"), rs.getString("detail")),
                runId);
    }

    private static ReconciliationRun run(ResultSet rs) throws SQLException {
        List<ReconciliationRun.CurrencyTotals> totals;
        try {
            totals = EventJson.mapper().readValue(rs.getString("totals"), TOTALS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ReconciliationRun(rs.getLong("id"), Jdbc.instant(rs, "period_start"), Jdbc.instant(rs, "period_end"),
                rs.getString("stripe_account"), rs.getString("requested_by"), Jdbc.instant(rs, "started_at"),
                Jdbc.instant(rs, "finished_at"), rs.getString("status"), rs.getInt("stripe_count"),
                rs.getInt("matched_count"), rs.getInt("difference_count"), totals, rs.getString("error"));
    }
}
