package dev.tessera.runtime.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tessera.outbox")
public interface OutboxConfig {

    /** Whether this instance runs the relay. Several instances may: rows are claimed with SKIP LOCKED. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows claimed and sent per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** The longest the relay sleeps when nothing woke it (commits in this JVM wake it at once). */
    @WithDefault("PT0.5S")
    Duration pollInterval();

    /**
     * The shortest time between the starts of two relay rounds when the outbox keeps emptying. Under a
     * steady stream of small commits each wake-up would otherwise be a round of its own (a transaction,
     * a claim, a Kafka round trip and a mark for a handful of rows); this lets the commits of a few
     * milliseconds go out together. A full batch is followed at once, and an idle relay woken by a
     * commit starts at once, so it adds latency only while rounds are this frequent anyway.
     */
    @WithDefault("PT0.005S")
    Duration minRoundInterval();

    /** First pause after a failed send; doubles up to {@link #maxErrorBackoff()}. */
    @WithDefault("PT1S")
    Duration errorBackoff();

    @WithDefault("PT30S")
    Duration maxErrorBackoff();

    /** How long a batch may wait for Kafka's acknowledgements before it counts as failed. */
    @WithDefault("PT30S")
    Duration sendTimeout();

    /** Published rows are kept this long (for audits and ops look-ups), then deleted. */
    @WithDefault("P7D")
    Duration publishedRetention();

    /** How often the backlog gauges are refreshed from the database. */
    @WithDefault("PT5S")
    Duration metricsInterval();
}
