package dev.tessera.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * Answers {@code GET /v1/events} like Stripe's list API, one page at a time, from the events a stub was
 * given (newest first, as Stripe lists them). Honours {@code limit} (default 10, 1-100),
 * {@code starting_after}, {@code ending_before}, {@code type} (with a trailing {@code *} wildcard),
 * {@code types[]} and {@code created} / {@code created[gt|gte|lt|lte]}. Events are returned byte for byte
 * as given.
 */
final class StripeEventsPage implements ResponseDefinitionTransformerV2 {

    static final String NAME = "tessera-stripe-events-page";
    static final String EVENTS_PARAMETER = "events";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        List<Event> events = parse(eventsOf(serveEvent));
        try {
            int limit = limit(request);
            List<Event> matching = new ArrayList<>();
            for (Event event : events) {
                if (matches(event, request)) {
                    matching.add(event);
                }
            }
            String startingAfter = single(request, "starting_after");
            String endingBefore = single(request, "ending_before");
            int from;
            int to;
            boolean hasMore;
            if (startingAfter != null) {
                from = indexOf(matching, startingAfter, "starting_after") + 1;
                to = Math.min(matching.size(), from + limit);
                hasMore = to < matching.size();
            } else if (endingBefore != null) {
                to = indexOf(matching, endingBefore, "ending_before");
                from = Math.max(0, to - limit);
                hasMore = from > 0;
            } else {
                from = 0;
                to = Math.min(matching.size(), limit);
                hasMore = to < matching.size();
            }
            StringBuilder body = new StringBuilder("{\"object\":\"list\",\"data\":[");
            for (int i = from; i < to; i++) {
                body.append(i > from ? "," : "").append(matching.get(i).json());
            }
            body.append("],\"has_more\":").append(hasMore).append(",\"url\":\"/v1/events\"}");
            return json(200, body.toString());
        } catch (InvalidRequest e) {
            return json(e.status, error(e.code, e.getMessage(), e.param));
        }
    }

    /** Checks that every event is a JSON object with an id, so a broken fixture fails when stubbed. */
    static void validate(List<String> events) {
        parse(events);
    }

    @SuppressWarnings("unchecked")
    private static List<String> eventsOf(ServeEvent serveEvent) {
        return (List<String>) serveEvent.getTransformerParameters().get(EVENTS_PARAMETER);
    }

    private static List<Event> parse(List<String> events) {
        List<Event> parsed = new ArrayList<>(events.size());
        for (String json : events) {
            try {
                JsonNode node = JSON.readTree(json);
                if (node == null || !node.path("id").isTextual()) {
                    throw new IllegalArgumentException("Not a Stripe event (no id): " + json);
                }
                parsed.add(new Event(node.get("id").asText(), node.path("type").asText(""),
                        node.path("created").asLong(0), json));
            } catch (IOException e) {
                throw new IllegalArgumentException("Not valid JSON: " + json, e);
            }
        }
        return parsed;
    }

    private static boolean matches(Event event, Request request) throws InvalidRequest {
        String type = single(request, "type");
        if (type != null && !typeMatches(event.type(), type)) {
            return false;
        }
        List<String> types = values(request, "types[]");
        if (!types.isEmpty() && types.stream().noneMatch(candidate -> typeMatches(event.type(), candidate))) {
            return false;
        }
        return createdMatches(request, "created", created -> event.created() == created)
                && createdMatches(request, "created[gt]", created -> event.created() > created)
                && createdMatches(request, "created[gte]", created -> event.created() >= created)
                && createdMatches(request, "created[lt]", created -> event.created() < created)
                && createdMatches(request, "created[lte]", created -> event.created() <= created);
    }

    private static boolean typeMatches(String actual, String wanted) {
        return wanted.endsWith("*") ? actual.startsWith(wanted.substring(0, wanted.length() - 1)) : actual.equals(wanted);
    }

    private static boolean createdMatches(Request request, String name, LongPredicate test) throws InvalidRequest {
        String value = single(request, name);
        if (value == null) {
            return true;
        }
        try {
            long bound = Long.parseLong(value);
            return test.test(bound);
        } catch (NumberFormatException e) {
            throw new InvalidRequest(400, "parameter_invalid_integer", "Invalid integer: " + value, name);
        }
    }

    private static int limit(Request request) throws InvalidRequest {
        String value = single(request, "limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below, like an out-of-range number.
        }
        throw new InvalidRequest(400, "parameter_invalid_integer",
                "This value must be between 1 and " + MAX_LIMIT + " (it currently is '" + value + "').", "limit");
    }

    private static int indexOf(List<Event> events, String id, String param) throws InvalidRequest {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new InvalidRequest(400, "resource_missing", "No such event: '" + id + "'", param);
    }

    private static String single(Request request, String name) {
        List<String> values = values(request, name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> values(Request request, String name) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? parameter.values() : List.of();
    }

    private static String error(String code, String message, String param) {
        try {
            return JSON.writeValueAsString(Map.of("error", Map.of(
                    "type", "invalid_request_error", "code", code, "message", message, "param", param)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinition json(int status, String body) {
        return responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body)
                .build();
    }

    private record Event(String id, String type, long created, String json) {
    }

    private static final class InvalidRequest extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;
        private final String param;

        InvalidRequest(int status, String code, String message, String param) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.param = param;
        }
    }
}
