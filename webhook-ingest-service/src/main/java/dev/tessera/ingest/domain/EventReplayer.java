package dev.tessera.ingest.domain;

import dev.tessera.ingest.IngestConfig;
import dev.tessera.ingest.persistence.EventQuery;
import dev.tessera.ingest.persistence.StoredEvent;
import dev.tessera.ingest.persistence.StripeEventStore;
import dev.tessera.runtime.outbox.Outbox;
import dev.tessera.runtime.outbox.OutboxMessage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Republishes stored events to their topics, oldest first, through the outbox like a first delivery.
 * Consumers are idempotent, so a replay rebuilds state without changing what was already right. Each
 * batch commits on its own: a large replay neither holds one long transaction nor starts over when
 * interrupted (running it again only republishes again, which is harmless).
 */
@ApplicationScoped
public class EventReplayer {

    private static final Logger LOG = Logger.getLogger(EventReplayer.class);

    private final StripeEventStore store;
    private final Outbox outbox;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    EventReplayer(StripeEventStore store, Outbox outbox, IngestConfig config, IngestMetrics metrics) {
        this.store = store;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
    }

    /** Replays every stored event matching the query; returns how many were republished. */
    public int replay(EventQuery query) {
        EventQuery page = new EventQuery(query.from(), query.to(), query.types(), query.ids(), query.account(),
                null, null, true);
        int total = 0;
        while (true) {
            List<StoredEvent> batch = store.page(page, config.replayBatchSize(), true);
            if (batch.isEmpty()) {
                break;
            }
            QuarkusTransaction.requiringNew().run(() -> republish(batch));
            total += batch.size();
            metrics.replayed(batch.size());
            StoredEvent last = batch.get(batch.size() - 1);
            page = page.after(last.created(), last.eventId());
            if (batch.size() < config.replayBatchSize()) {
                break;
            }
        }
        LOG.infof("replayed %d stored Stripe events", total);
        return total;
    }

    private void republish(List<StoredEvent> batch) {
        Map<String, Long> outboxIds = store.relinkForReplay(batch.stream().map(StoredEvent::eventId).toList());
        List<Long> ids = new ArrayList<>(batch.size());
        List<OutboxMessage> messages = new ArrayList<>(batch.size());
        for (StoredEvent event : batch) {
            ids.add(outboxIds.get(event.eventId()));
            messages.add(EventRecorder.message(event.eventId(), event.type(), event.account(), event.livemode(),
                    event.topic(), event.messageKey(), event.payload(), event.receivedAt(), true));
        }
        outbox.appendWithIds(ids, messages);
    }
}
