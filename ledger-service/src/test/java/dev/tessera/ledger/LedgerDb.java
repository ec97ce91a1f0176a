package dev.tessera.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Direct reads of the ledger database, so tests check what was stored rather than what an API says. */
public final class LedgerDb {

    private LedgerDb() {
    }

    public static long count(DataSource dataSource, String sql, Object... params) {
        return longValue(dataSource, sql, params);
    }

    public static long longValue(DataSource dataSource, String sql, Object... params) {
        List<Map<String, Object>> rows = rows(dataSource, sql, params);
        if (rows.isEmpty()) {
            return 0;
        }
        Object value = rows.get(0).values().iterator().next();
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static List<Map<String, Object>> rows(DataSource dataSource, String sql, Object... params) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The balance of an account in its normal direction (e.g. a seller's payable as an amount owed). */
    public static long balance(DataSource dataSource, String type, String owner, String currency) {
        long debitMinusCredit = longValue(dataSource, "select coalesce(sum(e.amount), 0) from journal_entry e "
                + "join ledger_account a on a.id = e.account_id where a.type = ? and a.owner_id = ? and a.currency = ?",
                type, owner, currency);
        return dev.tessera.ledger.journal.domain.AccountType.fromDb(type).normalBalance(debitMinusCredit);
    }

    /** Journal transactions whose entries do not sum to zero per currency (there must never be any). */
    public static List<Map<String, Object>> unbalanced(DataSource dataSource) {
        return rows(dataSource, "select transaction_id, currency, sum(amount) as total from journal_entry "
                + "group by transaction_id, currency having sum(amount) <> 0");
    }

    /** Accounts whose maintained totals differ from the sum of their entries (there must never be any). */
    public static List<Map<String, Object>> summaryDrift(DataSource dataSource) {
        return rows(dataSource, "with e as (select account_id, sum(greatest(amount, 0)) d, sum(greatest(-amount, 0)) c, "
                + "count(*) n from journal_entry group by account_id), "
                + "b as (select account_id, sum(debits) d, sum(credits) c, sum(entry_count) n from account_balance group by account_id), "
                + "dd as (select account_id, sum(debits) d, sum(credits) c, sum(entry_count) n from account_daily group by account_id) "
                + "select coalesce(e.account_id, b.account_id, dd.account_id) as account_id from e "
                + "full join b on b.account_id = e.account_id full join dd on dd.account_id = coalesce(e.account_id, b.account_id) "
                + "where e.d is distinct from b.d or e.c is distinct from b.c or e.n is distinct from b.n "
                + "or e.d is distinct from dd.d or e.c is distinct from dd.c or e.n is distinct from dd.n");
    }

    /** Monthly earnings rows that differ from the sum of their days (there must never be any). */
    public static List<Map<String, Object>> earningsDrift(DataSource dataSource) {
        return rows(dataSource, "with d as (select seller_id, currency, date_trunc('month', day)::date as month, offering_kind, "
                + "commission_bps, sum(gross) gross, sum(commission) commission, sum(net) net, sum(refunds) refunds, "
                + "sum(disputes) disputes, sum(sales) sales from seller_earnings_daily group by 1, 2, 3, 4, 5) "
                + "select coalesce(d.seller_id, m.seller_id) as seller_id from d full join seller_earnings_monthly m "
                + "on m.seller_id = d.seller_id and m.currency = d.currency and m.month = d.month "
                + "and m.offering_kind = d.offering_kind and m.commission_bps = d.commission_bps "
                + "where d.gross is distinct from m.gross or d.commission is distinct from m.commission "
                + "or d.net is distinct from m.net or d.refunds is distinct from m.refunds "
                + "or d.disputes is distinct from m.disputes or d.sales is distinct from m.sales");
    }
}
