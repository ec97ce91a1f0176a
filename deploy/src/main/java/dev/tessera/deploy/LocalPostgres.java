package dev.tessera.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.tessera.testing.EmbeddedPostgresServer;
import dev.tessera.testing.ProcessRecords;

/**
 * platform-testing's embedded PostgreSQL 18 on a fixed port with a persistent, durable data directory, so the
 * services find their data again after a restart.
 *
 * <p>{@code pg_ctl} detaches the postmaster from the launcher, so a killed launcher would leave it running: a
 * {@link PostmasterWatchdog} stops it when the launcher dies, and the postmaster is also recorded for the next
 * start's clean-up.
 */
final class LocalPostgres implements AutoCloseable {

    static final String USERNAME = EmbeddedPostgresServer.USERNAME;
    // Connections from localhost are trusted; services still need a value for QUARKUS_DATASOURCE_PASSWORD.
    static final String PASSWORD = EmbeddedPostgresServer.PASSWORD;
    static final String RECORD_NAME = "postgres";
    private static final String WATCHDOG_RECORD_NAME = "postgres-watchdog";
    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration LEFTOVER_STOP_GRACE = Duration.ofSeconds(30);

    private final EmbeddedPostgresServer server;
    private final ProcessRecords records;
    private final PostmasterWatchdog watchdog;

    private LocalPostgres(EmbeddedPostgresServer server, ProcessRecords records, PostmasterWatchdog watchdog) {
        this.server = server;
        this.records = records;
        this.watchdog = watchdog;
    }

    static LocalPostgres start(Path directory, int port, Path logFile, ProcessRecords records) {
        reapPostmasterOf(directory.resolve("data"));
        EmbeddedPostgresServer server;
        try {
            server = EmbeddedPostgresServer.builder()
                    .keepData(directory)
                    .port(port)
                    .logFile(logFile)
                    .durable()
                    .listenAddress(HOST)
                    .startupWait(STARTUP_WAIT)
                    .start();
        } catch (IllegalStateException e) {
            throw new CliException("Cannot start PostgreSQL on port " + port + " (is the port taken?). Log "
                    + logFile + ":\n" + ChildProcess.tail(logFile, 30), e);
        }
        Optional<ProcessHandle> postmaster = server.postmaster();
        postmaster.ifPresent(handle -> records.record(RECORD_NAME, handle));
        PostmasterWatchdog watchdog = postmaster.map(handle -> startWatchdog(handle, records)).orElse(null);
        return new LocalPostgres(server, records, watchdog);
    }

    int port() {
        return server.port();
    }

    /** The URL of {@code database}, which may also be empty (a prefix) or a placeholder to show the user. */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + server.port() + "/" + database;
    }

    Optional<ProcessHandle> postmasterHandle() {
        return server.postmaster();
    }

    /** Creates each database that does not exist yet; existing ones keep their data. */
    void createDatabases(List<String> databases) {
        try {
            databases.forEach(server::createDatabase);
        } catch (IllegalStateException e) {
            throw new CliException("Cannot create the service databases: " + e.getMessage(), e);
        }
    }

    /** Fast shutdown (open sessions are ended); the data stays. */
    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.dismiss();
            records.forget(WATCHDOG_RECORD_NAME);
        }
        server.close();
        records.forget(RECORD_NAME);
    }

    private static PostmasterWatchdog startWatchdog(ProcessHandle postmaster, ProcessRecords records) {
        try {
            PostmasterWatchdog watchdog = PostmasterWatchdog.start(postmaster);
            records.record(WATCHDOG_RECORD_NAME, watchdog.handle());
            return watchdog;
        } catch (IOException e) {
            System.out.println("  Warning: no watchdog for PostgreSQL (" + e.getMessage()
                    + "); if the launcher is killed, the next start stops the leftover server");
            return null;
        }
    }

    /**
     * A postmaster still serving our data directory (its launcher and watchdog were both killed) would make the
     * start fail with a lock error; stop it first.
     */
    private static void reapPostmasterOf(Path data) {
        EmbeddedPostgresServer.postmasterOf(data).ifPresent(process -> {
            System.out.println("  Stopping a PostgreSQL left over from an earlier run (pid " + process.pid() + ")");
            EmbeddedPostgresServer.stopPostmaster(process, LEFTOVER_STOP_GRACE);
        });
    }
}
