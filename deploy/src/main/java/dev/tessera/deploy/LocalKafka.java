package dev.tessera.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
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
import java.util.stream.Collectors;

import dev.tessera.kafka.broker.BrokerLauncher;

/**
 * A single-node Kafka KRaft broker (broker and controller in one) in a child JVM on fixed ports, with its logs
 * under {@code .local/kafka/data}, so topics and consumer offsets survive restarts.
 *
 * <p>It runs platform-kafka-broker's {@link BrokerLauncher} on the class path that module recorded at build
 * time, like platform-testing's broker, but on fixed ports and a kept directory (the test broker picks free ports
 * and deletes its data). The launcher formats the storage on first start only and stops the broker when our
 * stdin pipe closes; it is not given a directory to delete when orphaned, because this data is meant to stay.
 */
final class LocalKafka {

    static final String RECORD_NAME = "kafka";
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    // Kafka's controlled shutdown of one node takes about 2 s; leave room for a loaded machine.
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private ChildProcess process;

    LocalKafka(Path directory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    String bootstrapServers() {
        return HOST + ":" + port;
    }

    int port() {
        return port;
    }

    ChildProcess process() {
        return process;
    }

    /** True when something accepts connections on the broker port (this suite's broker or another). */
    static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the broker and waits until it logs that it accepts clients (2-5 s here; at most 90 s). */
    void start(Path logFile, ProcessRecords records) {
        Path data = SuiteLayout.createDirectories(directory.resolve("data"));
        Path tmp = SuiteLayout.createDirectories(directory.resolve("tmp"));
        Path properties = directory.resolve("server.properties");
        try {
            Files.writeString(properties, serverProperties(data), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + properties, e);
        }
        List<String> command = List.of(
                ChildProcess.javaExecutable(),
                // Kafka's own scripts default to 1 GB; a single local node with a few topics needs far less.
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "-XX:-UsePerfData",
                // Compression codecs unpack native libraries into the temp dir; keep them with the broker.
                "-Djava.io.tmpdir=" + tmp,
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-cp", brokerClassPath(),
                BrokerLauncher.class.getName(),
                properties.toString());
        process = ChildProcess.start(RECORD_NAME, command, Map.of(), directory, logFile, records);
        awaitStarted(logFile);
    }

    void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    private void awaitStarted(Path logFile) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            String log = read(logFile);
            if (log.contains(BrokerLauncher.STARTED_MESSAGE)) {
                return;
            }
            if (!process.isAlive()) {
                String message = "Kafka exited with status " + process.exitValue() + " before it started"
                        + (log.contains("Address already in use") ? " (port " + port + " or " + controllerPort
                                + " is taken; choose others with --kafka-port)" : "")
                        + ". Log " + logFile + ":\n" + ChildProcess.tail(logFile, 40);
                process.awaitStop(Duration.ZERO);
                process = null;
                throw new CliException(message);
            }
            if (System.nanoTime() - deadline > 0) {
                stop();
                throw new CliException("Kafka did not start within " + START_TIMEOUT.toSeconds() + " s. Log " + logFile
                        + ":\n" + ChildProcess.tail(logFile, 40));
            }
            Sleep.millis(100);
        }
    }

    private String serverProperties(Path data) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        properties.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        properties.put("log.dirs", data.toString());
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
        // Replays from the earliest offset are normal operations, so locally nothing expires (the services also
        // create the Stripe topics with retention -1). Local volumes are tiny.
        properties.put("log.retention.ms", "-1");
        // The log cleaner reserves 128 MB of heap by default, a third of this broker's whole heap.
        properties.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "2");
        return properties.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * The broker's jars as platform-kafka-broker recorded them (absolute paths into the local Maven repository),
     * plus that module's own jar for the launcher class. Also the class path of Kafka's command-line tools.
     */
    static String brokerClassPath() {
        String recorded;
        try (InputStream in = LocalKafka.class.getClassLoader().getResourceAsStream(BrokerLauncher.CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new CliException(BrokerLauncher.CLASSPATH_RESOURCE + " is not on the launcher's class path; "
                        + "rebuild with ./tessera-local build");
            }
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BrokerLauncher.CLASSPATH_RESOURCE, e);
        }
        List<String> entries = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String entry : recorded.trim().split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (!Files.exists(Paths.get(entry))) {
                missing.add(entry);
            }
            entries.add(entry);
        }
        if (!missing.isEmpty()) {
            throw new CliException("The Kafka class path recorded by platform-kafka-broker names jars that are not in "
                    + "the local Maven repository; rebuild with ./tessera-local build. Missing: " + missing);
        }
        entries.add(launcherLocation());
        return String.join(File.pathSeparator, entries);
    }

    private static String launcherLocation() {
        CodeSource source = BrokerLauncher.class.getProtectionDomain().getCodeSource();
        try {
            return Paths.get(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Cannot locate the platform-kafka-broker jar", e);
        }
    }

    private static String read(Path file) {
        try {
            // Decoded leniently: a log line with broken UTF-8 must not hide the start message.
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
