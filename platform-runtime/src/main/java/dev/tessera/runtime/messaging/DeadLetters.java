package dev.tessera.runtime.messaging;

import dev.tessera.events.Topics;
import dev.tessera.runtime.kafka.KafkaClients;
import dev.tessera.runtime.outbox.Outbox;
import dev.tessera.runtime.outbox.OutboxMessage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's dead letters: look at them, and redrive them. A redrive puts each record back on its
 * original topic (through the outbox) with its original headers; every consumer group sees it again,
 * and the inbox makes those that already handled it skip it, so only the consumer that failed applies it.
 * The redrive's own consumer group remembers how far it got, so a record is redriven once.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaClients kafka;
    private final Outbox outbox;
    private final String service;

    DeadLetters(KafkaClients kafka, Outbox outbox, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.kafka = kafka;
        this.outbox = outbox;
        this.service = service;
    }

    public record DeadLetter(String topic, int partition, long offset, String key, String consumer, String error,
                             String errorClass, String failedAt, Map<String, String> headers, String value) {
    }

    public record RedriveResult(int redriven, int skipped) {
    }

    /** Dead letters of this service on {@code <topic>.dlq}, oldest first, at most {@code limit}. */
    public List<DeadLetter> list(String topic, int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("tessera-dlq-peek-" + UUID.randomUUID(), false)) {
            consumer.subscribe(List.of(Topics.dlq(topic)));
            int emptyPolls = 0;
            while (letters.size() < limit && emptyPolls < 3) {
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, String> record : records) {
                    if (ours(record) && letters.size() < limit) {
                        letters.add(toDeadLetter(record));
                    }
                }
            }
        }
        return letters;
    }

    /** Puts this service's dead letters of {@code topic} (optionally of one consumer) back on the topic. */
    public RedriveResult redrive(String topic, String consumerName, int limit) {
        int redriven = 0;
        int skipped = 0;
        try (KafkaConsumer<String, String> consumer = consumer(service + ".dlq-redrive", true)) {
            consumer.subscribe(List.of(Topics.dlq(topic)));
            int emptyPolls = 0;
            while (redriven < limit && emptyPolls < 3) {
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                List<OutboxMessage> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> record : records) {
                    boolean wanted = ours(record) && (consumerName == null
                            || consumerName.equals(MessageProcessor.header(record, DeadLetterHeaders.CONSUMER)));
                    if (wanted && redriven + batch.size() < limit) {
                        batch.add(backToOrigin(record));
                    } else {
                        skipped++;
                    }
                }
                if (!batch.isEmpty()) {
                    QuarkusTransaction.requiringNew().run(() -> outbox.appendAll(batch));
                    redriven += batch.size();
                }
                // only after the outbox commit: a crash in between redrives the batch again, harmlessly
                consumer.commitSync();
            }
        }
        return new RedriveResult(redriven, skipped);
    }

    private OutboxMessage backToOrigin(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null && !DeadLetterHeaders.isDeadLetterHeader(header.key())) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        headers.put(DeadLetterHeaders.REDRIVEN_BY, service);
        String originalTopic = MessageProcessor.header(record, DeadLetterHeaders.ORIGINAL_TOPIC);
        return new OutboxMessage(originalTopic, record.key() == null ? "" : record.key(),
                record.value() == null ? "" : record.value(), headers);
    }

    private boolean ours(ConsumerRecord<String, String> record) {
        return service.equals(MessageProcessor.header(record, DeadLetterHeaders.SERVICE))
                && MessageProcessor.header(record, DeadLetterHeaders.ORIGINAL_TOPIC) != null;
    }

    private static DeadLetter toDeadLetter(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                headers.get(DeadLetterHeaders.CONSUMER), headers.get(DeadLetterHeaders.ERROR),
                headers.get(DeadLetterHeaders.ERROR_CLASS), headers.get(DeadLetterHeaders.FAILED_AT), headers,
                record.value());
    }

    private KafkaConsumer<String, String> consumer(String groupId, boolean manualCommit) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
