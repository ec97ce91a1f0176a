package dev.tessera.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.tessera.kafka.broker.BrokerLauncher;

/**
 * The mechanics behind {@link KafkaBroker}: a single-node KRaft broker in a child JVM.
 *
 * <p>The broker's jars never touch the test class path: the child runs on the class path that
 * platform-kafka-broker recorded at build time plus that module's own jar, found through the launcher
 * class. The child's stdin is a lifeline (see {@link BrokerLauncher}); it is closed only after the child
 * has exited, because closing it earlier makes the child halt (and delete its data, unless it is kept).
 */
final class BrokerProcess implements AutoCloseable {

    /**
     * What {@link KafkaBroker.Builder} chose.
     *
     * @param port the client port, or 0 to pick free ports once (then {@code controllerPort} is 0 too)
     * @param keepData whether the data outlives {@link #close()} and the parent's death
     */
    record Settings(Path directory, boolean keepData, int port, int controllerPort, Path logFile,
            Map<String, String> brokerProperties, List<String> javaOptions, Duration startTimeout,
            KafkaBroker.ProcessListener listener) {

        Settings {
            brokerProperties = Map.copyOf(brokerProperties);
            javaOptions = List.copyOf(javaOptions);
        }

        boolean fixedPorts() {
            return port != 0;
        }
    }

    static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    private static final System.Logger LOG = System.getLogger(BrokerProcess.class.getName());
    private static final String HOST = "127.0.0.1";
    private static final String PID_RECORD_NAME = "broker";
    // Kafka's controlled shutdown of a single node takes about 2 s here; leave room for a slow machine.
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final int BIND_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 60;

    private final Settings settings;
    private final Path directory;
    private final Path dataDirectory;
    private final Path propertiesFile;
    private final Path logFile;
    private final Path childTempDirectory;

    // Fixed, or chosen once and changed only if the very first start loses a race for them. Guarded by this.
    private int port;
    private int controllerPort;
    private boolean everStarted;
    private Process process;
    private OutputStream lifeline;
    private boolean closed;

    BrokerProcess(Settings settings) {
        this.settings = settings;
        this.directory = settings.directory();
        this.dataDirectory = directory.resolve("data");
        this.propertiesFile = directory.resolve("server.properties");
        this.logFile = settings.logFile();
        this.childTempDirectory = directory.resolve("tmp");
        if (settings.fixedPorts()) {
            port = settings.port();
            controllerPort = settings.controllerPort();
        } else {
            pickPorts();
        }
    }

