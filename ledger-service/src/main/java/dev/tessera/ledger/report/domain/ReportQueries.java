package dev.tessera.ledger.report.domain;

import dev.tessera.ledger.journal.domain.AccountKey;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The reports, read from the summaries the postings maintain (per-seller daily earnings, per-account daily and
 * running totals, seller balances), never by scanning entries: a report touches a few hundred rows however
 * many millions of entries the journal holds.
 */
@ApplicationScoped
public class ReportQueries {

    private static final String EARNINGS_SUMS = "sum(gross) gross, sum(stripe_fees) stripe_fees, sum(commission) commission, "
            + "sum(refunds) refunds, sum(disputes) disputes, sum(net) net, sum(sales) sales, "
            + "sum(refund_count) refund_count, sum(dispute_count) dispute_count";

    private final DataSource dataSource;

    ReportQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Reports.Earnings earnings(String sellerId, LocalDate from, LocalDate to, Granularity granularity,
                                     String currency) {
        List<Object> params = new ArrayList<>(List.of(granularity.sqlUnit()));
        String source = earningsRows(from, to, sellerId, granularity == Granularity.MONTH, params);
        String currencyFilter = "";
        if (currency != null) {
            currencyFilter = " where currency = ?";
            params.add(currency);
        }
        List<Reports.EarningsRow> rows = Jdbc.query(dataSource, "select date_trunc(?, bucket)::date as period, currency, "
                + EARNINGS_SUMS + " from " + source + currencyFilter + " group by 1, 2 order by 1, 2",
                ReportQueries::earningsRow, params.toArray());
        return new Reports.Earnings(sellerId, from, to, granularity.sqlUnit(), rows, totals(rows));
    }

    public Reports.Commissions commissions(String sellerId, LocalDate from, LocalDate to) {
        String seller = sellerId == null ? "null::text" : "seller_id";
        List<Object> params = new ArrayList<>();
        String source = earningsRows(from, to, sellerId, true, params);
        List<Reports.CommissionRow> rows = Jdbc.query(dataSource, "select " + seller + " as seller, offering_kind, "
                        + "commission_bps, currency, sum(gross) gross, sum(commission) commission, sum(sales) sales "
                        + "from " + source + " group by 1, 2, 3, 4 order by 4, 1, 2, 3",
                rs -> new Reports.CommissionRow(rs.getString("seller"), rs.getString("offering_kind"),
                        rs.getInt("commission_bps"), rs.getString("currency"), rs.getLong("gross"),
                        rs.getLong("commission"), rs.getLong("sales"), percent(rs.getLong("commission"), rs.getLong("gross"))),
                params.toArray());
        return new Reports.Commissions(sellerId, from, to, rows);
    }

    /**
     * The earnings summary rows of [from, to), each with its {@code bucket} date: whole calendar months from the
     * monthly summary (when the report's buckets allow it), the partial months at either end from the daily one.
     */
    private static String earningsRows(LocalDate from, LocalDate to, String sellerId, boolean monthsAllowed,
                                       List<Object> params) {
        List<String> parts = new ArrayList<>();
        LocalDate firstFullMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate endOfFullMonths = to.withDayOfMonth(1);
        if (!monthsAllowed || !firstFullMonth.isBefore(endOfFullMonths)) {
            parts.add(earningsPart("seller_earnings_daily", "day", from, to, sellerId, params));
        } else {
            if (from.isBefore(firstFullMonth)) {
                parts.add(earningsPart("seller_earnings_daily", "day", from, firstFullMonth, sellerId, params));
            }
            parts.add(earningsPart("seller_earnings_monthly", "month", firstFullMonth, endOfFullMonths, sellerId, params));
            if (endOfFullMonths.isBefore(to)) {
                parts.add(earningsPart("seller_earnings_daily", "day", endOfFullMonths, to, sellerId, params));
            }
        }
        return "(" + String.join(" union all ", parts) + ") e";
    }

    private static String earningsPart(String table, String period, LocalDate from, LocalDate to, String sellerId,
                                       List<Object> params) {
        params.add(from);
        params.add(to);
        if (sellerId != null) {
            params.add(sellerId);
        }
        return "select " + period + " as bucket, seller_id, currency, offering_kind, commission_bps, gross, stripe_fees, "
                + "commission, refunds, disputes, net, sales, refund_count, dispute_count from " + table + " where "
                + period + " >= ? and " + period + " < ?" + (sellerId == null ? "" : " and seller_id = ?");
    }

    public List<Reports.SellerBalance> sellerBalances(String sellerId) {
        return Jdbc.query(dataSource, "select seller_id, currency, pending, available, paid_out, version, updated_at "
                + "from seller_balance where seller_id = ? order by currency", ReportQueries::sellerBalance, sellerId);
    }

