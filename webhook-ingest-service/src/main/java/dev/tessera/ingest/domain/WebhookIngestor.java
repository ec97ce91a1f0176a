package dev.tessera.ingest.domain;

import dev.tessera.ingest.IngestConfig;
import dev.tessera.ingest.stripe.StripeSignatureVerifier;
import dev.tessera.runtime.error.ProblemException;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The webhook path: verify, parse, check the mode, then store and queue in one transaction. Nothing is
 * acknowledged before it is durable, and nothing unverified is stored.
 */
@ApplicationScoped
public class WebhookIngestor {

    private static final Logger LOG = Logger.getLogger(WebhookIngestor.class);

    private final IngestConfig config;
    private final StripeSignatureVerifier verifier;
    private final EventRecorder recorder;
    private final IngestMetrics metrics;

    WebhookIngestor(IngestConfig config, StripeSignatureVerifier verifier, EventRecorder recorder, IngestMetrics metrics) {
        this.config = config;
        this.verifier = verifier;
        this.recorder = recorder;
        this.metrics = metrics;
    }

    public IngestOutcome receive(WebhookEndpoint endpoint, byte[] body, String signatureHeader) {
        Timer.Sample sample = Timer.start();
        metrics.received(endpoint);
        try {
            IngestOutcome outcome = verifyAndRecord(endpoint, body, signatureHeader);
            metrics.outcome(endpoint, EventSource.WEBHOOK, outcome);
            return outcome;
        } catch (ProblemException e) {
            if (e.errorCode() instanceof IngestErrorCode reason) {
                metrics.rejected(endpoint, reason);
                LOG.debugf("rejected webhook on %s endpoint: %s", endpoint.dbValue(), reason.reason());
            }
            throw e;
        } finally {
            sample.stop(metrics.ackLatency());
        }
    }

    private IngestOutcome verifyAndRecord(WebhookEndpoint endpoint, byte[] body, String signatureHeader) {
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
        ReceivedEvent event = ReceivedEvent.parse(payload);
        if (event.livemode() != config.livemode()) {
            LOG.debugf("ignored %s event %s: livemode=%s", event.type(), event.id(), event.livemode());
            return IngestOutcome.IGNORED_LIVEMODE;
        }
        return recorder.record(event, endpoint, EventSource.WEBHOOK);
    }

    private List<String> secrets(WebhookEndpoint endpoint) {
        List<String> configured = switch (endpoint) {
            case PLATFORM -> config.webhookSecrets().orElse(List.of());
            case CONNECT -> config.connectWebhookSecrets().orElse(List.of());
        };
        return configured.stream().map(String::trim).filter(secret -> !secret.isEmpty()).toList();
    }
}
