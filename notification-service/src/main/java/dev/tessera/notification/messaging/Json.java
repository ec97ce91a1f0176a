package dev.tessera.notification.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Defensive reads of event JSON: Stripe payloads may come from another API version, and domain events from a
 * newer producer, so a missing or differently typed field reads as null rather than failing.
 */
final class Json {

    private Json() {
    }

    /** The node at {@code path}, or null. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(name);
        }
        return current == null || current.isNull() || current.isMissingNode() ? null : current;
    }

    /** Non-blank text at {@code path}, or null. */
    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value == null || !value.isValueNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** The first non-blank text among {@code names} (alternative field names of one value). */
    static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            String value = text(node, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static Long number(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static boolean bool(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value != null && value.asBoolean(false);
    }

    /** Stripe's epoch seconds, or an ISO-8601 instant, at {@code path}. */
    static Instant instant(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return Instant.ofEpochSecond(value.asLong());
        }
        if (value.isTextual()) {
            try {
                return Instant.parse(value.asText());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** The first instant among alternative field names. */
    static Instant firstInstant(JsonNode node, String... names) {
        for (String name : names) {
            Instant value = instant(node, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A reference to another Stripe object: its id, whether the field holds the id or the expanded object. */
    static String id(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value == null) {
            return null;
        }
        if (value.isObject()) {
            return text(value, "id");
        }
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
