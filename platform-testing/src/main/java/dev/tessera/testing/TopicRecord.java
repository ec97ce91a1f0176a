package dev.tessera.testing;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record read by {@link TopicReader}: key and value decoded as UTF-8 (either may be null), headers by
 * name (the last one wins if a name repeats; a header without value maps to null), in the order written.
 */
public record TopicRecord(
        String topic,
        int partition,
        long offset,
        String key,
        String value,
        Map<String, String> headers,
        Instant timestamp) {

    public TopicRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestamp, "timestamp");
        // Copied into an unmodifiable insertion-ordered map: Map.copyOf would lose the order and reject the
        // null of a header without a value.
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    }

    /** The value of header {@code name}, or null. */
    public String header(String name) {
        return headers.get(name);
    }
}
