package dev.tessera.ingest.domain;

import dev.tessera.ingest.IngestConfig;
import dev.tessera.ingest.stripe.StripeEventsApi;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Pulls what Stripe has that we may have missed (an outage longer than Stripe's retries, a new
 * endpoint) from the Events API and ingests it through the same recorder as webhooks: stored ones are
 * duplicates and publish nothing new. Stripe lists only the last 30 days.
 */
@jakarta.enterprise.context.ApplicationScoped
public class Backfill {

    private static final Logger LOG = Logger.getLogger(Backfill.class);

    private final StripeEventsApi events;
    private final EventRecorder recorder;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    Backfill(StripeEventsApi events, EventRecorder recorder, IngestConfig config, IngestMetrics metrics) {
        this.events = events;
        this.recorder = recorder;
        this.config = config;
        this.metrics = metrics;
    }

    public Result run(Instant since, String account) {
        WebhookEndpoint endpoint = account == null ? WebhookEndpoint.PLATFORM : WebhookEndpoint.CONNECT;
        int fetched = 0;
        int stored = 0;
        int duplicates = 0;
        int ignored = 0;
        int pages = 0;
        String startingAfter = null;
        StripeEventsApi.EventPage page;
        do {
            page = events.page(since, account, startingAfter);
            pages++;
            for (String payload : page.events()) {
                ReceivedEvent event = ReceivedEvent.parse(payload);
                fetched++;
                startingAfter = event.id();
                IngestOutcome outcome = event.livemode() != config.livemode()
                        ? IngestOutcome.IGNORED_LIVEMODE
                        : recorder.record(event, endpoint, EventSource.BACKFILL);
                metrics.outcome(endpoint, EventSource.BACKFILL, outcome);
                switch (outcome) {
                    case STORED -> stored++;
                    case DUPLICATE -> duplicates++;
                    case IGNORED_LIVEMODE -> ignored++;
                }
            }
        } while (page.hasMore() && !page.events().isEmpty());
        LOG.infof("backfill since %s for %s: %d fetched, %d stored, %d duplicates, %d ignored", since,
                account == null ? "platform" : account, fetched, stored, duplicates, ignored);
        return new Result(fetched, stored, duplicates, ignored, pages);
    }

    public record Result(int fetched, int stored, int duplicates, int ignored, int pages) {
    }
}
