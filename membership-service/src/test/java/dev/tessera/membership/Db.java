package dev.tessera.membership;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import javax.sql.DataSource;

/** Direct reads of the membership database, so tests check what was stored. */
public final class Db {

    private Db() {
    }

    public static String text(DataSource ds, String sql, Object... params) {
        List<List<String>> rows = rows(ds, sql, params);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    public static long count(DataSource ds, String sql, Object... params) {
        String value = text(ds, sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }

    public static List<List<String>> rows(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T awaitValue(Callable<T> supplier, Predicate<T> until) {
        return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(supplier, until::test);
    }

    /** The membership of a subscription, once it exists. */
    public static String membershipOf(DataSource ds, String subscriptionId) {
        return awaitValue(() -> text(ds, "select id from membership where stripe_subscription_id = ?", subscriptionId),
                id -> id != null);
    }

    public static String status(DataSource ds, String subscriptionId) {
        return text(ds, "select status from membership where stripe_subscription_id = ?", subscriptionId);
    }

    public static String awaitStatus(DataSource ds, String subscriptionId, String status) {
        return awaitValue(() -> status(ds, subscriptionId), status::equals);
    }
}
