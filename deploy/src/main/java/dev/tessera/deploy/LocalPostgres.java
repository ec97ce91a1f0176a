package dev.tessera.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.postgresql.Driver;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 18 (the embedded binaries of io.zonky.test) on a fixed port with a persistent data directory, so the
 * services find their data again after a restart.
 *
 * <p>platform-testing's {@code EmbeddedPostgresServer} always uses a fresh directory and a random port, which is
 * right for tests and wrong here; this class drives zonky's builder directly with the same tuning.
 *
 * <p>{@code pg_ctl} detaches the postmaster from the launcher, so a killed launcher would leave it running. A tiny
 * shell watchdog, a direct child of the launcher, waits on a stdin pipe and sends the postmaster SIGINT (fast
 * shutdown) when the pipe closes; the postmaster is also recorded for the next start's clean-up.
 */
final class LocalPostgres implements AutoCloseable {

    static final String USERNAME = "postgres";
    // Connections from localhost are trusted; services still need a value for QUARKUS_DATASOURCE_PASSWORD.
    static final String PASSWORD = "postgres";
    static final String RECORD_NAME = "postgres";
    private static final String WATCHDOG_RECORD_NAME = "postgres-watchdog";
    private static final String MAINTENANCE_DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path data;
    private final int port;
    private final ProcessRecords records;
    private final Process watchdog;

    private LocalPostgres(EmbeddedPostgres postgres, Path data, int port, ProcessRecords records, Process watchdog) {
        this.postgres = postgres;
        this.data = data;
        this.port = port;
        this.records = records;
        this.watchdog = watchdog;
    }

    static LocalPostgres start(Path directory, int port, Path logFile, ProcessRecords records) {
        Path data = directory.resolve("data");
        SuiteLayout.createDirectories(directory);
        reapPostmasterOf(data);
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(data)
                    // initdb runs only when the directory has no cluster yet (no postgresql.conf).
                    .setCleanDataDirectory(false)
                    // Our own hook stops it, after the services that use it.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // The machine's locale may not exist in the binaries' world; C always does (encoding stays UTF-8).
                    .setLocaleConfig("locale", "C")
                    // zonky starts the server with -F (fsync off), right for throwaway test data; this data is
                    // meant to survive, so fsync is switched back on (a later -c wins). Losing the last few commits
                    // in an OS crash is acceptable locally, so commits do not wait for the disk.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "off")
                    // Eight services, each with a pool (ingest's grows to 32).
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
        } catch (IOException e) {
            throw new CliException("Cannot start PostgreSQL on port " + port + " (is the port taken?). Log "
                    + logFile + ":\n" + ChildProcess.tail(logFile, 30), e);
        }
        Optional<ProcessHandle> postmaster = postmaster(data);
        postmaster.ifPresent(handle -> records.record(RECORD_NAME, handle));
        Process watchdog = postmaster.map(handle -> startWatchdog(handle, records)).orElse(null);
        return new LocalPostgres(postgres, data, port, records, watchdog);
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Optional<ProcessHandle> postmasterHandle() {
        return postmaster(data);
    }

    /** Creates each database that does not exist yet; existing ones keep their data. */
    void createDatabases(List<String> databases) {
        try (Connection connection = connect(jdbcUrl(MAINTENANCE_DATABASE))) {
            for (String database : databases) {
                if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
                    throw new IllegalArgumentException("Not a plain database name: " + database);
                }
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet result = exists.executeQuery()) {
                        if (result.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + database + "\"");
                }
            }
        } catch (SQLException e) {
            throw new CliException("Cannot create the service databases: " + e.getMessage(), e);
        }
    }

    /** Fast shutdown (open sessions are ended); the data stays. */
    @Override
    public void close() {
        if (watchdog != null) {
            // Killed first and its pipe closed only afterwards: a closed pipe is its signal to stop PostgreSQL,
            // which must not race pg_ctl's own orderly stop. (Process.destroy() would close the pipe too early.)
            watchdog.toHandle().destroy();
            try {
                watchdog.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                watchdog.getOutputStream().close();
            } catch (IOException e) {
                // It is gone either way.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            records.forget(WATCHDOG_RECORD_NAME);
        }
        try {
            postgres.close();
        } catch (IOException e) {
            System.out.println("  Could not stop PostgreSQL cleanly: " + e.getMessage());
        }
        records.forget(RECORD_NAME);
    }

    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USERNAME);
        properties.setProperty("password", PASSWORD);
        return new Driver().connect(url, properties);
    }

    /**
     * {@code sh -c 'read line; kill -INT <postmaster>'} with the launcher holding its stdin: {@code read} returns
     * at end of input, that is when the launcher has died. About a megabyte of memory, against a JVM's hundreds.
     */
    private static Process startWatchdog(ProcessHandle postmaster, ProcessRecords records) {
        try {
            Process process = new ProcessBuilder("sh", "-c", "read -r ignored; kill -INT " + postmaster.pid() + " 2>/dev/null")
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            records.record(WATCHDOG_RECORD_NAME, process.toHandle());
            return process;
        } catch (IOException e) {
            System.out.println("  Warning: no watchdog for PostgreSQL (" + e.getMessage()
                    + "); if the launcher is killed, the next start stops the leftover server");
            return null;
        }
    }

    /** The live postmaster serving {@code data}, from the first line of its {@code postmaster.pid}. */
    private static Optional<ProcessHandle> postmaster(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A postmaster still serving our data directory (its launcher and watchdog were both killed) would make the
     * start fail with a lock error; stop it first. SIGINT is PostgreSQL's fast shutdown.
     */
    private static void reapPostmasterOf(Path data) {
        postmaster(data).ifPresent(process -> {
            System.out.println("  Stopping a PostgreSQL left over from an earlier run (pid " + process.pid() + ")");
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                ProcessRecords.terminate(process);
            }
        });
    }
}
