package dev.tessera.ledger.posting.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.runtime.messaging.PoisonMessageException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** Reading Stripe's JSON: ids that may be expanded objects, amounts, timestamps. */
public final class StripeJson {

    private StripeJson() {
    }

    public static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    /** A reference to another object: its id, whether Stripe sent the id or the expanded object. */
    public static Optional<String> id(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value != null && value.isObject()) {
            return text(value, "id");
        }
        return text(node, field);
    }

    /**
     * The object a reference names, as Stripe expanded it or else fetched by its id with {@code fetch}; null if the
     * field names none (yet).
     */
    public static JsonNode expanded(JsonNode node, String field, Function<String, JsonNode> fetch) {
        JsonNode value = node == null ? null : node.get(field);
        if (value != null && value.isObject()) {
            return value;
        }
        return text(node, field).map(fetch).orElse(null);
    }

    public static String requireText(JsonNode node, String field) {
        return text(node, field).orElseThrow(() -> new PoisonMessageException("Stripe object "
                + text(node, "id").orElse("?") + " has no " + field));
    }

    public static long requireLong(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new PoisonMessageException("Stripe object " + text(node, "id").orElse("?") + " has no integer " + field);
        }
        return value.asLong();
    }

    public static Optional<Long> optionalLong(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.canConvertToLong() ? Optional.empty() : Optional.of(value.asLong());
    }

    public static Instant epochSeconds(JsonNode node, String field) {
        return Instant.ofEpochSecond(requireLong(node, field));
    }

    public static Optional<BigDecimal> decimal(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || !value.isNumber() && !value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.asText()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The value of a metadata key, if present and not blank. */
    public static Optional<String> metadata(JsonNode object, String key) {
        return text(object == null ? null : object.get("metadata"), key);
    }

    /** Upper-case ISO 4217 code of a Stripe currency field ({@code "eur"}). */
    public static String currency(JsonNode node, String field) {
        return requireText(node, field).toUpperCase(java.util.Locale.ROOT);
    }
}
