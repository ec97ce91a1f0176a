package dev.tessera.ingest.domain;

import dev.tessera.events.StripeHeaders;
import dev.tessera.ingest.persistence.StripeEventStore;
import dev.tessera.runtime.outbox.Outbox;
import dev.tessera.runtime.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Stores a verified event and queues it for Kafka in one transaction. Called by webhooks and by
 * backfill alike, so both paths dedupe and publish identically.
 */
@ApplicationScoped
public class EventRecorder {

    /** Marks a record that an operator's replay republished, for consumers' logs and metrics. */
    public static final String HEADER_REPLAY = "tessera-replay";

    private final StripeEventStore store;
    private final Outbox outbox;

    EventRecorder(StripeEventStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    @Transactional
    public IngestOutcome record(ReceivedEvent event, WebhookEndpoint endpoint, EventSource source) {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!store.insertIfAbsent(event, endpoint, source, receivedAt)) {
            return IngestOutcome.DUPLICATE;
        }
        long outboxId = outbox.append(message(event.id(), event.type(), event.account(), event.livemode(),
                event.route().topic(), event.route().key(), event.payload(), receivedAt, false));
        store.linkOutbox(event.id(), outboxId, false);
        return IngestOutcome.STORED;
    }

    /** The Kafka record of a stored event: Stripe's JSON as received, with the architecture's headers. */
    public static OutboxMessage message(String eventId, String type, String account, boolean livemode, String topic,
                                        String key, String payload, Instant receivedAt, boolean replay) {
        Map<String, String> headers = new HashMap<>();
        headers.put(StripeHeaders.EVENT_ID, eventId);
        headers.put(StripeHeaders.EVENT_TYPE, type);
        headers.put(StripeHeaders.LIVEMODE, Boolean.toString(livemode));
        headers.put(StripeHeaders.RECEIVED_AT, receivedAt.toString());
        if (account != null) {
            headers.put(StripeHeaders.ACCOUNT, account);
        }
        if (replay) {
            headers.put(HEADER_REPLAY, "true");
        }
        return new OutboxMessage(topic, key, payload, headers);
    }
}
