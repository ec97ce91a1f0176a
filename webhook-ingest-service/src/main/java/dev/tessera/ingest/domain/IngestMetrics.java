package dev.tessera.ingest.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters operators alert on: what came in, what was refused and why, what was a duplicate. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Timer ackLatency;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.ackLatency = Timer.builder("tessera.ingest.ack.latency")
                .description("Time from receiving a webhook to its durable acknowledgement")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    public void received(WebhookEndpoint endpoint) {
        counter("tessera.ingest.received", "endpoint", endpoint.dbValue()).increment();
    }

    public void rejected(WebhookEndpoint endpoint, IngestErrorCode reason) {
        Counter.builder("tessera.ingest.rejected").tag("endpoint", endpoint.dbValue()).tag("reason", reason.reason())
                .register(registry).increment();
    }

    public void outcome(WebhookEndpoint endpoint, EventSource source, IngestOutcome outcome) {
        switch (outcome) {
            case STORED -> Counter.builder("tessera.ingest.stored").tag("endpoint", endpoint.dbValue())
                    .tag("source", source.dbValue()).register(registry).increment();
            case DUPLICATE -> counter("tessera.ingest.duplicates", "endpoint", endpoint.dbValue()).increment();
            case IGNORED_LIVEMODE -> counter("tessera.ingest.ignored", "reason", "livemode_mismatch").increment();
        }
    }

    public void replayed(int count) {
        registry.counter("tessera.ingest.replayed").increment(count);
    }

    public Timer ackLatency() {
        return ackLatency;
    }

    private Counter counter(String name, String tag, String value) {
        return registry.counter(name, tag, value);
    }
}
