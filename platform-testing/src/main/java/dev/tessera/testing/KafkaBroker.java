package dev.tessera.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 *
 * <p>{@link #builder()} makes other brokers: on fixed ports, or with data that is kept in a directory of the
 * caller's (the local suite's broker, whose topics and offsets survive restarts).
 */
public final class KafkaBroker implements AutoCloseable {

    // The JVM-wide broker crosses class loaders (see JvmWide) as a map of JDK types under these keys.
    private static final String BOOTSTRAP_SERVERS = "bootstrapServers";
    private static final String START = "start";
    private static final String STOP = "stop";
    private static final String RUNNING = "running";
    private static final String DIRECTORY = "directory";
    private static final String LOG_FILE = "logFile";
    private static final String PROCESS = "process";

    private final Supplier<String> bootstrapServers;
    private final Runnable startAction;
    private final Runnable stopAction;
    private final BooleanSupplier running;
    private final Path directory;
    private final Path logFile;
    private final Supplier<Optional<ProcessHandle>> process;
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
        this(builder().brokerProperties(brokerProperties).process());
    }

    private KafkaBroker(BrokerProcess process) {
        this(process::bootstrapServers, process::start, process::stop, process::isRunning, process.directory(),
                process.logFile(), process::handle, () -> {
                    ShutdownCleanup.unregister(process);
                    process.close();
                });
        if (!process.keepsData()) {
            // Kept data belongs to the caller, who stops the broker in its own order; if the caller dies, the
            // broker's stdin watchdog ends it without touching the data.
            ShutdownCleanup.register(process);
        }
    }

    private KafkaBroker(Supplier<String> bootstrapServers, Runnable startAction, Runnable stopAction,
            BooleanSupplier running, Path directory, Path logFile, Supplier<Optional<ProcessHandle>> process,
            Runnable closeAction) {
        this.bootstrapServers = bootstrapServers;
        this.startAction = startAction;
        this.stopAction = stopAction;
        this.running = running;
        this.directory = directory;
        this.logFile = logFile;
        this.process = process;
        this.closeAction = closeAction;
    }

    /** Options for a broker of one's own; {@code KafkaBroker.builder().build()} is {@code new KafkaBroker()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The broker's class path (Kafka's jars as platform-kafka-broker recorded them, plus its launcher), which also
     * runs Kafka's command-line tools such as {@code org.apache.kafka.tools.consumer.group.ConsumerGroupCommand}.
     *
     * @throws IllegalStateException if platform-kafka-broker is not on the class path or names missing jars
     */
    public static String classPath() {
        return BrokerProcess.childClassPath();
    }

    /**
     * Starts the broker and waits until it accepts clients (usually 2-3 s, at most 60 s unless
     * {@link Builder#startTimeout} says otherwise). Does nothing if it is running.
     *
     * @throws PortsInUseException if its ports are taken (fixed ports, the ports of an earlier start, or free
     *     ports lost three times in a row)
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

    /** The broker's JVM while it runs. */
    public Optional<ProcessHandle> process() {
        return process.get();
    }

    /**
     * Kills the broker and deletes its directory; a broker with {@linkplain Builder#keepData kept data} is
     * stopped gracefully instead, and its directory stays.
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
        BrokerProcess process = builder().process();
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
        handle.put(PROCESS, (Supplier<Optional<ProcessHandle>>) process::handle);
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
                (Supplier<Optional<ProcessHandle>>) Objects.requireNonNull(handle.get(PROCESS)),
                null);
    }

    /**
     * Told when the broker's JVM starts and when it has exited, for example to record its pid so that a later run
     * can stop a broker its killed parent left behind. Called with the broker's lock held: keep it short.
     */
    public interface ProcessListener {

        void started(ProcessHandle process);

        void exited(ProcessHandle process);
    }

    /** The broker's ports were taken by something else. */
    public static final class PortsInUseException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final int port;
        private final int controllerPort;

        PortsInUseException(String message, int port, int controllerPort) {
            super(message);
            this.port = port;
            this.controllerPort = controllerPort;
        }

        /** The client port the broker tried to bind. */
        public int port() {
            return port;
        }

        /** The KRaft controller port the broker tried to bind. */
        public int controllerPort() {
            return controllerPort;
        }
    }

    /**
     * A broker other than the default throwaway one.
     *
     * <pre>
     * KafkaBroker broker = KafkaBroker.builder()
     *         .keepData(Path.of(".local/kafka"))      // data in .local/kafka/data, kept across runs
     *         .ports(19092, 19093)
     *         .logFile(Path.of(".local/logs/kafka.log"))
     *         .brokerProperties(Map.of("log.retention.ms", "-1"))
     *         .build()
     *         .start();
     * </pre>
     */
    public static final class Builder {

        private Path keptDirectory;
        private int port;
        private int controllerPort;
        private Path logFile;
        private Map<String, String> brokerProperties = Map.of();
        private List<String> javaOptions = List.of();
        private Duration startTimeout = BrokerProcess.DEFAULT_START_TIMEOUT;
        private ProcessListener processListener;

        private Builder() {
        }

        /**
         * Keeps the broker's data ({@code data/}), {@code server.properties} and temporary files in {@code directory}
         * instead of a scratch directory: the storage is formatted on the first start only, so topics, records and
         * consumer offsets survive {@link KafkaBroker#close()}, the JVM's exit and the parent's death (the broker
         * then halts without deleting anything). Nothing stops such a broker at JVM exit; its owner stops it.
         */
        public Builder keepData(Path directory) {
            this.keptDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return this;
        }

        /** Fixed ports instead of free ones chosen once; a taken port fails {@link KafkaBroker#start()}. */
        public Builder ports(int port, int controllerPort) {
            if (port < 1 || port > 65535 || controllerPort < 1 || controllerPort > 65535 || port == controllerPort) {
                throw new IllegalArgumentException("Need two different ports in 1-65535: " + port + ", " + controllerPort);
            }
            this.port = port;
            this.controllerPort = controllerPort;
            return this;
        }

        /** Where the broker's console output goes (appended to); {@code broker.log} in its directory by default. */
        public Builder logFile(Path logFile) {
            this.logFile = Objects.requireNonNull(logFile, "logFile").toAbsolutePath();
            return this;
        }

        /** {@code server.properties} entries that override the defaults, for example a retention. */
        public Builder brokerProperties(Map<String, String> brokerProperties) {
            this.brokerProperties = Map.copyOf(brokerProperties);
            return this;
        }

        /** Options for the broker's JVM in addition to the defaults (a 384 MB heap, serial GC, C1 only). */
        public Builder javaOptions(List<String> javaOptions) {
            this.javaOptions = List.copyOf(javaOptions);
            return this;
        }

        /** How long {@link KafkaBroker#start()} waits for the broker to accept clients; 60 s by default. */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Told about the broker's JVM. By default a throwaway broker records its pid in its scratch directory,
         * where the next test JVM's orphan sweep finds it; a broker with kept data records nothing.
         */
        public Builder processListener(ProcessListener processListener) {
            this.processListener = Objects.requireNonNull(processListener, "processListener");
            return this;
        }

        /** The broker, not started yet. */
        public KafkaBroker build() {
            return new KafkaBroker(process());
        }

        BrokerProcess process() {
            boolean keep = keptDirectory != null;
            Path directory = keep ? keptDirectory : TestDirectories.newDirectory("kafka");
            ProcessListener listener = processListener != null ? processListener
                    : keep ? NO_LISTENER : BrokerProcess.recordInTestDirectory(directory);
            return new BrokerProcess(new BrokerProcess.Settings(directory, keep, port, controllerPort,
                    logFile != null ? logFile : directory.resolve("broker.log"), brokerProperties, javaOptions,
                    startTimeout, listener));
        }

        private static final ProcessListener NO_LISTENER = new ProcessListener() {
            @Override
            public void started(ProcessHandle process) {
            }

            @Override
            public void exited(ProcessHandle process) {
            }
        };
    }
}
