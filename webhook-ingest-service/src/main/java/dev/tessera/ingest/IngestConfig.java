package dev.tessera.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "tessera.ingest")
public interface IngestConfig {

    /** Signing secrets of the platform endpoint; several at once while one is being rotated. */
    Optional<List<String>> webhookSecrets();

    /** Signing secrets of the Connect endpoint (events of connected accounts). */
    Optional<List<String>> connectWebhookSecrets();

    /** Oldest signature timestamp accepted: Stripe's replay-attack window. */
    @WithDefault("PT300S")
    Duration signatureTolerance();

    @WithDefault("1048576")
    int maxBodyBytes();

    /** The mode this deployment serves; events of the other mode are acknowledged and ignored. */
    @WithDefault("false")
    boolean livemode();

    /**
     * Threads writing webhook batches. Each takes whatever arrived while the previous batch was being
     * written (group commit), so one or two keep up with thousands of events a second; more only adds
     * connections competing for the same disk and CPU.
     */
    @WithDefault("2")
    int writerThreads();

    /** Largest batch of webhook events stored in one transaction. */
    @WithDefault("256")
    int writerMaxBatch();

    /**
     * Verified webhooks waiting to be written. When it is full the webhook is answered 503 (Stripe
     * retries) instead of holding ever more requests in memory.
     */
    @WithDefault("20000")
    int writerQueueCapacity();

    /** Events re-enqueued per transaction by a replay. */
    @WithDefault("500")
    int replayBatchSize();

    /** Largest page of the ops event listing. */
    @WithDefault("200")
    int maxPageSize();
}
