package dev.tessera.ingest.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeRoute;
import dev.tessera.events.StripeRouting;
import dev.tessera.runtime.error.ProblemException;
import java.time.Instant;

/**
 * A Stripe event as verified: the fields ingest indexes, the route it takes, and the raw payload,
 * which is what goes to Kafka and the store byte for byte (consumers read their own fields from it,
 * whatever API version the account sends).
 */
public record ReceivedEvent(String id, String type, String account, boolean livemode, String apiVersion,
                            Instant created, StripeRoute route, String payload) {

    public static ReceivedEvent parse(String payload) {
        JsonNode event;
        try {
            event = EventJson.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            throw malformed("payload is not valid JSON");
        }
        if (event == null || !event.isObject()) {
            throw malformed("payload is not a JSON object");
        }
        String id = requiredText(event, "id");
        if (!id.startsWith("evt_")) {
            throw malformed("id is not a Stripe event id");
        }
        String type = requiredText(event, "type");
        JsonNode created = event.get("created");
        if (created == null || !created.canConvertToLong() || created.asLong() <= 0) {
            throw malformed("created must be a positive epoch second");
        }
        JsonNode livemode = event.get("livemode");
        if (livemode == null || !livemode.isBoolean()) {
            throw malformed("livemode must be a boolean");
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject() || !data.has("object")) {
            throw malformed("data.object is missing");
        }
        return new ReceivedEvent(id, type, optionalText(event, "account"), livemode.asBoolean(),
                optionalText(event, "api_version"), Instant.ofEpochSecond(created.asLong()),
                StripeRouting.route(event), payload);
    }

    /** Stripe's identifiers fit in 255 characters; longer ones are not Stripe's and would not fit an index. */
    private static final int MAX_IDENTIFIER_LENGTH = 255;

    private static String requiredText(JsonNode event, String field) {
        String value = optionalText(event, field);
        if (value == null) {
            throw malformed(field + " is missing");
        }
        return value;
    }

    private static String optionalText(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        if (value.asText().length() > MAX_IDENTIFIER_LENGTH) {
            throw malformed(field + " is longer than " + MAX_IDENTIFIER_LENGTH + " characters");
        }
        return value.asText();
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(IngestErrorCode.MALFORMED_EVENT, detail);
    }
}
