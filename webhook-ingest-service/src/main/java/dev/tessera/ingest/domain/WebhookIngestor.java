package dev.tessera.ingest.domain;

import dev.tessera.ingest.IngestConfig;
import dev.tessera.ingest.stripe.StripeSignatureVerifier;
import dev.tessera.runtime.error.ProblemException;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import dev.tessera.ingest.persistence.StripeEventStore.NewEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * The webhook path: verify, parse, check the mode, then store and queue in one transaction (a batch of
 * the {@link WebhookWriter}). Nothing is acknowledged before it is durable, and nothing unverified is
 * stored.
 */
@ApplicationScoped
public class WebhookIngestor {

    private static final Logger LOG = Logger.getLogger(WebhookIngestor.class);

    private final IngestConfig config;
    private final StripeSignatureVerifier verifier;
    private final WebhookWriter writer;
    private final IngestMetrics metrics;

    WebhookIngestor(IngestConfig config, StripeSignatureVerifier verifier, WebhookWriter writer, IngestMetrics metrics) {
        this.config = config;
        this.verifier = verifier;
        this.writer = writer;
        this.metrics = metrics;
    }

    /**
     * Verifies and parses on the calling thread (a refusal throws at once and stores nothing), then
     * hands the event to the writer; the returned stage completes when the event is committed.
     */
    public CompletionStage<IngestOutcome> receive(WebhookEndpoint endpoint, byte[] body, String signatureHeader) {
        Timer.Sample sample = Timer.start();
        metrics.received(endpoint);
        ReceivedEvent event;
        try {
            event = verify(endpoint, body, signatureHeader);
        } catch (ProblemException e) {
            sample.stop(metrics.ackLatency());
            if (e.errorCode() instanceof IngestErrorCode reason) {
                metrics.rejected(endpoint, reason);
                LOG.debugf("rejected webhook on %s endpoint: %s", endpoint.dbValue(), reason.reason());
            }
            throw e;
        }
        if (event.livemode() != config.livemode()) {
            LOG.debugf("ignored %s event %s: livemode=%s", event.type(), event.id(), event.livemode());
            return done(endpoint, sample, IngestOutcome.IGNORED_LIVEMODE);
        }
        CompletableFuture<IngestOutcome> stored;
        try {
            stored = writer.submit(new NewEvent(event, endpoint, EventSource.WEBHOOK));
        } catch (ProblemException e) {
            sample.stop(metrics.ackLatency());
            throw e;
        }
        return stored.whenComplete((outcome, failure) -> {
            sample.stop(metrics.ackLatency());
            if (outcome != null) {
                metrics.outcome(endpoint, EventSource.WEBHOOK, outcome);
            }
        });
    }

    private CompletionStage<IngestOutcome> done(WebhookEndpoint endpoint, Timer.Sample sample, IngestOutcome outcome) {
        sample.stop(metrics.ackLatency());
        metrics.outcome(endpoint, EventSource.WEBHOOK, outcome);
        return CompletableFuture.completedFuture(outcome);
    }

    private ReceivedEvent verify(WebhookEndpoint endpoint, byte[] body, String signatureHeader) {
        if (body.length > config.maxBodyBytes()) {
            throw new ProblemException(IngestErrorCode.PAYLOAD_TOO_LARGE,
                    "the payload exceeds " + config.maxBodyBytes() + " bytes");
        }
        List<String> secrets = secrets(endpoint);
        if (secrets.isEmpty()) {
            throw new ProblemException(IngestErrorCode.ENDPOINT_NOT_CONFIGURED,
                    "the " + endpoint.dbValue() + " webhook endpoint has no signing secret configured");
        }
        // Stripe signs the UTF-8 bytes it sends; decoding first would let a charset change the payload.
        String payload = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        verifier.verify(payload, signatureHeader, secrets, config.signatureTolerance());
        return ReceivedEvent.parse(payload);
    }

    private List<String> secrets(WebhookEndpoint endpoint) {
        List<String> configured = switch (endpoint) {
            case PLATFORM -> config.webhookSecrets().orElse(List.of());
            case CONNECT -> config.connectWebhookSecrets().orElse(List.of());
        };
        return configured.stream().map(String::trim).filter(secret -> !secret.isEmpty()).toList();
    }
}
