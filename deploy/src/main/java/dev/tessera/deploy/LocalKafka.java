package dev.tessera.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tessera.testing.KafkaBroker;
import dev.tessera.testing.ProcessRecords;

/**
 * A single-node Kafka KRaft broker (broker and controller in one) in a child JVM on fixed ports, with its logs
 * under {@code .local/kafka/data}, so topics and consumer offsets survive restarts.
 *
 * <p>platform-testing's {@link KafkaBroker} runs it, with its data kept ({@link KafkaBroker.Builder#keepData}): the
 * launcher formats the storage on first start only, and halts the broker without deleting anything when our stdin
 * pipe closes. This class adds the suite's settings (no retention, a longer start timeout), the pid record for the
 * next start's clean-up, and the command-line's error messages.
 */
final class LocalKafka {

    static final String RECORD_NAME = "kafka";
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private KafkaBroker broker;

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

    /** The broker's JVM while it runs. */
    Optional<ProcessHandle> process() {
        return broker == null ? Optional.empty() : broker.process();
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
        KafkaBroker node = KafkaBroker.builder()
                .keepData(directory)
                .ports(port, controllerPort)
                .logFile(logFile)
                // Replays from the earliest offset are normal operations, so locally nothing expires (the services
                // also create the Stripe topics with retention -1). Local volumes are tiny.
                .brokerProperties(Map.of("log.retention.ms", "-1"))
                .javaOptions(List.of("-Xss512k"))
                .startTimeout(START_TIMEOUT)
                .processListener(new KafkaBroker.ProcessListener() {
                    @Override
                    public void started(ProcessHandle process) {
                        records.record(RECORD_NAME, process);
                    }

                    @Override
                    public void exited(ProcessHandle process) {
                        records.forget(RECORD_NAME);
                    }
                })
                .build();
        try {
            node.start();
        } catch (KafkaBroker.PortsInUseException e) {
            throw new CliException("Kafka's port " + e.port() + " or " + e.controllerPort()
                    + " is taken; choose others with --kafka-port. " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage(), e);
        }
        broker = node;
    }

    /** Stops the broker gracefully (Kafka closes its logs), killing it after 30 s. */
    void stop() {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    /**
     * The broker's jars as platform-kafka-broker recorded them (absolute paths into the local Maven repository),
     * plus that module's own jar for the launcher class. Also the class path of Kafka's command-line tools.
     */
    static String brokerClassPath() {
        try {
            return KafkaBroker.classPath();
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage() + " (rebuild with ./tessera-local build)", e);
        }
    }
}