    /** Every seller's balances, by seller id, after {@code afterSeller}. */
    public List<Reports.SellerBalance> allSellerBalances(String afterSeller, int limit) {
        return Jdbc.query(dataSource, "select seller_id, currency, pending, available, paid_out, version, updated_at "
                        + "from seller_balance where seller_id in (select distinct seller_id from seller_balance "
                        + "where seller_id > ? order by seller_id limit ?) order by seller_id, currency",
                ReportQueries::sellerBalance, afterSeller == null ? "" : afterSeller, limit);
    }

    public Reports.PlatformRevenue platformRevenue(LocalDate from, LocalDate to, Granularity granularity) {
        Map<String, Map<LocalDate, long[]>> byCurrency = new TreeMap<>();
        List<AccountType> types = List.of(AccountType.COMMISSION_REVENUE, AccountType.SUBSCRIPTION_REVENUE,
                AccountType.REFUNDS, AccountType.CHARGEBACKS, AccountType.STRIPE_FEES, AccountType.DISPUTE_FEES,
                AccountType.FX_GAIN_LOSS);
        Jdbc.query(dataSource, "select date_trunc(?, d.day)::date as period, a.currency, a.type, "
                        + "sum(d.debits) - sum(d.credits) as movement from account_daily d "
                        + "join ledger_account a on a.id = d.account_id where a.owner_id = '' and a.type = any(?::text[]) "
                        + "and d.day >= ? and d.day < ? group by 1, 2, 3",
                rs -> {
                    long[] values = byCurrency.computeIfAbsent(rs.getString("currency"), c -> new TreeMap<>())
                            .computeIfAbsent(rs.getObject("period", LocalDate.class), p -> new long[types.size()]);
                    AccountType type = AccountType.fromDb(rs.getString("type"));
                    values[types.indexOf(type)] += type.normalBalance(rs.getLong("movement"));
                    return null;
                },
                granularity.sqlUnit(), types.stream().map(AccountType::dbValue).toArray(String[]::new), from, to);
        List<Reports.RevenueRow> rows = new ArrayList<>();
        List<Reports.RevenueRow> totals = new ArrayList<>();
        byCurrency.forEach((currency, periods) -> {
            long[] total = new long[types.size()];
            periods.forEach((period, v) -> {
                rows.add(revenueRow(period, currency, v));
                for (int i = 0; i < v.length; i++) {
                    total[i] += v[i];
                }
            });
            totals.add(revenueRow(null, currency, total));
        });
        rows.sort(java.util.Comparator.comparing(Reports.RevenueRow::period).thenComparing(Reports.RevenueRow::currency));
        return new Reports.PlatformRevenue(from, to, granularity.sqlUnit(), rows, totals);
    }

