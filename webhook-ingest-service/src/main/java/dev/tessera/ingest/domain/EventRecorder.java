package dev.tessera.ingest.domain;

import dev.tessera.events.StripeHeaders;
import dev.tessera.ingest.persistence.StripeEventStore;
import dev.tessera.runtime.outbox.Outbox;
import dev.tessera.runtime.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import dev.tessera.ingest.persistence.StripeEventStore.NewEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        return recordAll(List.of(new NewEvent(event, endpoint, source))).get(0);
    }

    /**
     * Stores a batch and queues the new events, in the caller's transaction, with two statements
     * however large the batch: the group commit of {@link WebhookWriter}. Outcomes are in input order; an
     * id seen twice in the batch is stored by its first occurrence and a duplicate for the others.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<IngestOutcome> recordAll(List<NewEvent> events) {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Long> outboxIds = store.insertNew(events, receivedAt);
        List<IngestOutcome> outcomes = new ArrayList<>(events.size());
        List<Long> ids = new ArrayList<>(outboxIds.size());
        List<OutboxMessage> messages = new ArrayList<>(outboxIds.size());
        for (NewEvent incoming : events) {
            ReceivedEvent event = incoming.event();
            // remove: a second occurrence of the same id in this batch finds nothing and is a duplicate
            Long outboxId = outboxIds.remove(event.id());
            if (outboxId == null) {
                outcomes.add(IngestOutcome.DUPLICATE);
                continue;
            }
            ids.add(outboxId);
            messages.add(message(event.id(), event.type(), event.account(), event.livemode(), event.route().topic(),
                    event.route().key(), event.payload(), receivedAt, false));
            outcomes.add(IngestOutcome.STORED);
        }
        outbox.appendWithIds(ids, messages);
        return outcomes;
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
