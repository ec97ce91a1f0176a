package dev.tessera.testing;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (the embedded binaries of io.zonky.test, PostgreSQL 18) in this JVM's scratch
 * directory, on a free port of localhost. Starting takes 1-3 s.
 *
 * <p>The server trusts local connections: user {@value #USERNAME}; any password is accepted,
 * {@value #PASSWORD} is the one to configure. It is tuned for tests, not durability ({@code fsync=off}).
 *
 * <p>Most tests use the JVM-wide server of {@link TesseraInfra}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";

    private static final System.Logger LOG = System.getLogger(EmbeddedPostgresServer.class.getName());
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final int LOG_TAIL_LINES = 40;

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory;
    }

    /** Starts a new server in a new directory; {@link #close()} stops it and deletes the directory. */
    public static EmbeddedPostgresServer start() {
        Path directory = TestDirectories.newDirectory("postgres");
        Path logFile = directory.resolve("postgres.log");
        long startedAt = System.nanoTime();
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(true)
                    // Our own hook stops it, in order with everything else; see ShutdownCleanup.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // The machine's locale may not exist in the binaries' world; C is always there.
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    // Several Quarkus applications (one per test profile) may each hold a pool at once.
                    .setServerConfig("max_connections", "300")
                    .start();
        } catch (IOException | RuntimeException e) {
            // A postmaster that came up but never answered would otherwise outlive us unrecorded.
            stopStrayPostmaster(directory.resolve("data"));
            String log = logTail(logFile);
            try {
                FileTrees.deleteRecursively(directory);
            } catch (IOException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw new IllegalStateException("Cannot start embedded PostgreSQL: " + e.getMessage() + ". Its log:\n" + log, e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, directory);
        server.recordPostmaster();
        ShutdownCleanup.register(server);
        LOG.log(Level.INFO, String.format("PostgreSQL started on port %d in %d ms (log: %s)", postgres.getPort(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), logFile));
        return server;
    }

    /** Creates {@code database} if it does not exist yet. Safe to call from several threads and test classes. */
    public void createDatabase(String database) {
        PostgresAdmin.requireValidName(database);
        if (createdDatabases.contains(database)) {
            return;
        }
        PostgresAdmin.createDatabaseIfMissing(jdbcUrl(MAINTENANCE_DATABASE), USERNAME, PASSWORD, database);
        createdDatabases.add(database);
    }

    /** {@code jdbc:postgresql://localhost:<port>/<database>}; does not create the database. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + PostgresAdmin.requireValidName(database);
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Data directory and log of this server. */
    public Path directory() {
        return directory;
    }

    /** Stops the server (fast shutdown) and deletes its directory. */
    @Override
    public void close() {
        ShutdownCleanup.unregister(this);
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not stop embedded PostgreSQL cleanly", e);
        }
        try {
            FileTrees.deleteRecursively(directory);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete " + directory, e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[port " + postgres.getPort() + ", " + directory + "]";
    }

    private static void stopStrayPostmaster(Path dataDirectory) {
        postmasterPid(dataDirectory).flatMap(ProcessHandle::of).ifPresent(postmaster -> {
            postmaster.destroy();
            try {
                postmaster.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                postmaster.destroyForcibly();
            }
        });
    }

    private static String logTail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Optional<Long> postmasterPid(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    // pg_ctl daemonizes the postmaster, so it survives a killed test JVM: record it for the next JVM's sweep.
    private void recordPostmaster() {
        Optional<ProcessHandle> postmaster = postmasterPid(directory.resolve("data")).flatMap(ProcessHandle::of);
        if (postmaster.isPresent()) {
            TestDirectories.recordProcess(directory, "postgres", postmaster.get());
        } else {
            LOG.log(Level.WARNING, "Could not find the postmaster of " + directory
                    + "; it will not be cleaned up if this JVM is killed");
        }
    }
}
