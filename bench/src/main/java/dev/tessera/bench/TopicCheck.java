package dev.tessera.bench;

import dev.tessera.events.StripeHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts how often each of a template's events is on a topic, from the {@code stripe-event-id} header,
 * and how long each took from the service's commit ({@code received-at}) to the broker (record
 * timestamp). Used for the big topic instead of TopicReader, which keeps every value in memory and
 * gives up when records keep arriving for a minute.
 */
final class TopicCheck {

    record Count(int[] timesPublished, long foreignRecords, long records, Latencies commitToKafka) {

        /** Events expected once ({@code expected[n]}) but seen another number of times. */
        String verdict(boolean[] expected) {
            long missing = 0;
            long twice = 0;
            long unexpected = 0;
            for (int n = 0; n < timesPublished.length; n++) {
                boolean want = n < expected.length && expected[n];
                if (want && timesPublished[n] == 0) {
                    missing++;
                } else if (timesPublished[n] > 1) {
                    twice++;
                } else if (!want && timesPublished[n] == 1) {
                    unexpected++;
                }
            }
            return (missing == 0 && twice == 0 ? "OK" : "FAIL") + String.format(
                    " (%,d of this phase's events: %d missing, %d published more than once, %d published without "
                            + "a 2xx; %,d records of other phases)", records - foreignRecords, missing, twice,
                    unexpected, foreignRecords);
        }

        boolean ok(boolean[] expected) {
            return verdict(expected).startsWith("OK");
        }
    }

    private TopicCheck() {
    }

    static Count count(String bootstrapServers, String topic, EventTemplate template, int events) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        int[] times = new int[events];
        long foreign = 0;
        long records = 0;
        long[] lags = new long[1024];
        int lagCount = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 3 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    int n = template.number(header(record, StripeHeaders.EVENT_ID));
                    if (n < 0 || n >= events) {
                        foreign++;
                        continue;
                    }
                    times[n]++;
                    String receivedAt = header(record, StripeHeaders.RECEIVED_AT);
                    if (receivedAt != null) {
                        if (lagCount == lags.length) {
                            lags = java.util.Arrays.copyOf(lags, lags.length * 2);
                        }
                        long lagMs = record.timestamp() - Instant.parse(receivedAt).toEpochMilli();
                        lags[lagCount++] = lagMs * 1_000_000L;
                    }
                }
            }
        }
        return new Count(times, foreign, records, Latencies.of(lags, lagCount));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
