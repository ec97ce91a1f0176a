package dev.tessera.ledger.journal.persistence;

import dev.tessera.events.EventJson;
import dev.tessera.ledger.journal.domain.Entry;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import dev.tessera.ledger.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Writes journal transactions and their entries, many per round trip. */
@ApplicationScoped
public class JournalRepository {

    private static final String INSERT_TRANSACTIONS = "insert into journal_transaction (source_id, kind, seller_id, "
            + "description, occurred_at, causation_id, stripe_balance_txn, reverses_id, presentment_amount, "
            + "presentment_currency, exchange_rate, earnings, posted_at) "
            + "select source_id, kind, seller_id, description, occurred_at, causation_id, stripe_balance_txn, reverses_id, "
            + "presentment_amount, presentment_currency, exchange_rate, earnings::jsonb, ? "
            + "from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[], "
            + "?::bigint[], ?::text[], ?::numeric[], ?::text[]) with ordinality as d(source_id, kind, seller_id, description, "
            + "occurred_at, causation_id, stripe_balance_txn, reverses_id, presentment_amount, presentment_currency, "
            + "exchange_rate, earnings, ord) "
            + "order by ord on conflict (source_id, kind) do nothing returning id, source_id, kind";
    private static final String FIND_EXISTING = "select t.id, t.source_id, t.kind from journal_transaction t "
            + "join unnest(?::text[], ?::text[]) as k(source_id, kind) on t.source_id = k.source_id and t.kind = k.kind";
    private static final String INSERT_ENTRY = "insert into journal_entry (transaction_id, account_id, currency, amount) "
            + "values (?, ?, ?, ?)";

    private final DataSource dataSource;

    JournalRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Key(String sourceId, String kind) {
    }

    /**
     * Inserts the transactions whose (source id, kind) is new, in order; returns the ids of those inserted
     * by this call. A key already posted (by an earlier call, a concurrent one that committed first, or an
     * earlier draft of the same list) is skipped.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Key, Long> insertNew(List<TransactionDraft> drafts, java.time.Instant postedAt) {
        Map<Key, Long> inserted = new HashMap<>();
        if (drafts.isEmpty()) {
            return inserted;
        }
        Jdbc.with(dataSource, connection -> {
            List<String> sources = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            List<String> sellers = new ArrayList<>();
            List<String> descriptions = new ArrayList<>();
            List<java.time.Instant> occurred = new ArrayList<>();
            List<String> causations = new ArrayList<>();
            List<String> stripeTxns = new ArrayList<>();
            List<Long> reverses = new ArrayList<>();
            List<Long> presentmentAmounts = new ArrayList<>();
            List<String> presentmentCurrencies = new ArrayList<>();
            List<BigDecimal> rates = new ArrayList<>();
            List<String> earnings = new ArrayList<>();
            for (TransactionDraft draft : drafts) {
                sources.add(draft.sourceId());
                kinds.add(draft.kind().dbValue());
                sellers.add(draft.sellerId());
                descriptions.add(draft.description());
                occurred.add(draft.occurredAt());
                causations.add(draft.causationId());
                stripeTxns.add(draft.stripeBalanceTransactionId());
                reverses.add(draft.reversesId());
                presentmentAmounts.add(draft.presentment() == null ? null : draft.presentment().amount());
                presentmentCurrencies.add(draft.presentment() == null ? null : draft.presentment().currency());
                rates.add(draft.presentment() == null ? null : draft.presentment().exchangeRate());
                earnings.add(draft.earnings().isEmpty() ? null : EventJson.write(draft.earnings()));
            }
            return Jdbc.query(connection, INSERT_TRANSACTIONS, JournalRepository::keyedId, postedAt,
                    Jdbc.texts(connection, sources), Jdbc.texts(connection, kinds), Jdbc.texts(connection, sellers),
                    Jdbc.texts(connection, descriptions), Jdbc.timestamps(connection, occurred),
                    Jdbc.texts(connection, causations), Jdbc.texts(connection, stripeTxns), Jdbc.longs(connection, reverses),
                    Jdbc.longs(connection, presentmentAmounts), Jdbc.texts(connection, presentmentCurrencies),
                    connection.createArrayOf("numeric", rates.toArray(new BigDecimal[0])), Jdbc.texts(connection, earnings));
        }).forEach(id -> inserted.put(id.getKey(), id.getValue()));
        return inserted;
    }

    /** The id of the transaction posted for (source id, kind), if any. */
    public java.util.Optional<Long> find(String sourceId, String kind) {
        return Jdbc.queryOne(dataSource, "select id from journal_transaction where source_id = ? and kind = ?",
                rs -> rs.getLong(1), sourceId, kind);
    }

    /** The ids of already posted transactions among {@code keys}. */
    public Map<Key, Long> existing(List<Key> keys) {
        Map<Key, Long> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Jdbc.with(dataSource, connection -> Jdbc.query(connection, FIND_EXISTING, JournalRepository::keyedId,
                Jdbc.texts(connection, keys.stream().map(Key::sourceId).toList()),
                Jdbc.texts(connection, keys.stream().map(Key::kind).toList())))
                .forEach(id -> found.put(id.getKey(), id.getValue()));
        return found;
    }

    private static Map.Entry<Key, Long> keyedId(ResultSet rs) throws SQLException {
        return Map.entry(new Key(rs.getString("source_id"), rs.getString("kind")), rs.getLong("id"));
    }

    /** One JDBC batch of entries (rewritten by the driver into multi-row inserts). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertEntries(List<EntryRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Jdbc.with(dataSource, connection -> {
            insertEntries(connection, rows);
            return null;
        });
    }

    private static void insertEntries(Connection connection, List<EntryRow> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ENTRY)) {
            for (EntryRow row : rows) {
                insert.setLong(1, row.transactionId());
                insert.setLong(2, row.accountId());
                insert.setString(3, row.entry().currency());
                insert.setLong(4, row.entry().amount());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public record EntryRow(long transactionId, long accountId, Entry entry) {
    }
}
