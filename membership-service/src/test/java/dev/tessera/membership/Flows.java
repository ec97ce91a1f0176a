package dev.tessera.membership;

import static dev.tessera.membership.StripeData.event;
import static dev.tessera.membership.StripeData.invoice;
import static dev.tessera.membership.StripeData.subscription;
import static dev.tessera.membership.StripeData.unique;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TopicReader;
import dev.tessera.testing.TopicWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Steps several tests share. */
final class Flows {

    private Flows() {
    }

    /** A subscription that was created active and paid at {@code at}. */
    static void activeSubscription(String sub, Map<String, String> meta, Instant at) {
        Instant periodEnd = at.plus(Duration.ofDays(30));
        TopicWriter.sendStripeEvent(event("customer.subscription.created",
                subscription(sub, "active", meta, false, periodEnd, null), at));
        TopicWriter.sendStripeEvent(event("invoice.paid",
                invoice(unique("in"), sub, meta, "subscription_create", periodEnd), at));
    }

    static void paymentFailed(String sub, Map<String, String> meta, Instant at) {
        TopicWriter.sendStripeEvent(event("invoice.payment_failed",
                invoice(unique("in"), sub, meta, "subscription_cycle", at.plus(Duration.ofDays(30))), at));
    }

    /** membership.events published so far that match, once at least one does. */
    static List<DomainEvent> awaitEvents(Predicate<DomainEvent> filter, int atLeast) {
        return Db.awaitValue(() -> TopicReader.readAll(TesseraInfra.get().kafkaBootstrapServers(), Topics.MEMBERSHIP_EVENTS,
                        Duration.ofMillis(300)).stream().map(r -> DomainEvent.fromJson(r.value())).filter(filter).toList(),
                list -> list.size() >= atLeast);
    }
}
