package dev.tessera.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The routing table of the architecture: Stripe event type to topic, and per row the object id that
 * keys the record. Keys matter because Kafka orders only within a partition: every event of one
 * subscription (or payment intent, dispute, account) must land on the same partition so consumers
 * see its story in Stripe's delivery order.
 *
 * <p>Rows are checked in order; the first whose prefixes match wins, so {@code charge.dispute.} must
 * precede {@code charge.} and {@code customer.subscription.} is covered by the billing row before
 * any other {@code customer.} handling matters.
 */
public final class StripeRouting {

    private record Row(List<String> prefixes, List<String> excludedPrefixes, String topic,
                       Function<JsonNode, Optional<String>> key) {

        boolean matches(String type) {
            return prefixes.stream().anyMatch(type::startsWith)
                    && excludedPrefixes.stream().noneMatch(type::startsWith);
        }
    }

    private static final List<Row> ROWS = List.of(
            new Row(List.of("checkout.session."), List.of(), Topics.STRIPE_CHECKOUT,
                    event -> objectId(event)),
            new Row(List.of("customer.subscription.", "invoice.", "customer.", "subscription_schedule."), List.of(),
                    Topics.STRIPE_BILLING,
                    event -> subscriptionId(event).or(() -> customerId(event))),
            new Row(List.of("charge.dispute."), List.of(), Topics.STRIPE_DISPUTES,
                    event -> objectId(event)),
            new Row(List.of("payment_intent.", "charge.", "refund."), List.of(), Topics.STRIPE_PAYMENTS,
                    event -> paymentIntentId(event).or(() -> chargeId(event))),
            new Row(List.of("account.", "capability.", "transfer.", "payout.", "balance.", "application_fee."),
                    List.of(), Topics.STRIPE_CONNECT,
                    event -> text(event.get("account")).or(() -> objectId(event))));

    private StripeRouting() {
    }

    /**
     * Routes a Stripe event (the whole event JSON). Never fails for a well-formed event: an event
     * whose routing key cannot be found falls back to its own id, so it still goes out in order with
     * itself rather than being dropped.
     */
    public static StripeRoute route(JsonNode event) {
        String type = text(event.get("type")).orElse("");
        for (Row row : ROWS) {
            if (row.matches(type)) {
                return new StripeRoute(row.topic(), row.key().apply(event).orElseGet(() -> fallbackKey(event)));
            }
        }
        return new StripeRoute(Topics.STRIPE_OTHER, objectId(event).orElseGet(() -> fallbackKey(event)));
    }

    /** The topic alone, for an event type. */
    public static String topicFor(String eventType) {
        for (Row row : ROWS) {
            if (row.matches(eventType)) {
                return row.topic();
            }
        }
        return Topics.STRIPE_OTHER;
    }

    private static String fallbackKey(JsonNode event) {
        return text(event.get("id")).orElse("unknown");
    }

    private static JsonNode object(JsonNode event) {
        JsonNode data = event.get("data");
        return data == null ? null : data.get("object");
    }

    private static Optional<String> objectId(JsonNode event) {
        return text(field(object(event), "id"));
    }

    private static boolean objectIs(JsonNode event, String kind) {
        return text(field(object(event), "object")).map(kind::equals).orElse(false);
    }

    private static Optional<String> subscriptionId(JsonNode event) {
        if (objectIs(event, "subscription")) {
            return objectId(event);
        }
        JsonNode object = object(event);
        return idOf(field(object, "subscription"))
                // since 2025 invoices name their subscription under parent.subscription_details
                .or(() -> idOf(field(field(field(object, "parent"), "subscription_details"), "subscription")));
    }

    private static Optional<String> customerId(JsonNode event) {
        if (objectIs(event, "customer")) {
            return objectId(event);
        }
        return idOf(field(object(event), "customer"));
    }

    private static Optional<String> paymentIntentId(JsonNode event) {
        if (objectIs(event, "payment_intent")) {
            return objectId(event);
        }
        return idOf(field(object(event), "payment_intent"));
    }

    private static Optional<String> chargeId(JsonNode event) {
        if (objectIs(event, "charge")) {
            return objectId(event);
        }
        return idOf(field(object(event), "charge")).or(() -> objectId(event));
    }

    private static JsonNode field(JsonNode node, String name) {
        return node == null ? null : node.get(name);
    }

    /** Stripe fields that reference another object are an id string, or the object itself when expanded. */
    private static Optional<String> idOf(JsonNode reference) {
        if (reference != null && reference.isObject()) {
            return text(reference.get("id"));
        }
        return text(reference);
    }

    private static Optional<String> text(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }
}
