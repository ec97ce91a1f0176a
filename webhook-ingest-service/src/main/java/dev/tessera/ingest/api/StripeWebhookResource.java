package dev.tessera.ingest.api;

import dev.tessera.ingest.domain.IngestOutcome;
import dev.tessera.ingest.domain.WebhookEndpoint;
import dev.tessera.ingest.domain.WebhookIngestor;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The only endpoints Stripe calls. No JWT here: the Stripe signature is the authentication. The body
 * is taken as raw bytes because the signature covers exactly what was sent. The methods do not block:
 * verification runs on the I/O thread and the answer is sent when the event's batch has committed.
 */
@Path("/webhooks/stripe")
@PermitAll
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class StripeWebhookResource {

    private final WebhookIngestor ingestor;

    StripeWebhookResource(WebhookIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @POST
    @Operation(summary = "Stripe webhook for the platform account's events")
    public CompletionStage<WebhookAck> platform(@HeaderParam("Stripe-Signature") String signature, byte[] body) {
        return ack(ingestor.receive(WebhookEndpoint.PLATFORM, body == null ? new byte[0] : body, signature));
    }

    @POST
    @Path("/connect")
    @Operation(summary = "Stripe webhook for events of connected accounts")
    public CompletionStage<WebhookAck> connect(@HeaderParam("Stripe-Signature") String signature, byte[] body) {
        return ack(ingestor.receive(WebhookEndpoint.CONNECT, body == null ? new byte[0] : body, signature));
    }

    /**
     * The answer is completed on the request's own Vert.x context, not on the writer thread that
     * committed the batch: the response is then serialized and written by the event loop that owns the
     * connection, and the writer goes straight on to the next batch.
     */
    private static CompletionStage<WebhookAck> ack(CompletionStage<IngestOutcome> outcome) {
        Context requestContext = Vertx.currentContext();
        CompletableFuture<WebhookAck> answer = new CompletableFuture<>();
        outcome.whenComplete((done, failure) -> {
            Runnable complete = () -> {
                if (failure != null) {
                    answer.completeExceptionally(failure);
                } else {
                    answer.complete(new WebhookAck(true, done.name().toLowerCase(Locale.ROOT)));
                }
            };
            if (requestContext == null) {
                complete.run();
            } else {
                requestContext.runOnContext(ignored -> complete.run());
            }
        });
        return answer;
    }

    /** What Stripe sees on success; Stripe only reads the status, operators read the outcome. */
    public record WebhookAck(boolean received, String outcome) {
    }
}
