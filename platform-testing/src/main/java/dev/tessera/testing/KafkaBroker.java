package dev.tessera.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A real Apache Kafka broker (single KRaft node, broker and controller in one) running in a child JVM on
 * 127.0.0.1.
 *
 * <p>The ports and the data directory are chosen once and kept across {@link #stop()} and
 * {@link #start()}, so a test can take Kafka away and bring it back and find every record it wrote.
 * Topics are created on first use with one partition.
 *
 * <p>Most tests use the JVM-wide broker of {@link TesseraInfra#kafka()}; create one directly only to test
 * something that needs a broker of its own, and close it.
 */
public final class KafkaBroker implements AutoCloseable {

    // The JVM-wide broker crosses class loaders (see JvmWide) as a map of JDK types under these keys.
    private static final String BOOTSTRAP_SERVERS = "bootstrapServers";
    private static final String START = "start";
    private static final String STOP = "stop";
    private static final String RUNNING = "running";
    private static final String DIRECTORY = "directory";
    private static final String LOG_FILE = "logFile";

    private final Supplier<String> bootstrapServers;
    private final Runnable startAction;
    private final Runnable stopAction;
    private final BooleanSupplier running;
    private final Path directory;
    private final Path logFile;
    // null for the JVM-wide broker, which lives until the JVM exits.
    private final Runnable closeAction;

    /** A broker with the default test configuration, in a new directory; call {@link #start()}. */
    public KafkaBroker() {
        this(Map.of());
    }

    /**
     * A broker whose {@code server.properties} are the defaults plus {@code brokerProperties} (which win),
     * for tests that need, say, a short retention.
     */
    public KafkaBroker(Map<String, String> brokerProperties) {
        this(new BrokerProcess(TestDirectories.newDirectory("kafka"), brokerProperties));
    }

    private KafkaBroker(BrokerProcess process) {
        this(process::bootstrapServers, process::start, process::stop, process::isRunning, process.directory(),
                process.logFile(), () -> {
                    ShutdownCleanup.unregister(process);
                    process.close();
                });
        ShutdownCleanup.register(process);
    }

    private KafkaBroker(Supplier<String> bootstrapServers, Runnable startAction, Runnable stopAction,
            BooleanSupplier running, Path directory, Path logFile, Runnable closeAction) {
        this.bootstrapServers = bootstrapServers;
        this.startAction = startAction;
        this.stopAction = stopAction;
        this.running = running;
        this.directory = directory;
        this.logFile = logFile;
        this.closeAction = closeAction;
    }

    /**
     * Starts the broker and waits until it accepts clients (usually 2-3 s, at most 60 s). Does nothing if
     * it is running.
     *
     * @throws IllegalStateException if it does not start; the message carries the end of its log
     */
    public KafkaBroker start() {
        startAction.run();
        return this;
    }

    /**
     * Stops the broker gracefully (it flushes and closes its logs), killing it if it takes more than 30 s.
     * The data stays; {@link #start()} brings the same broker back on the same ports. A test that stops the
     * JVM-wide broker should start it again in a {@code finally} block: later test classes share it.
     */
    public void stop() {
        stopAction.run();
    }

    /** {@link #stop()} then {@link #start()}. */
    public void restart() {
        stop();
        start();
    }

    public boolean isRunning() {
        return running.getAsBoolean();
    }

    /** {@code 127.0.0.1:<port>}; fixed for the life of this broker. */
    public String bootstrapServers() {
        return bootstrapServers.get();
    }

    /** The directory holding the broker's data, configuration and log. */
    public Path directory() {
        return directory;
    }

    /** The broker's console log (appended to across restarts). */
    public Path logFile() {
        return logFile;
    }

    /**
     * Kills the broker and deletes its directory.
     *
     * @throws IllegalStateException for the JVM-wide broker of {@link TesseraInfra}, which other test
     *     classes still use; it is closed when the JVM exits
     */
    @Override
    public void close() {
        if (closeAction == null) {
            throw new IllegalStateException("The JVM-wide Kafka broker is shared by all tests and closed when the JVM "
                    + "exits; use stop() and start() instead");
        }
        closeAction.run();
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + directory + "]";
    }

    /** Starts a broker owned by the caller's class loader and describes it in JDK types only. */
    static Map<String, Object> startShared() {
        BrokerProcess process = new BrokerProcess(TestDirectories.newDirectory("kafka"), Map.of());
        ShutdownCleanup.register(process);
        process.start();
        ClassLoader owner = KafkaBroker.class.getClassLoader();
        Map<String, Object> handle = new HashMap<>();
        handle.put(BOOTSTRAP_SERVERS, (Supplier<String>) process::bootstrapServers);
        handle.put(START, JvmWide.withContextLoader(owner, process::start));
        handle.put(STOP, JvmWide.withContextLoader(owner, process::stop));
        handle.put(RUNNING, (BooleanSupplier) process::isRunning);
        handle.put(DIRECTORY, process.directory());
        handle.put(LOG_FILE, process.logFile());
        return Map.copyOf(handle);
    }

    /** A view of a broker described by {@link #startShared()}, possibly in another class loader. */
    @SuppressWarnings("unchecked")
    static KafkaBroker sharedView(Map<String, Object> handle) {
        return new KafkaBroker(
                (Supplier<String>) Objects.requireNonNull(handle.get(BOOTSTRAP_SERVERS)),
                (Runnable) handle.get(START),
                (Runnable) handle.get(STOP),
                (BooleanSupplier) handle.get(RUNNING),
                (Path) handle.get(DIRECTORY),
                (Path) handle.get(LOG_FILE),
                null);
    }
}
