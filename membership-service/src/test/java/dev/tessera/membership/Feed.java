package dev.tessera.membership;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeHeaders;
import dev.tessera.runtime.outbox.Outbox;
import dev.tessera.runtime.outbox.OutboxMessage;
import dev.tessera.testing.TesseraInfra;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces records to the topics this service consumes, with the headers their producers set. */
public final class Feed {

    private static KafkaProducer<String, String> producer;

    private Feed() {
    }

    /** A Stripe event as webhook-ingest publishes it: the JSON as received, with the Stripe headers. */
    public static void stripe(String topic, String key, String eventJson) {
        JsonNode event = EventJson.tree(eventJson);
        Map<String, String> headers = new HashMap<>();
        headers.put(StripeHeaders.EVENT_ID, event.get("id").asText());
        headers.put(StripeHeaders.EVENT_TYPE, event.get("type").asText());
        headers.put(StripeHeaders.LIVEMODE, "false");
        headers.put(StripeHeaders.RECEIVED_AT, Instant.now().toString());
        if (event.hasNonNull("account")) {
            headers.put(StripeHeaders.ACCOUNT, event.get("account").asText());
        }
        raw(topic, key, eventJson, headers);
    }

    /** A domain event as another service's outbox relay publishes it. */
    public static void domain(String topic, DomainEvent event) {
        OutboxMessage message = Outbox.toMessage(topic, event);
        raw(topic, message.key(), message.payload(), message.headers());
    }

    public static void raw(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TesseraInfra.get().kafkaBootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
