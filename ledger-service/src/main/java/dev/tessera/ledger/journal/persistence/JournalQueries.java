package dev.tessera.ledger.journal.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tessera.events.EventJson;
import dev.tessera.ledger.journal.domain.AccountKey;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.EarningsDelta;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads of journal transactions with their entries (transaction views and listings). */
@ApplicationScoped
public class JournalQueries {

    private static final TypeReference<List<EarningsDelta>> EARNINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "t.id, t.source_id, t.kind, t.seller_id, t.description, t.occurred_at, "
            + "t.posted_at, t.causation_id, t.stripe_balance_txn, t.reverses_id, t.presentment_amount, "
            + "t.presentment_currency, t.exchange_rate, t.earnings::text as earnings, "
            + "(select r.id from journal_transaction r where r.reverses_id = t.id) as reversed_by";

    private final DataSource dataSource;

    JournalQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record StoredEntry(AccountKey account, long amount) {
    }

    public record StoredTransaction(long id, String sourceId, PostingKind kind, String sellerId, String description,
                                    Instant occurredAt, Instant postedAt, String causationId,
                                    String stripeBalanceTransactionId, Long reversesId, Long reversedById,
                                    Long presentmentAmount, String presentmentCurrency, BigDecimal exchangeRate,
                                    List<EarningsDelta> earnings, List<StoredEntry> entries) {
    }

    public Optional<StoredTransaction> find(long id) {
        List<StoredTransaction> found = load("select " + COLUMNS + " from journal_transaction t where t.id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Newest first: transactions with an id below {@code beforeId} (null: from the newest), of one seller if
     * {@code sellerId} is given, at most {@code limit}.
     */
    public List<StoredTransaction> page(String sellerId, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from journal_transaction t where true");
        List<Object> params = new ArrayList<>();
        if (sellerId != null) {
            sql.append(" and t.seller_id = ?");
            params.add(sellerId);
        }
        if (beforeId != null) {
            sql.append(" and t.id < ?");
            params.add(beforeId);
        }
        sql.append(" order by t.id desc limit ?");
        params.add(limit);
        return load(sql.toString(), params.toArray());
    }

    private List<StoredTransaction> load(String sql, Object... params) {
        return Jdbc.with(dataSource, connection -> {
            Map<Long, StoredTransaction> transactions = new LinkedHashMap<>();
            Map<Long, List<StoredEntry>> entries = new LinkedHashMap<>();
            for (StoredTransaction t : Jdbc.query(connection, sql, JournalQueries::map, params)) {
                transactions.put(t.id(), t);
                entries.put(t.id(), new ArrayList<>());
            }
            if (transactions.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement select = Jdbc.prepare(connection, "select e.transaction_id, e.amount, a.type, a.owner_id, "
                    + "a.currency from journal_entry e join ledger_account a on a.id = e.account_id "
                    + "where e.transaction_id = any(?) order by e.transaction_id, e.id",
                    Jdbc.longs(connection, transactions.keySet()));
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.get(rs.getLong("transaction_id")).add(new StoredEntry(new AccountKey(
                            AccountType.fromDb(rs.getString("type")), rs.getString("owner_id"), rs.getString("currency")),
                            rs.getLong("amount")));
                }
            }
            List<StoredTransaction> result = new ArrayList<>();
            for (StoredTransaction t : transactions.values()) {
                result.add(new StoredTransaction(t.id(), t.sourceId(), t.kind(), t.sellerId(), t.description(),
                        t.occurredAt(), t.postedAt(), t.causationId(), t.stripeBalanceTransactionId(), t.reversesId(),
                        t.reversedById(), t.presentmentAmount(), t.presentmentCurrency(), t.exchangeRate(), t.earnings(),
                        List.copyOf(entries.get(t.id()))));
            }
            return result;
        });
    }

    private static StoredTransaction map(ResultSet rs) throws SQLException {
        String earnings = rs.getString("earnings");
        return new StoredTransaction(rs.getLong("id"), rs.getString("source_id"), PostingKind.fromDb(rs.getString("kind")),
                rs.getString("seller_id"), rs.getString("description"), Jdbc.instant(rs, "occurred_at"),
                Jdbc.instant(rs, "posted_at"), rs.getString("causation_id"), rs.getString("stripe_balance_txn"),
                Jdbc.nullableLong(rs, "reverses_id"), Jdbc.nullableLong(rs, "reversed_by"),
                Jdbc.nullableLong(rs, "presentment_amount"), rs.getString("presentment_currency"),
                rs.getBigDecimal("exchange_rate"),
                earnings == null ? List.of() : readEarnings(earnings), List.of());
    }

    private static List<EarningsDelta> readEarnings(String json) {
        try {
            return EventJson.mapper().readValue(json, EARNINGS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable earnings of a journal transaction", e);
        }
    }
}
