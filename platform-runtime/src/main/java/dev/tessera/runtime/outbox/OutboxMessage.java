package dev.tessera.runtime.outbox;

import java.util.Map;
import java.util.Objects;

/** One record to publish: topic, key (ordering), value and headers, exactly as they will reach Kafka. */
public record OutboxMessage(String topic, String key, String payload, Map<String, String> headers) {

    public OutboxMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
