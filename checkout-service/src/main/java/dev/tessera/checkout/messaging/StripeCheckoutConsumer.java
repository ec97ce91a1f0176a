package dev.tessera.checkout.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.checkout.domain.SessionOutcomes;
import dev.tessera.events.EventJson;
import dev.tessera.runtime.messaging.MessageProcessor;
import dev.tessera.runtime.messaging.PoisonMessageException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Moves checkouts along with their Checkout Sessions: completed, async payment succeeded or failed, expired. */
@ApplicationScoped
public class StripeCheckoutConsumer {

    static final String CONSUMER = "checkout.stripe-checkout";

    private final MessageProcessor processor;
    private final SessionOutcomes outcomes;

    StripeCheckoutConsumer(MessageProcessor processor, SessionOutcomes outcomes) {
        this.processor = processor;
        this.outcomes = outcomes;
    }

    @Incoming("stripe-checkout")
    @Blocking(ordered = true)
    public void onCheckout(ConsumerRecord<String, String> record) {
        processor.process(CONSUMER, record, this::apply);
    }

    void apply(ConsumerRecord<String, String> record) {
        JsonNode event = parse(record.value());
        String type = event.path("type").asText("");
        JsonNode session = event.path("data").path("object");
        if (!session.isObject()) {
            throw new PoisonMessageException("event " + event.path("id").asText() + " has no data.object");
        }
        Instant created = event.hasNonNull("created") ? Instant.ofEpochSecond(event.get("created").asLong()) : Instant.now();
        outcomes.applyEvent(type, session, event.path("id").asText(null), created);
    }

    static JsonNode parse(String value) {
        if (value == null) {
            throw new PoisonMessageException("empty record");
        }
        try {
            return EventJson.tree(value);
        } catch (UncheckedIOException e) {
            throw new PoisonMessageException("not JSON: " + e.getMessage(), e);
        }
    }
}
