package dev.tessera.ledger.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Small plain-JDBC helpers. The ledger talks to PostgreSQL directly (on the JTA transaction's connection, like
 * the platform's outbox): postings are batched multi-row statements ({@code unnest} of arrays, JDBC batches)
 * that an ORM would turn into one round trip per row.
 */
public final class Jdbc {

    private Jdbc() {
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    public static <T> T with(DataSource dataSource, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public static <T> List<T> query(DataSource dataSource, String sql, RowMapper<T> mapper, Object... params) {
        return with(dataSource, connection -> query(connection, sql, mapper, params));
    }

    public static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params); ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        }
    }

    public static <T> Optional<T> queryOne(DataSource dataSource, String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(dataSource, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public static int update(DataSource dataSource, String sql, Object... params) {
        return with(dataSource, connection -> {
            try (PreparedStatement statement = prepare(connection, sql, params)) {
                return statement.executeUpdate();
            }
        });
    }

    public static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        bind(statement, params);
        return statement;
    }

    public static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof Instant instant) {
                statement.setTimestamp(index, Timestamp.from(instant));
            } else if (value instanceof String[] texts) {
                statement.setArray(index, statement.getConnection().createArrayOf("text", texts));
            } else if (value instanceof LocalDate date) {
                statement.setObject(index, date);
            } else {
                statement.setObject(index, value);
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static Array longs(Connection connection, Collection<Long> values) throws SQLException {
        return connection.createArrayOf("bigint", values.toArray(new Long[0]));
    }

    public static Array ints(Connection connection, Collection<Integer> values) throws SQLException {
        return connection.createArrayOf("integer", values.toArray(new Integer[0]));
    }

    public static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(new String[0]));
    }

    public static Array timestamps(Connection connection, Collection<Instant> values) throws SQLException {
        Timestamp[] array = values.stream().map(v -> v == null ? null : Timestamp.from(v)).toArray(Timestamp[]::new);
        return connection.createArrayOf("timestamptz", array);
    }

    public static Array dates(Connection connection, Collection<LocalDate> values) throws SQLException {
        return connection.createArrayOf("date", values.stream().map(java.sql.Date::valueOf).toArray());
    }

    /** A database failure: transient from the caller's point of view (the message processor retries it). */
    public static final class DataAccessException extends RuntimeException {
        public DataAccessException(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        public String sqlState() {
            return getCause() instanceof SQLException sql ? sql.getSQLState() : null;
        }
    }
}
