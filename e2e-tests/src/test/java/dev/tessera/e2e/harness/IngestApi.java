package dev.tessera.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** webhook-ingest-service's ops API and metrics. */
public final class IngestApi {

    private static final Pattern DUPLICATES = Pattern.compile("(?m)^tessera_ingest_duplicates_total(?:\\{[^}]*})?\\s+([0-9.eE+]+)");

    private final String base;
    private final String opsToken = Actors.ops();

    public IngestApi(E2eSuite suite) {
        this.base = suite.url(Services.INGEST);
    }

    /** {@code {total, pending, published, byTopic}}. */
    public JsonNode counts() {
        return Http.get(base + "/ops/events/counts", opsToken).require();
    }

    public JsonNode event(String eventId) {
        return Http.get(base + "/ops/events/" + eventId, opsToken).require();
    }

    /** Republishes every stored event created by Stripe since {@code from}; returns how many. */
    public long replaySince(Instant from) {
        return Http.post(base + "/ops/events/replay", opsToken, Http.object().put("from", from.toString()))
                .require().path("replayed").asLong();
    }

    /** Waits until every stored event is on Kafka (the outbox has caught up). */
    public void awaitPublished() {
        await("ingest outbox drained").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> counts().path("pending").asLong(-1) == 0);
    }

    /** The ingest service's own metric lines ({@code tessera_ingest_*}), for failure messages. */
    public String ingestMetrics() {
        return Http.text(base + "/q/metrics").lines().filter(line -> line.startsWith("tessera_ingest"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** {@code tessera_ingest_duplicates_total}: webhooks answered 2xx without storing, because already stored. */
    public double duplicates() {
        String metrics = Http.text(base + "/q/metrics");
        Matcher matcher = DUPLICATES.matcher(metrics);
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }
}
