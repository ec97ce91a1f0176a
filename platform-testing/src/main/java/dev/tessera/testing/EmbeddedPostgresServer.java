package dev.tessera.testing;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (the embedded binaries of io.zonky.test, PostgreSQL 18). Starting takes 1-3 s.
 *
 * <p>{@link #start()} makes the test server: in this JVM's scratch directory, on a free port of localhost, tuned
 * for tests, not durability ({@code fsync=off}), and gone with the JVM. {@link #builder()} makes others: on a fixed
 * port, with data kept in a directory of the caller's, durable (the local suite's server, whose databases survive
 * restarts).
 *
 * <p>The server trusts local connections: user {@value #USERNAME}; any password is accepted,
 * {@value #PASSWORD} is the one to configure.
 *
 * <p>Most tests use the JVM-wide server of {@link TesseraInfra}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";

    private static final System.Logger LOG = System.getLogger(EmbeddedPostgresServer.class.getName());
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final String DEFAULT_HOST = "localhost";
    private static final Duration DEFAULT_STARTUP_WAIT = Duration.ofSeconds(30);
    private static final Duration STRAY_STOP_GRACE = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 40;

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final boolean keepsData;
    private final String host;
    private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path directory, boolean keepsData, String host) {
        this.postgres = postgres;
        this.directory = directory;
        this.keepsData = keepsData;
        this.host = host;
    }

    /**
     * Starts a new test server in a new directory; {@link #close()} stops it and deletes the directory, and so does
     * the JVM's exit.
     *
     * @throws IllegalStateException if it does not start; the message carries the end of its log
     */
    public static EmbeddedPostgresServer start() {
        return builder().start();
    }

    /** Options for a server other than the test server; {@code builder().start()} is {@link #start()}. */
    public static Builder builder() {
        return new Builder();
    }

    private static EmbeddedPostgresServer start(Builder options) {
        boolean keep = options.keptDirectory != null;
        Path directory = keep ? FileTrees.createDirectories(options.keptDirectory) : TestDirectories.newDirectory("postgres");
        Path data = directory.resolve("data");
        Path logFile = options.logFile != null ? options.logFile : directory.resolve("postgres.log");
        long startedAt = System.nanoTime();
        EmbeddedPostgres postgres;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    // Kept data: initdb runs only when the directory has no cluster yet (no postgresql.conf).
                    .setCleanDataDirectory(!keep)
                    // Stopped in order with everything else: by ShutdownCleanup, or by the owner of kept data.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(options.startupWait)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // The machine's locale may not exist in the binaries' world; C always does (encoding stays UTF-8).
                    .setLocaleConfig("locale", "C")
                    // Losing the last commits in an OS crash is acceptable even for kept data, so commits never
                    // wait for the disk.
                    .setServerConfig("synchronous_commit", "off")
                    // Several Quarkus applications (one per test profile, or the local suite's eight services) may
                    // each hold a pool at once.
                    .setServerConfig("max_connections", "300");
            if (options.durable) {
                // zonky starts the server with -F (fsync off); a later -c wins.
                builder.setServerConfig("fsync", "on");
            } else {
                builder.setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off");
            }
            if (options.port != 0) {
                builder.setPort(options.port);
            }
            if (options.listenAddress != null) {
                builder.setServerConfig("listen_addresses", options.listenAddress);
            }
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            // A postmaster that came up but never answered would otherwise outlive us unrecorded.
            postmasterOf(data).ifPresent(postmaster -> stopPostmaster(postmaster, STRAY_STOP_GRACE));
            String log = logTail(logFile);
            if (!keep) {
                try {
                    FileTrees.deleteRecursively(directory);
                } catch (IOException cleanupFailure) {
                    e.addSuppressed(cleanupFailure);
                }
            }
            throw new IllegalStateException("Cannot start embedded PostgreSQL: " + e.getMessage() + ". Its log:\n" + log, e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, directory, keep,
                options.listenAddress != null ? options.listenAddress : DEFAULT_HOST);
        if (!keep) {
            server.recordPostmaster();
            ShutdownCleanup.register(server);
        }
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

    /**
     * {@code jdbc:postgresql://localhost:<port>/<database>} (the {@linkplain Builder#listenAddress listen address}
     * instead of localhost if one was given); does not create the database.
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + postgres.getPort() + "/" + PostgresAdmin.requireValidName(database);
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

    /** Data directory ({@code data/}) and, unless the builder named another, log of this server. */
    public Path directory() {
        return directory;
    }

    /** The server's main process while it runs. */
    public Optional<ProcessHandle> postmaster() {
        return postmasterOf(directory.resolve("data"));
    }

    /**
     * Stops the server (fast shutdown: open sessions are ended) and deletes its directory; the directory of
     * {@linkplain Builder#keepData kept data} stays.
     */
    @Override
    public void close() {
        ShutdownCleanup.unregister(this);
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not stop embedded PostgreSQL cleanly", e);
        }
        if (keepsData) {
            return;
        }
        try {
            FileTrees.deleteRecursively(directory);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete " + directory, e);
        }
    }

    /**
     * The live postmaster serving {@code dataDirectory}, from the first line of its {@code postmaster.pid}: also one
     * that an earlier, killed owner of kept data left running, which would make a new start fail on the lock.
     */
    public static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessHandle::isAlive)
                    // A stale postmaster.pid may name a pid the kernel has since given to another program.
                    .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Fast shutdown of {@code postmaster} (SIGINT: sessions are ended, data is flushed); SIGKILL to it and its
     * backends if it has not exited within {@code grace}.
     */
    public static void stopPostmaster(ProcessHandle postmaster, Duration grace) {
        try {
            // Java signals only SIGTERM (smart shutdown, which waits for every client to disconnect) and SIGKILL.
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).start().waitFor();
            postmaster.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[port " + postgres.getPort() + ", " + directory + "]";
    }

    private static String logTail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    // pg_ctl daemonizes the postmaster, so it survives a killed test JVM: record it for the next JVM's sweep.
    private void recordPostmaster() {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isPresent()) {
            TestDirectories.recordProcess(directory, "postgres", postmaster.get());
        } else {
            LOG.log(Level.WARNING, "Could not find the postmaster of " + directory
                    + "; it will not be cleaned up if this JVM is killed");
        }
    }

    /**
     * A server other than the test server.
     *
     * <pre>
     * EmbeddedPostgresServer server = EmbeddedPostgresServer.builder()
     *         .keepData(Path.of(".local/postgres"))      // cluster in .local/postgres/data, kept across runs
     *         .port(15432)
     *         .logFile(Path.of(".local/logs/postgres.log"))
     *         .durable()
     *         .listenAddress("127.0.0.1")
     *         .start();
     * </pre>
     */
    public static final class Builder {

        private Path keptDirectory;
        private int port;
        private Path logFile;
        private boolean durable;
        private String listenAddress;
        private Duration startupWait = DEFAULT_STARTUP_WAIT;

        private Builder() {
        }

        /**
         * Keeps the cluster in {@code directory/data} instead of a scratch directory: it is created on the first
         * start only, so databases survive {@link EmbeddedPostgresServer#close()} and the JVM's exit. Nothing stops
         * such a server at JVM exit, and nothing records its postmaster for the test JVMs' orphan sweep: its owner
         * does both (see {@link EmbeddedPostgresServer#postmaster()}).
         */
        public Builder keepData(Path directory) {
            this.keptDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return this;
        }

        /** A fixed port instead of a free one; a taken port fails {@link #start()}. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /** Where the server's output goes (appended to); {@code postgres.log} in its directory by default. */
        public Builder logFile(Path logFile) {
            this.logFile = Objects.requireNonNull(logFile, "logFile").toAbsolutePath();
            return this;
        }

        /**
         * {@code fsync} and {@code full_page_writes} on, so an OS crash cannot corrupt the cluster; for data meant to
         * survive. The test server has both off.
         */
        public Builder durable() {
            this.durable = true;
            return this;
        }

        /**
         * Listens on {@code host} alone ({@code listen_addresses}), which {@link EmbeddedPostgresServer#jdbcUrl}
         * then names instead of localhost.
         */
        public Builder listenAddress(String host) {
            this.listenAddress = Objects.requireNonNull(host, "host");
            return this;
        }

        /** How long {@link #start()} waits for the server to accept connections; 30 s by default. */
        public Builder startupWait(Duration startupWait) {
            if (startupWait.isNegative() || startupWait.isZero()) {
                throw new IllegalArgumentException("startupWait must be positive: " + startupWait);
            }
            this.startupWait = startupWait;
            return this;
        }

        /**
         * Starts the server and waits until it accepts connections.
         *
         * @throws IllegalStateException if it does not start; the message carries the end of its log
         */
        public EmbeddedPostgresServer start() {
            return EmbeddedPostgresServer.start(this);
        }
    }
}