    /** Records the broker's pid next to its data, for the orphan sweep of {@link TestDirectories}. */
    static KafkaBroker.ProcessListener recordInTestDirectory(Path directory) {
        return new KafkaBroker.ProcessListener() {
            @Override
            public void started(ProcessHandle process) {
                TestDirectories.recordProcess(directory, PID_RECORD_NAME, process);
            }

            @Override
            public void exited(ProcessHandle process) {
                try {
                    Files.deleteIfExists(directory.resolve(PID_RECORD_NAME + TestDirectories.PID_SUFFIX));
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "Could not remove the broker pid record", e);
                }
            }
        };
    }

    synchronized String bootstrapServers() {
        return HOST + ":" + port;
    }

    Path directory() {
        return directory;
    }

    Path logFile() {
        return logFile;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized Optional<ProcessHandle> handle() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    boolean keepsData() {
        return settings.keepData();
    }

    synchronized void start() {
        if (closed) {
            throw new IllegalStateException("This Kafka broker has been closed: " + directory);
        }
        if (isRunning()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                launchAndAwaitStarted();
                everStarted = true;
                return;
            } catch (PortTakenException e) {
                // Someone bound a port between our probe and the broker's bind. Harmless before the first
                // start; afterwards the ports are part of the broker's identity and must not change.
                if (settings.fixedPorts() || everStarted || attempt >= BIND_ATTEMPTS) {
                    throw new KafkaBroker.PortsInUseException(e.getMessage(), port, controllerPort);
                }
                LOG.log(Level.INFO, "Kafka broker ports were taken, retrying with new ones: " + e.getMessage());
                pickPorts();
            }
        }
    }

    synchronized void stop() {
        if (process == null) {
            return;
        }
        Process running = process;
        // Signals always go through the handle: Process.destroy() also closes the child's stdin at once, which
        // the child takes for its parent's death and answers by deleting its data.
        running.toHandle().destroy();
        if (!awaitExit(running, STOP_TIMEOUT)) {
            LOG.log(Level.WARNING, "Kafka broker did not stop within " + STOP_TIMEOUT + "; killing it");
            running.toHandle().destroyForcibly();
            awaitExit(running, STOP_TIMEOUT);
        }
        releaseProcess();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (settings.keepData()) {
            stop();
            return;
        }
        if (process != null) {
            // The data is about to be deleted, so a graceful shutdown would only cost time.
            process.toHandle().destroyForcibly();
            awaitExit(process, STOP_TIMEOUT);
            releaseProcess();
        }
        try {
            FileTrees.deleteRecursively(directory);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete the Kafka broker directory " + directory, e);
        }
    }

    @Override
    public String toString() {
        return "Kafka broker " + bootstrapServers() + " (" + directory + ")";
    }

    private void launchAndAwaitStarted() {
        long logOffset;
        try {
            Files.createDirectories(childTempDirectory);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(propertiesFile, serverProperties(), StandardCharsets.UTF_8);
            logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Kafka broker directory " + directory, e);
        }
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        // Agents or debug ports meant for the test JVM must not be inherited by the broker JVM.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");

        long startedAt = System.nanoTime();
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Kafka broker JVM: " + String.join(" ", builder.command()), e);
        }
        process = child;
        lifeline = child.getOutputStream();
        settings.listener().started(child.toHandle());

        awaitStarted(child, logOffset, startedAt);
        LOG.log(Level.INFO, String.format("Kafka broker started on %s in %d ms (log: %s)",
                bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), logFile));
    }

    private void awaitStarted(Process child, long logOffset, long startedAt) {
        long deadline = startedAt + settings.startTimeout().toNanos();
        while (true) {
            String output = readLogFrom(logOffset);
            if (output.contains(BrokerLauncher.STARTED_MESSAGE)) {
                return;
            }
            if (!child.isAlive()) {
                releaseProcess();
                String tail = tail(output);
                String message = "Kafka broker exited with status " + child.exitValue() + " before it started. Log "
                        + logFile + ":\n" + tail;
                if (output.contains("Address already in use")) {
                    throw new PortTakenException(message);
                }
                throw new IllegalStateException(message);
            }
            if (System.nanoTime() - deadline > 0) {
                child.toHandle().destroyForcibly();
                awaitExit(child, STOP_TIMEOUT);
                releaseProcess();
                throw new IllegalStateException("Kafka broker did not log '" + BrokerLauncher.STARTED_MESSAGE
                        + "' within " + settings.startTimeout().toSeconds() + " s. Log " + logFile + ":\n"
                        + tail(output));
            }
            sleep(POLL_INTERVAL);
        }
    }

    private List<String> command() {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                // Small and quick to start: the broker only serves tests, on a 2-core machine shared with
                // the test JVM and PostgreSQL.
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                // Compression codecs unpack native libraries into the temp dir; keep them with the broker.
                "-Djava.io.tmpdir=" + childTempDirectory,
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
        command.addAll(settings.javaOptions());
        command.addAll(List.of(
                "-cp", childClassPath(),
                BrokerLauncher.class.getName(),
                propertiesFile.toString()));
        if (!settings.keepData()) {
            // The launcher deletes this directory if we die; kept data is never named to it.
            command.add(directory.toString());
        }
        return command;
    }

    private String serverProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        properties.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        properties.put("log.dirs", dataDirectory.toString());
        properties.put("num.partitions", "1");
        properties.put("auto.create.topics.enable", "true");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // A single node cannot hold more than one replica of the internal topics.
        for (String topic : List.of("offsets.topic", "transaction.state.log", "share.coordinator.state.topic")) {
            properties.put(topic + ".replication.factor", "1");
            properties.put(topic + ".num.partitions", "1");
        }
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        // The log cleaner reserves 128 MB of heap by default; a third of the broker's whole heap.
        properties.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "2");
        properties.putAll(settings.brokerProperties());
        return properties.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** The broker's class path: the jars platform-kafka-broker recorded plus its own jar (also runs Kafka's tools). */
    static String childClassPath() {
        List<String> entries = new ArrayList<>();
        String recorded = readClassPathResource();
        List<String> missing = new ArrayList<>();
        for (String entry : recorded.trim().split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (!Files.exists(Paths.get(entry))) {
                missing.add(entry);
            }
            entries.add(entry);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The Kafka broker class path recorded in platform-kafka-broker points to "
                    + "jars that are not in this Maven repository (was the jar built on another machine?). "
                    + "Rebuild platform-kafka-broker here. Missing: " + missing);
        }
        entries.add(launcherLocation().toString());
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String readClassPathResource() {
        ClassLoader loader = BrokerProcess.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(BrokerLauncher.CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BrokerLauncher.CLASSPATH_RESOURCE
                        + " is not on the class path; depend on dev.tessera:platform-kafka-broker");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BrokerLauncher.CLASSPATH_RESOURCE, e);
        }
    }

    /** The jar (or classes directory, inside a reactor build) holding the launcher. */
    private static Path launcherLocation() {
        try {
            CodeSource source = BrokerLauncher.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
                return Paths.get(source.getLocation().toURI());
            }
            // Some class loaders leave the code source empty; the resource URL names the same jar.
            URL resource = BrokerLauncher.class.getClassLoader().getResource(BrokerLauncher.CLASSPATH_RESOURCE);
            if (resource == null) {
                throw new IllegalStateException("Cannot locate the platform-kafka-broker jar");
            }
            String url = resource.toString();
            if (url.startsWith("jar:")) {
                String jar = url.substring("jar:".length(), url.indexOf("!/"));
                return Paths.get(new URL(jar).toURI());
            }
            Path file = Paths.get(resource.toURI());
            Path root = file;
            for (String ignored : BrokerLauncher.CLASSPATH_RESOURCE.split("/")) {
                root = root.getParent();
            }
            return root;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot locate the platform-kafka-broker jar", e);
        }
    }

    private String readLogFrom(long offset) {
        if (!Files.exists(logFile)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) (length - offset)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Kafka broker log " + logFile, e);
        }
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        int from = Math.max(0, lines.length - LOG_TAIL_LINES);
        StringBuilder tail = new StringBuilder();
        for (int i = from; i < lines.length; i++) {
            tail.append(lines[i]).append('\n');
        }
        return tail.toString();
    }

    private void releaseProcess() {
        if (lifeline != null) {
            try {
                lifeline.close();
            } catch (IOException e) {
                // The child is gone; nothing is listening on the pipe.
            }
        }
        Process released = process;
        lifeline = null;
        process = null;
        if (released != null) {
            settings.listener().exited(released.toHandle());
        }
    }

    private void pickPorts() {
        // Both sockets are open at once, so the two ports are distinct.
        try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                ServerSocket second = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            port = first.getLocalPort();
            controllerPort = second.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find free ports for the Kafka broker", e);
        }
    }

    private static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    /** Used only inside this class to retry the first start with other ports. */
    private static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message, null, false, false);
        }
    }
}
