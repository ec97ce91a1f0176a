package dev.tessera.ledger.journal.persistence;

import dev.tessera.ledger.journal.domain.EarningsDelta;
import dev.tessera.ledger.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import javax.sql.DataSource;

/**
 * The running totals maintained in the posting transaction. Each batch is one statement per table, its
 * rows sorted by key: every posting locks summary rows in the same global order, so concurrent postings
 * can wait for each other but never deadlock.
 */
@ApplicationScoped
public class SummaryRepository {

    private static final String UPSERT_BALANCE = "insert into account_balance (account_id, slot, debits, credits, entry_count) "
            + "select * from unnest(?::bigint[], ?::smallint[], ?::bigint[], ?::bigint[], ?::bigint[]) "
            + "as d(account_id, slot, debits, credits, entry_count) order by account_id, slot "
            + "on conflict (account_id, slot) do update set debits = account_balance.debits + excluded.debits, "
            + "credits = account_balance.credits + excluded.credits, "
            + "entry_count = account_balance.entry_count + excluded.entry_count";
    private static final String UPSERT_DAILY = "insert into account_daily (account_id, day, slot, debits, credits, entry_count) "
            + "select * from unnest(?::bigint[], ?::date[], ?::smallint[], ?::bigint[], ?::bigint[], ?::bigint[]) "
            + "as d(account_id, day, slot, debits, credits, entry_count) order by account_id, day, slot "
            + "on conflict (account_id, day, slot) do update set debits = account_daily.debits + excluded.debits, "
            + "credits = account_daily.credits + excluded.credits, "
            + "entry_count = account_daily.entry_count + excluded.entry_count";
    private static final String UPSERT_SELLER = "insert into seller_balance (seller_id, currency, pending, available, "
            + "paid_out, version, last_transaction_id, updated_at) "
            + "select seller_id, currency, pending, available, paid_out, 1, last_transaction_id, ? "
            + "from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) "
            + "as d(seller_id, currency, pending, available, paid_out, last_transaction_id) order by seller_id, currency "
            + "on conflict (seller_id, currency) do update set pending = seller_balance.pending + excluded.pending, "
            + "available = seller_balance.available + excluded.available, "
            + "paid_out = seller_balance.paid_out + excluded.paid_out, version = seller_balance.version + 1, "
            + "last_transaction_id = excluded.last_transaction_id, updated_at = excluded.updated_at "
            + "returning seller_id, currency, pending, available, paid_out, version, last_transaction_id, updated_at";
    private static final String UPSERT_EARNINGS = upsertEarnings("seller_earnings_daily", "day");
    private static final String UPSERT_EARNINGS_MONTHLY = upsertEarnings("seller_earnings_monthly", "month");

    private static String upsertEarnings(String table, String period) {
        return "insert into " + table + " (seller_id, currency, " + period + ", offering_kind, "
                + "commission_bps, gross, stripe_fees, commission, refunds, disputes, net, sales, refund_count, dispute_count) "
                + "select * from unnest(?::text[], ?::text[], ?::date[], ?::text[], ?::integer[], ?::bigint[], ?::bigint[], "
                + "?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::integer[], ?::integer[], ?::integer[]) "
                + "as d(seller_id, currency, period, offering_kind, commission_bps, gross, stripe_fees, commission, refunds, "
                + "disputes, net, sales, refund_count, dispute_count) order by seller_id, currency, period, offering_kind, "
                + "commission_bps on conflict (seller_id, currency, " + period + ", offering_kind, commission_bps) do update set "
                + "gross = " + table + ".gross + excluded.gross, "
                + "stripe_fees = " + table + ".stripe_fees + excluded.stripe_fees, "
                + "commission = " + table + ".commission + excluded.commission, "
                + "refunds = " + table + ".refunds + excluded.refunds, "
                + "disputes = " + table + ".disputes + excluded.disputes, "
                + "net = " + table + ".net + excluded.net, sales = " + table + ".sales + excluded.sales, "
                + "refund_count = " + table + ".refund_count + excluded.refund_count, "
                + "dispute_count = " + table + ".dispute_count + excluded.dispute_count";
    }

    private static final String INSERT_RELEASE = "insert into pending_release (source_transaction_id, source_id, seller_id, "
            + "currency, amount, available_on) select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], "
            + "?::timestamptz[]) on conflict do nothing";

    private final DataSource dataSource;

    SummaryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record AccountSlot(long accountId, int slot) implements Comparable<AccountSlot> {
        @Override
        public int compareTo(AccountSlot o) {
            int c = Long.compare(accountId, o.accountId);
            return c != 0 ? c : Integer.compare(slot, o.slot);
        }
    }

    public record AccountDay(long accountId, LocalDate day, int slot) implements Comparable<AccountDay> {
        @Override
        public int compareTo(AccountDay o) {
            int c = Long.compare(accountId, o.accountId);
            if (c == 0) {
                c = day.compareTo(o.day);
            }
            return c != 0 ? c : Integer.compare(slot, o.slot);
        }
    }

    /** Debits and credits (both as positive sums) and the number of entries. */
    public static final class Totals {
        public long debits;
        public long credits;
        public long entries;

        public void add(long amount) {
            if (amount > 0) {
                debits = Math.addExact(debits, amount);
            } else {
                credits = Math.addExact(credits, -amount);
            }
            entries++;
        }
    }

    public record SellerKey(String sellerId, String currency) implements Comparable<SellerKey> {
        @Override
        public int compareTo(SellerKey o) {
            int c = sellerId.compareTo(o.sellerId);
            return c != 0 ? c : currency.compareTo(o.currency);
        }
    }

    /** A change of a seller's balances (amounts owed to the seller). */
    public static final class SellerDelta {
        public long pending;
        public long available;
        public long paidOut;
        public long lastTransactionId;
    }

    public record SellerBalanceRow(String sellerId, String currency, long pending, long available, long paidOut,
                                   long version, long lastTransactionId, Instant updatedAt) {
    }

