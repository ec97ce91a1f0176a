package dev.tessera.ingest.persistence;

import dev.tessera.ingest.domain.WebhookEndpoint;
import java.time.Instant;

/** A stored event as operators see it; {@code payload} is null in listings. */
public record StoredEvent(String eventId, String type, String account, boolean livemode, String apiVersion,
                          Instant created, Instant receivedAt, WebhookEndpoint endpoint, String source, String topic,
                          String messageKey, int replayCount, State state, String payload) {

    public enum State {
        /** Stored; its latest publication has not been acknowledged by Kafka yet. */
        PENDING,
        /** Kafka acknowledged its latest publication. */
        PUBLISHED
    }
}