    /**
     * Every account's debits, credits and balance: the running totals, minus what was posted after
     * {@code asOf} when a date is given (balances at the end of that UTC day).
     */
    public Reports.TrialBalance trialBalance(LocalDate asOf) {
        Map<Long, long[]> after = new HashMap<>();
        if (asOf != null) {
            Jdbc.query(dataSource, "select account_id, sum(debits), sum(credits) from account_daily where day > ? "
                    + "group by account_id", rs -> after.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)}), asOf);
        }
        List<Reports.TrialBalanceRow> rows = new ArrayList<>();
        Map<String, long[]> totals = new TreeMap<>();
        Jdbc.query(dataSource, "select a.id, a.type, a.owner_id, a.currency, sum(b.debits) debits, sum(b.credits) credits "
                + "from account_balance b join ledger_account a on a.id = b.account_id "
                + "group by a.id, a.type, a.owner_id, a.currency order by a.currency, a.type, a.owner_id", rs -> {
                    long[] later = after.getOrDefault(rs.getLong("id"), new long[2]);
                    long debits = rs.getLong("debits") - later[0];
                    long credits = rs.getLong("credits") - later[1];
                    if (debits == 0 && credits == 0) {
                        return null;
                    }
                    AccountKey key = new AccountKey(AccountType.fromDb(rs.getString("type")), rs.getString("owner_id"),
                            rs.getString("currency"));
                    rows.add(new Reports.TrialBalanceRow(key.code(), key.type().dbValue(), key.ownerId(), key.currency(),
                            debits, credits, debits - credits, key.type().normalBalance(debits - credits)));
                    long[] total = totals.computeIfAbsent(key.currency(), c -> new long[2]);
                    total[0] += debits;
                    total[1] += credits;
                    return null;
                });
        List<Reports.CurrencyTotal> currencyTotals = new ArrayList<>();
        totals.forEach((currency, t) -> currencyTotals.add(new Reports.CurrencyTotal(currency, t[0], t[1], t[0] == t[1])));
        return new Reports.TrialBalance(asOf, rows, currencyTotals);
    }

    public Reports.Statement statement(String sellerId, int year) {
        LocalDate start = LocalDate.of(year, 1, 1);
        LocalDate end = start.plusYears(1);
        Map<String, List<Reports.EarningsRow>> months = new TreeMap<>();
        for (Reports.EarningsRow row : earnings(sellerId, start, end, Granularity.MONTH, null).rows()) {
            months.computeIfAbsent(row.currency(), c -> new ArrayList<>()).add(row);
        }
        Map<String, Reports.BalanceAt> opening = sellerBalancesAt(sellerId, start);
        Map<String, Reports.BalanceAt> closing = sellerBalancesAt(sellerId, end);
        TreeSet<String> currencies = new TreeSet<>(months.keySet());
        currencies.addAll(closing.keySet());
        List<Reports.StatementCurrency> sections = new ArrayList<>();
        for (String currency : currencies) {
            List<Reports.EarningsRow> rows = months.getOrDefault(currency, List.of());
            Reports.BalanceAt open = opening.getOrDefault(currency, new Reports.BalanceAt(currency, 0, 0, 0));
            Reports.BalanceAt close = closing.getOrDefault(currency, new Reports.BalanceAt(currency, 0, 0, 0));
            List<Reports.EarningsRow> total = totals(rows);
            sections.add(new Reports.StatementCurrency(currency, open, close, rows,
                    total.isEmpty() ? new Reports.EarningsRow(null, currency, 0, 0, 0, 0, 0, 0, 0, 0, 0) : total.get(0),
                    close.paidOut() - open.paidOut()));
        }
        return new Reports.Statement(sellerId, year, sections);
    }

    /** A seller's balances at the start of {@code day} (UTC), from the daily account totals. */
    Map<String, Reports.BalanceAt> sellerBalancesAt(String sellerId, LocalDate day) {
        Map<String, long[]> values = new LinkedHashMap<>();
        Jdbc.query(dataSource, "select a.currency, a.type, coalesce(sum(d.credits) - sum(d.debits), 0) owed "
                        + "from ledger_account a join account_daily d on d.account_id = a.id "
                        + "where a.owner_id = ? and a.type = any(?::text[]) and d.day < ? group by a.currency, a.type",
                rs -> {
                    long[] v = values.computeIfAbsent(rs.getString("currency"), c -> new long[3]);
                    switch (AccountType.fromDb(rs.getString("type"))) {
                        case SELLER_PAYABLE_PENDING -> v[0] = rs.getLong("owed");
                        case SELLER_PAYABLE_AVAILABLE -> v[1] = rs.getLong("owed");
                        case SELLER_PAID_OUT -> v[2] = rs.getLong("owed");
                        default -> {
                        }
                    }
                    return null;
                },
                sellerId, new String[] {AccountType.SELLER_PAYABLE_PENDING.dbValue(),
                        AccountType.SELLER_PAYABLE_AVAILABLE.dbValue(), AccountType.SELLER_PAID_OUT.dbValue()}, day);
        Map<String, Reports.BalanceAt> result = new TreeMap<>();
        values.forEach((currency, v) -> result.put(currency, new Reports.BalanceAt(currency, v[0], v[1], v[2])));
        return result;
    }

    private static List<Reports.EarningsRow> totals(List<Reports.EarningsRow> rows) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Reports.EarningsRow row : rows) {
            long[] s = sums.computeIfAbsent(row.currency(), c -> new long[10]);
            long[] v = {row.gross(), row.stripeFees(), row.commission(), row.refunds(), row.disputes(), row.net(),
                    row.sales(), row.refundCount(), row.disputeCount()};
            for (int i = 0; i < v.length; i++) {
                s[i] += v[i];
            }
        }
        List<Reports.EarningsRow> totals = new ArrayList<>();
        sums.forEach((currency, s) -> totals.add(new Reports.EarningsRow(null, currency, s[0], s[1], s[2], s[3], s[4], s[5],
                s[6], s[7], s[8])));
        return totals;
    }

    private static Reports.RevenueRow revenueRow(LocalDate period, String currency, long[] v) {
        long net = v[0] + v[1] - v[2] - v[3] - v[4] - v[5] - v[6];
        return new Reports.RevenueRow(period, currency, v[0], v[1], v[2], v[3], v[4], v[5], v[6], net);
    }

    private static Reports.EarningsRow earningsRow(ResultSet rs) throws SQLException {
        return new Reports.EarningsRow(rs.getObject("period", LocalDate.class), rs.getString("currency"),
                rs.getLong("gross"), rs.getLong("stripe_fees"), rs.getLong("commission"), rs.getLong("refunds"),
                rs.getLong("disputes"), rs.getLong("net"), rs.getLong("sales"), rs.getLong("refund_count"),
                rs.getLong("dispute_count"));
    }

    private static Reports.SellerBalance sellerBalance(ResultSet rs) throws SQLException {
        return new Reports.SellerBalance(rs.getString("seller_id"), rs.getString("currency"), rs.getLong("pending"),
                rs.getLong("available"), rs.getLong("paid_out"), rs.getLong("version"), Jdbc.instant(rs, "updated_at"));
    }

    private static String percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP).toPlainString();
    }
}
