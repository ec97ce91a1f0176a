package dev.tessera.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeHeaders;
import dev.tessera.events.StripeRoute;
import dev.tessera.events.StripeRouting;

/**
 * Writes records to the topics of the JVM-wide Kafka of {@link TesseraInfra}, as the services' producers write them,
 * to feed a consumer under test. Every send waits until the broker has acknowledged the record (acks=all), so a
 * test can await the consumer's effect right after it.
 *
 * <pre>
 * TopicWriter.sendStripeEvent(StripeEventFixtures.event("invoice.paid", invoice).node());  // as webhook-ingest
 * TopicWriter.sendDomainEvent(Topics.CHECKOUT_EVENTS, DomainEvent.of(...));                // as an outbox relay
 * TopicWriter.send(Topics.STRIPE_BILLING, "sub_1", "{not json", Map.of(StripeHeaders.EVENT_ID, "evt_poison"));
 * </pre>
 */
public final class TopicWriter {

    // The headers the outbox relay of platform-runtime puts on every domain-event record (Outbox.toMessage);
    // platform-runtime is not a dependency of this module, so TopicWriterTest compares the two.
    static final String HEADER_EVENT_ID = "event-id";
    static final String HEADER_EVENT_TYPE = "event-type";
    static final String HEADER_EVENT_VERSION = "event-version";

    private static final long SEND_TIMEOUT_SECONDS = 60;

    private static KafkaProducer<String, String> producer;

    private TopicWriter() {
    }

    /**
     * Writes one record; {@code headers} are UTF-8 encoded in their iteration order (a {@code null} value makes a
     * header without a value).
     *
     * @throws IllegalStateException if the broker does not acknowledge the record within a minute
     */
    public static void send(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name,
                headerValue == null ? null : headerValue.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not write to " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a record on " + topic + " within "
                    + SEND_TIMEOUT_SECONDS + " s", e);
        }
    }

    /**
     * Writes a Stripe event (the whole event JSON) as webhook-ingest-service publishes it: to the topic and with the
     * key of {@link StripeRouting}, with the headers of {@link #stripeEventHeaders}. Returns the event id.
     */
    public static String sendStripeEvent(JsonNode event) {
        return sendStripeEvent(event, EventJson.write(event));
    }

    /** Like {@link #sendStripeEvent(JsonNode)}, with the value exactly as given. */
    public static String sendStripeEvent(String eventJson) {
        return sendStripeEvent(EventJson.tree(eventJson), eventJson);
    }

    /**
     * Writes a domain event as an outbox relay publishes it: keyed by its subject, the envelope JSON as value, with
     * the headers of {@link #domainEventHeaders}. Returns the event.
     */
    public static DomainEvent sendDomainEvent(String topic, DomainEvent event) {
        send(topic, event.subject(), event.toJson(), domainEventHeaders(event));
        return event;
    }

    /**
     * The headers webhook-ingest-service puts on a Stripe event's record: {@value StripeHeaders#EVENT_ID},
     * {@value StripeHeaders#EVENT_TYPE}, {@value StripeHeaders#LIVEMODE} ({@code false}),
     * {@value StripeHeaders#RECEIVED_AT} (now) and, for a connected account's event, {@value StripeHeaders#ACCOUNT}.
     */
    public static Map<String, String> stripeEventHeaders(JsonNode event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(StripeHeaders.EVENT_ID, requiredText(event, "id"));
        headers.put(StripeHeaders.EVENT_TYPE, requiredText(event, "type"));
        headers.put(StripeHeaders.LIVEMODE, "false");
        headers.put(StripeHeaders.RECEIVED_AT, Instant.now().toString());
        if (event.hasNonNull("account")) {
            headers.put(StripeHeaders.ACCOUNT, event.get("account").asText());
        }
        return headers;
    }

    /** The headers of an outbox relay's record: {@code event-id}, {@code event-type}, {@code event-version}. */
    public static Map<String, String> domainEventHeaders(DomainEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_EVENT_ID, event.id().toString());
        headers.put(HEADER_EVENT_TYPE, event.type());
        headers.put(HEADER_EVENT_VERSION, Integer.toString(event.version()));
        return headers;
    }

    private static String sendStripeEvent(JsonNode event, String value) {
        StripeRoute route = StripeRouting.route(event);
        Map<String, String> headers = stripeEventHeaders(event);
        send(route.topic(), route.key(), value, headers);
        return headers.get(StripeHeaders.EVENT_ID);
    }

    private static String requiredText(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("A Stripe event needs a text \"" + field + "\": " + event);
        }
        return value.asText();
    }

    // One per class loader, for the life of the JVM: its network thread is a daemon and nothing is left in flight
    // between sends, so it needs no closing.
    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TesseraInfra.get().kafkaBootstrapServers());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            // Instances, not class names: class-name lookup goes through the context class loader, which under
            // @QuarkusTest may not be the one that loaded this class.
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
