package dev.tessera.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tessera.testing.ProcessRecords;

/**
 * {@code replay-group}: rewinds a consumer group to the earliest offset of a topic with Kafka's own
 * {@code kafka-consumer-groups} tool ({@code ConsumerGroupCommand} from kafka-tools, on the broker's class path).
 * The group's service then re-reads the topic from the start, which must rebuild the same state (ARCHITECTURE.md:
 * replays are normal operations).
 *
 * <p>Kafka resets only a group without active members, that is while its service is stopped. So the usual way is:
 * stop the suite (Ctrl-C), run {@code replay-group}, which then starts the broker by itself for the reset, and
 * start the suite again. While the suite is up it works for groups whose service is not running.
 */
final class KafkaTools {

    private static final String CONSUMER_GROUP_COMMAND = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";

    private KafkaTools() {
    }

    static int replayGroup(SuiteLayout layout, String group, String topic, int kafkaPort, boolean dryRun) {
        String bootstrap = "127.0.0.1:" + kafkaPort;
        if (LocalKafka.isListening(kafkaPort)) {
            return resetOffsets(bootstrap, group, topic, dryRun);
        }
        Optional<ProcessRecords> lock = ProcessRecords.tryLock(layout.runDirectory());
        if (lock.isEmpty()) {
            throw new CliException("The local suite is running (launcher pid " + ProcessRecords.lockHolder(layout.runDirectory())
                    + ") but nothing listens on Kafka's port " + kafkaPort + "; pass the suite's --kafka-port");
        }
        try (ProcessRecords records = lock.get()) {
            records.reapLeftovers();
            System.out.println("The suite is not running: starting Kafka alone for the reset...");
            LocalKafka kafka = new LocalKafka(layout.kafkaDirectory(), kafkaPort, kafkaPort + 1);
            kafka.start(layout.freshLogFile("kafka"), records);
            try {
                return resetOffsets(bootstrap, group, topic, dryRun);
            } finally {
                kafka.stop();
            }
        }
    }

    private static int resetOffsets(String bootstrap, String group, String topic, boolean dryRun) {
        List<String> command = new ArrayList<>(List.of(
                ChildProcess.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // The broker's class path carries slf4j-simple; its INFO lines would drown the tool's table.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", LocalKafka.brokerClassPath(),
                CONSUMER_GROUP_COMMAND,
                "--bootstrap-server", bootstrap,
                "--group", group,
                "--topic", topic,
                "--reset-offsets", "--to-earliest",
                dryRun ? "--dry-run" : "--execute"));
        System.out.println("kafka-consumer-groups --bootstrap-server " + bootstrap + " --group " + group + " --topic "
                + topic + " --reset-offsets --to-earliest " + (dryRun ? "--dry-run" : "--execute"));
        try {
            int status = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (status != 0) {
                System.out.println("The reset failed. If Kafka says the group is not inactive, its service is still "
                        + "consuming: stop the suite (Ctrl-C) and run this again.");
            }
            return status;
        } catch (IOException e) {
            throw new CliException("Cannot run kafka-consumer-groups: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted");
        }
    }
}
