package dev.tessera.runtime.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tessera.events.StripeHeaders;
import dev.tessera.events.Topics;
import dev.tessera.runtime.inbox.Inbox;
import dev.tessera.runtime.outbox.Outbox;
import dev.tessera.runtime.outbox.OutboxMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs a consumer's handler for one Kafka record, exactly once per consumer in effect:
 * <ul>
 *   <li>the inbox row and the handler's effects commit in one transaction, so a redelivery, a
 *       duplicate or a replay applies nothing twice;</li>
 *   <li>a failure is retried with backoff (a lock timeout or a restarting database passes);</li>
 *   <li>a poison message, or one that still fails after the last try, goes to {@code <topic>.dlq}
 *       through the outbox with its error, and the consumer moves on: one bad record never blocks a
 *       partition, and nothing is dropped silently.</li>
 * </ul>
 * If even the dead-lettering cannot commit (the database is down), the exception propagates so the
 * record is not acknowledged and comes back after a restart.
 */
@ApplicationScoped
public class MessageProcessor {

    private static final Logger LOG = Logger.getLogger(MessageProcessor.class);

    public enum Outcome {
        HANDLED, DUPLICATE, DEAD_LETTERED
    }

    private final Inbox inbox;
    private final Outbox outbox;
    private final MessagingConfig config;
    private final MeterRegistry registry;
    private final String service;

    MessageProcessor(Inbox inbox, Outbox outbox, MessagingConfig config, MeterRegistry registry,
                     @ConfigProperty(name = "quarkus.application.name") String service) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.config = config;
        this.registry = registry;
        this.service = service;
    }

    public Outcome process(String consumer, ConsumerRecord<String, String> record,
                           Consumer<ConsumerRecord<String, String>> handler) {
        String messageId = messageId(record);
        Duration backoff = config.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
                    if (!inbox.firstDelivery(consumer, messageId)) {
                        return Outcome.DUPLICATE;
                    }
                    handler.accept(record);
                    return Outcome.HANDLED;
                });
                registry.counter("tessera.messaging.processed", "consumer", consumer, "outcome",
                        outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
                return outcome;
            } catch (RuntimeException e) {
                boolean poison = isPoison(e);
                if (poison || attempt >= config.maxAttempts()) {
                    deadLetter(consumer, record, e, attempt);
                    return Outcome.DEAD_LETTERED;
                }
                LOG.warnf("%s failed on %s (try %d of %d), retrying: %s", consumer, describe(record), attempt,
                        config.maxAttempts(), e.toString());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /**
     * The id a message is deduplicated by: the Stripe event id on Stripe topics, the domain event id on
     * domain topics (both stable across replays and redrives), else its position.
     */
    public static String messageId(ConsumerRecord<String, String> record) {
        String id = header(record, StripeHeaders.EVENT_ID);
        if (id == null) {
            id = header(record, Outbox.HEADER_EVENT_ID);
        }
        return id != null ? id : record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void deadLetter(String consumer, ConsumerRecord<String, String> record, RuntimeException error, int attempts) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null && !DeadLetterHeaders.isDeadLetterHeader(header.key())) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        headers.put(DeadLetterHeaders.SERVICE, service);
        headers.put(DeadLetterHeaders.CONSUMER, consumer);
        headers.put(DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        headers.put(DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        headers.put(DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        headers.put(DeadLetterHeaders.ERROR, truncate(String.valueOf(rootCause(error).getMessage()), 1000));
        headers.put(DeadLetterHeaders.ERROR_CLASS, rootCause(error).getClass().getName());
        headers.put(DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts));
        headers.put(DeadLetterHeaders.FAILED_AT, Instant.now().toString());
        OutboxMessage message = new OutboxMessage(Topics.dlq(record.topic()), record.key() == null ? "" : record.key(),
                record.value() == null ? "" : record.value(), headers);
        QuarkusTransaction.requiringNew().run(() -> outbox.append(message));
        registry.counter("tessera.messaging.dead_lettered", "consumer", consumer, "topic", record.topic()).increment();
        LOG.errorf(error, "%s dead-lettered %s after %d tries", consumer, describe(record), attempts);
    }

    private static boolean isPoison(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PoisonMessageException || cause instanceof JsonProcessingException
                    || cause instanceof IllegalArgumentException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(ConsumerRecord<String, String> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " (" + messageId(record) + ")";
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
