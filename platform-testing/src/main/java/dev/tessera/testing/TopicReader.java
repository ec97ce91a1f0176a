package dev.tessera.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the beginning to check what a service published. The partitions are assigned
 * directly, without a consumer group: a group could rebalance while reading and, with nothing
 * committed, start a partition over, which would show one publication as two. No group also means
 * reading never affects any other consumer.
 */
public final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(100);
    // Time to get the topic's partitions (a topic that does not exist yet is auto-created meanwhile).
    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_ALL_LIMIT = Duration.ofSeconds(60);

    private TopicReader() {
    }

    /**
     * Reads until at least {@code count} records have arrived, and returns all read so far (possibly more).
     *
     * @throws AssertionError if fewer than {@code count} arrive within {@code timeout}; it lists those that did
     */
    public static List<TopicRecord> readAtLeast(String bootstrapServers, String topic, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicRecord> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = subscribe(bootstrapServers, topic)) {
            while (records.size() < count) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("Expected at least " + count + " record(s) on " + topic + " within "
                            + timeout + " but read " + records.size() + describe(records));
                }
                consumer.poll(POLL).forEach(record -> records.add(toTopicRecord(record)));
            }
        }
        return List.copyOf(records);
    }

    /**
     * Reads everything on the topic: first up to the end offsets at the moment the partitions are assigned,
     * then on until no new record has arrived for {@code quiet}. Returns an empty list for a topic without
     * records.
     *
     * @throws AssertionError if records keep arriving for more than a minute, so no quiet moment comes
     */
    public static List<TopicRecord> readAll(String bootstrapServers, String topic, Duration quiet) {
        List<TopicRecord> records = new ArrayList<>();
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = subscribe(bootstrapServers, topic)) {
            Set<TopicPartition> assignment = consumer.assignment();
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(assignment);
            while (!caughtUp(consumer, endOffsets)) {
                failIfTooLong(started, topic, records);
                consumer.poll(POLL).forEach(record -> records.add(toTopicRecord(record)));
            }
            long lastArrival = System.nanoTime();
            while (System.nanoTime() - lastArrival < quiet.toNanos()) {
                failIfTooLong(started, topic, records);
                int before = records.size();
                consumer.poll(POLL).forEach(record -> records.add(toTopicRecord(record)));
                if (records.size() > before) {
                    lastArrival = System.nanoTime();
                }
            }
        }
        return List.copyOf(records);
    }

    private static KafkaConsumer<byte[], byte[]> subscribe(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "tessera-topic-reader-" + UUID.randomUUID());
        // Instances, not class names: class-name lookup goes through the context class loader, which under
        // @QuarkusTest may not be the one that loaded this class.
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            consumer.assign(partitions(consumer, topic));
            consumer.seekToBeginning(consumer.assignment());
        } catch (RuntimeException | Error e) {
            consumer.close();
            throw e;
        }
        return consumer;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        long deadline = System.nanoTime() + ASSIGNMENT_TIMEOUT.toNanos();
        while (true) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, POLL.multipliedBy(10));
            if (partitions != null && !partitions.isEmpty()) {
                return partitions.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("No partitions of " + topic + " within " + ASSIGNMENT_TIMEOUT
                        + "; does the topic exist and is the broker reachable?");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + topic, e);
            }
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private static void failIfTooLong(long started, String topic, List<TopicRecord> records) {
        if (System.nanoTime() - started > READ_ALL_LIMIT.toNanos()) {
            throw new AssertionError("Records kept arriving on " + topic + " for " + READ_ALL_LIMIT
                    + " without a quiet moment; read " + records.size());
        }
    }

    private static TopicRecord toTopicRecord(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : utf8(header.value()));
        }
        return new TopicRecord(record.topic(), record.partition(), record.offset(), utf8(record.key()),
                utf8(record.value()), headers, Instant.ofEpochMilli(record.timestamp()));
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String describe(List<TopicRecord> records) {
        if (records.isEmpty()) {
            return "";
        }
        return records.stream()
                .map(record -> "\n  " + record.partition() + "@" + record.offset() + " key=" + record.key()
                        + " value=" + abbreviate(record.value()))
                .collect(Collectors.joining("", ":", ""));
    }

    private static String abbreviate(String value) {
        return value == null || value.length() <= 200 ? value : value.substring(0, 200) + "...";
    }
}