    public record ReleaseRow(long transactionId, String sourceId, String sellerId, String currency, long amount,
                             Instant availableOn) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void addToBalances(SortedMap<AccountSlot, Totals> deltas) {
        upsertTotals(UPSERT_BALANCE, deltas, (connection, keys) -> List.of(
                Jdbc.longs(connection, keys.stream().map(AccountSlot::accountId).toList()),
                connection.createArrayOf("smallint", keys.stream().map(k -> (short) k.slot()).toArray())));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void addToDaily(SortedMap<AccountDay, Totals> deltas) {
        upsertTotals(UPSERT_DAILY, deltas, (connection, keys) -> List.of(
                Jdbc.longs(connection, keys.stream().map(AccountDay::accountId).toList()),
                Jdbc.dates(connection, keys.stream().map(AccountDay::day).toList()),
                connection.createArrayOf("smallint", keys.stream().map(k -> (short) k.slot()).toArray())));
    }

    /** Applies the changes and returns every changed seller balance as it now is, with its new version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<SellerBalanceRow> addToSellerBalances(SortedMap<SellerKey, SellerDelta> deltas, Instant now) {
        if (deltas.isEmpty()) {
            return new ArrayList<>();
        }
        Collection<SellerKey> keys = deltas.keySet();
        Collection<SellerDelta> changes = deltas.values();
        return Jdbc.with(dataSource, connection -> Jdbc.query(connection, UPSERT_SELLER,
                SummaryRepository::sellerBalance, now,
                Jdbc.texts(connection, keys.stream().map(SellerKey::sellerId).toList()),
                Jdbc.texts(connection, keys.stream().map(SellerKey::currency).toList()),
                Jdbc.longs(connection, changes.stream().map(d -> d.pending).toList()),
                Jdbc.longs(connection, changes.stream().map(d -> d.available).toList()),
                Jdbc.longs(connection, changes.stream().map(d -> d.paidOut).toList()),
                Jdbc.longs(connection, changes.stream().map(d -> d.lastTransactionId).toList())));
    }

    /** Adds to the daily and the monthly earnings summaries. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addToEarnings(Collection<EarningsDelta> deltas) {
        java.util.Map<EarningsDelta.Key, EarningsDelta> monthly = new java.util.HashMap<>();
        for (EarningsDelta d : deltas) {
            EarningsDelta m = new EarningsDelta(d.sellerId(), d.currency(), d.day().withDayOfMonth(1), d.offeringKind(),
                    d.commissionBps(), d.gross(), d.stripeFees(), d.commission(), d.refunds(), d.disputes(), d.net(),
                    d.sales(), d.refundCount(), d.disputeCount());
            monthly.merge(m.key(), m, EarningsDelta::plus);
        }
        upsertEarnings(UPSERT_EARNINGS, deltas);
        upsertEarnings(UPSERT_EARNINGS_MONTHLY, monthly.values());
    }

    private void upsertEarnings(String sql, Collection<EarningsDelta> deltas) {
        List<EarningsDelta> sorted = deltas.stream().sorted(java.util.Comparator.comparing(EarningsDelta::key)).toList();
        execute(sql, sorted, connection -> new Object[] {
                Jdbc.texts(connection, sorted.stream().map(EarningsDelta::sellerId).toList()),
                Jdbc.texts(connection, sorted.stream().map(EarningsDelta::currency).toList()),
                Jdbc.dates(connection, sorted.stream().map(EarningsDelta::day).toList()),
                Jdbc.texts(connection, sorted.stream().map(EarningsDelta::offeringKind).toList()),
                Jdbc.ints(connection, sorted.stream().map(EarningsDelta::commissionBps).toList()),
                Jdbc.longs(connection, sorted.stream().map(EarningsDelta::gross).toList()),
                Jdbc.longs(connection, sorted.stream().map(EarningsDelta::stripeFees).toList()),
                Jdbc.longs(connection, sorted.stream().map(EarningsDelta::commission).toList()),
                Jdbc.longs(connection, sorted.stream().map(EarningsDelta::refunds).toList()),
                Jdbc.longs(connection, sorted.stream().map(EarningsDelta::disputes).toList()),
                Jdbc.longs(connection, sorted.stream().map(EarningsDelta::net).toList()),
                Jdbc.ints(connection, sorted.stream().map(EarningsDelta::sales).toList()),
                Jdbc.ints(connection, sorted.stream().map(EarningsDelta::refundCount).toList()),
                Jdbc.ints(connection, sorted.stream().map(EarningsDelta::disputeCount).toList())});
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insertReleases(List<ReleaseRow> releases) {
        execute(INSERT_RELEASE, releases, connection -> new Object[] {
                Jdbc.longs(connection, releases.stream().map(ReleaseRow::transactionId).toList()),
                Jdbc.texts(connection, releases.stream().map(ReleaseRow::sourceId).toList()),
                Jdbc.texts(connection, releases.stream().map(ReleaseRow::sellerId).toList()),
                Jdbc.texts(connection, releases.stream().map(ReleaseRow::currency).toList()),
                Jdbc.longs(connection, releases.stream().map(ReleaseRow::amount).toList()),
                Jdbc.timestamps(connection, releases.stream().map(ReleaseRow::availableOn).toList())});
    }

    /** The key columns of an account totals upsert, one array per column; the totals' own columns follow. */
    @FunctionalInterface
    private interface KeyColumns<K> {
        List<Array> of(Connection connection, Collection<K> keys) throws SQLException;
    }

    private <K> void upsertTotals(String sql, SortedMap<K, Totals> deltas, KeyColumns<K> keyColumns) {
        Collection<Totals> totals = deltas.values();
        execute(sql, totals, connection -> {
            List<Object> params = new ArrayList<>(keyColumns.of(connection, deltas.keySet()));
            params.add(Jdbc.longs(connection, totals.stream().map(t -> t.debits).toList()));
            params.add(Jdbc.longs(connection, totals.stream().map(t -> t.credits).toList()));
            params.add(Jdbc.longs(connection, totals.stream().map(t -> t.entries).toList()));
            return params.toArray();
        });
    }

    /**
     * Runs one multi-row statement for all of {@code rows}, none for no rows. The column arrays are built by
     * {@code columns} because creating a SQL array needs the statement's connection.
     */
    private void execute(String sql, Collection<?> rows, Jdbc.SqlWork<Object[]> columns) {
        if (rows.isEmpty()) {
            return;
        }
        Jdbc.with(dataSource, connection -> {
            try (PreparedStatement statement = Jdbc.prepare(connection, sql, columns.run(connection))) {
                statement.executeUpdate();
            }
            return null;
        });
    }

    private static SellerBalanceRow sellerBalance(ResultSet rs) throws SQLException {
        return new SellerBalanceRow(rs.getString("seller_id"), rs.getString("currency"), rs.getLong("pending"),
                rs.getLong("available"), rs.getLong("paid_out"), rs.getLong("version"), rs.getLong("last_transaction_id"),
                Jdbc.instant(rs, "updated_at"));
    }

    /** Drops the pending release of a transaction being reversed; true if it had not been released yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean deleteRelease(long transactionId) {
        return Jdbc.update(dataSource, "delete from pending_release where source_transaction_id = ?", transactionId) == 1;
    }
}
