package dev.tessera.checkout.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.checkout.domain.SeatReleases;
import dev.tessera.runtime.messaging.MessageProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Gives a seat back when its subscription ends, so capacity counts come from events rather than from calls to the
 * membership service. Only the end of a subscription matters here; everything else on the topic is skipped.
 */
@ApplicationScoped
public class StripeBillingConsumer {

    static final String CONSUMER = "checkout.stripe-billing";
    private static final Set<String> ENDED = Set.of("canceled", "incomplete_expired");

    private final MessageProcessor processor;
    private final SeatReleases releases;

    StripeBillingConsumer(MessageProcessor processor, SeatReleases releases) {
        this.processor = processor;
        this.releases = releases;
    }

    @Incoming("stripe-billing")
    @Blocking(ordered = true)
    public void onBilling(ConsumerRecord<String, String> record) {
        String type = MessageProcessor.header(record, "stripe-event-type");
        if (type != null && !type.startsWith("customer.subscription.")) {
            return;
        }
        processor.process(CONSUMER, record, this::apply);
    }

    void apply(ConsumerRecord<String, String> record) {
        JsonNode event = StripeCheckoutConsumer.parse(record.value());
        String type = event.path("type").asText("");
        JsonNode subscription = event.path("data").path("object");
        boolean ended = "customer.subscription.deleted".equals(type)
                || type.startsWith("customer.subscription.") && ENDED.contains(subscription.path("status").asText());
        if (ended && subscription.hasNonNull("id")) {
            releases.subscriptionEnded(subscription.get("id").asText());
        }
    }
}
