package dev.tessera.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

import org.postgresql.Driver;

/** Database-level chores shared by the embedded server and an external one. */
final class PostgresAdmin {

    // Unquoted-identifier rules, so a name means the same in SQL, in a JDBC URL and in a shell.
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    // Two JVMs racing to create the same database on a shared server collide on pg_database's index.
    private static final String UNIQUE_VIOLATION = "23505";

    private PostgresAdmin() {
    }

    static String requireValidName(String database) {
        if (database == null || !DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a valid test database name (lower case letters, digits and _, "
                    + "at most 63): " + database);
        }
        return database;
    }

    /**
     * Creates {@code database} unless it exists, connecting through {@code serverUrl} (any database on the
     * server the caller may connect to).
     */
    static void createDatabaseIfMissing(String serverUrl, String username, String password, String database) {
        requireValidName(database);
        try (Connection connection = connect(serverUrl, username, password)) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet result = exists.executeQuery()) {
                    if (result.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + database + "\"");
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database + " via " + serverUrl + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@code serverUrl} with its database replaced by {@code database}; host list and parameters are kept.
     * {@code jdbc:postgresql://db:5432/postgres?sslmode=require} becomes
     * {@code jdbc:postgresql://db:5432/<database>?sslmode=require}.
     */
    static String databaseUrl(String serverUrl, String database) {
        requireValidName(database);
        String prefix = "jdbc:postgresql://";
        if (!serverUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL with a host: " + serverUrl);
        }
        int query = serverUrl.indexOf('?');
        String withoutQuery = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String parameters = query < 0 ? "" : serverUrl.substring(query);
        int pathStart = withoutQuery.indexOf('/', prefix.length());
        String hosts = pathStart < 0 ? withoutQuery : withoutQuery.substring(0, pathStart);
        return hosts + "/" + database + parameters;
    }

    static Connection connect(String url, String username, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        if (password != null) {
            properties.setProperty("password", password);
        }
        // The driver directly, not DriverManager: DriverManager refuses drivers registered by another class
        // loader, and under @QuarkusTest the caller's and the driver's class loaders often differ.
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver does not accept the URL " + url);
        }
        return connection;
    }
}
