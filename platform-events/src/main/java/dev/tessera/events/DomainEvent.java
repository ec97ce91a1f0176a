package dev.tessera.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope of every domain event. The Kafka key is {@link #subject()}, so all events of one
 * aggregate stay in order. {@link #causationId()} is the id of the event (Stripe event id or domain
 * event id) that caused this one, which makes every effect traceable to its source and gives
 * consumers a natural idempotency key. Changes to {@code data} are additive; a breaking change is a
 * new {@link #version()}.
 */
public record DomainEvent(
        UUID id,
        String type,
        int version,
        Instant occurredAt,
        String source,
        String subject,
        String causationId,
        JsonNode data) {

    public DomainEvent {
        Objects.requireNonNull(id, "id");
        requireText(type, "type");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
        requireText(source, "source");
        requireText(subject, "subject");
        Objects.requireNonNull(data, "data");
    }

    /** A new event with a fresh id, occurring now (at microsecond precision, what PostgreSQL keeps). */
    public static DomainEvent of(String type, int version, String source, String subject, String causationId,
                                 Object data) {
        return new DomainEvent(UUID.randomUUID(), type, version, Instant.now().truncatedTo(ChronoUnit.MICROS),
                source, subject, causationId, EventJson.toTree(data));
    }

    /** The payload as its contract record. */
    public <T> T dataAs(Class<T> type) {
        return EventJson.convert(data, type);
    }

    public String toJson() {
        return EventJson.write(this);
    }

    public static DomainEvent fromJson(String json) {
        return EventJson.read(json, DomainEvent.class);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
