package dev.tessera.e2e.harness;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;

import static org.awaitility.Awaitility.await;

/**
 * The Stripe emulator, as the tests drive it: the Stripe API through stripe-java (as the services call it), the
 * API's JSON for look-ups, and the emulator's own controls (the buyer at the hosted page, the card network, time).
 */
public final class StripeEmulator {

    private final String baseUrl;
    private final String apiKey;
    private final StripeClient stripe;

    StripeEmulator(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.stripe = StripeClient.builder().setApiKey(apiKey).setApiBase(baseUrl).setMaxNetworkRetries(2).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** stripe-java pointed at the emulator, as {@code StripeClients} configures it in the services. */
    public StripeClient stripe() {
        return stripe;
    }

    // ------------------------------------------------------------------------------- the API, read as JSON

    /** {@code GET /v1/...} with the API key, as JSON; {@code query} values are URL-encoded. */
    public JsonNode get(String path, Map<String, String> query) {
        StringBuilder url = new StringBuilder(baseUrl).append(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return Http.get(url.toString(), apiKey).require();
    }

    public JsonNode get(String path) {
        return get(path, Map.of());
    }

    public JsonNode subscription(String id) {
        return get("/v1/subscriptions/" + encode(id));
    }

    /** The end of the subscription's current period (on its items since API version 2025-03-31). */
    public Instant currentPeriodEnd(String subscriptionId) {
        long latest = 0;
        for (JsonNode item : subscription(subscriptionId).path("items").path("data")) {
            latest = Math.max(latest, item.path("current_period_end").asLong());
        }
        if (latest == 0) {
            throw new AssertionError("subscription " + subscriptionId + " has no current_period_end on its items");
        }
        return Instant.ofEpochSecond(latest);
    }

    /** Every object of a list endpoint (following {@code starting_after}), newest first. */
    public List<JsonNode> listAll(String path, Map<String, String> query) {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, String> page = new java.util.LinkedHashMap<>(query);
            page.put("limit", "100");
            if (after != null) {
                page.put("starting_after", after);
            }
            JsonNode list = get(path, page);
            list.path("data").forEach(all::add);
            if (!list.path("has_more").asBoolean(false) || list.path("data").isEmpty()) {
                return all;
            }
            after = all.get(all.size() - 1).path("id").asText();
        }
    }

    /** The events of {@code type} whose {@code data.object.id} is {@code objectId}. */
    public List<JsonNode> eventsAbout(String type, String objectId) {
        return listAll("/v1/events", Map.of("type", type)).stream()
                .filter(event -> objectId.equals(event.path("data").path("object").path("id").asText()))
                .toList();
    }

    // ------------------------------------------------------------------------------------------- controls

    /** The buyer pays the Checkout Session on the hosted page; answers the completed session. */
    public JsonNode pay(String sessionId, String email) {
        return control("checkout_sessions/" + encode(sessionId) + "/pay", Map.of("email", email));
    }

    /** The customer's next {@code count} off-session payments (renewals, retries) are declined. */
    public void failNextPayments(String customerId, int count) {
        control("customers/" + encode(customerId) + "/fail_next_payments", Map.of("count", count));
    }

    /** The emulator's "now" (wall clock plus every advance so far). */
    public Instant now() {
        return Instant.ofEpochSecond(Http.get(baseUrl + "/_emulator/clock", null).require().path("now").asLong());
    }

    /** How far the clock has been moved ahead of the wall clock. */
    public Duration offset() {
        return Duration.ofSeconds(Http.get(baseUrl + "/_emulator/clock", null).require().path("offset_seconds").asLong());
    }

    /** Moves time forward; everything that falls due on the way (renewals, retries) happens at its own moment. */
    public void advance(Duration duration) {
        control("clock/advance", Map.of("seconds", duration.toSeconds()));
    }

    /** Moves time to just after {@code instant} (a period end, a retry date), if it is still ahead. */
    public void advanceTo(Instant instant) {
        Duration ahead = Duration.between(now(), instant).plusSeconds(60);
        if (!ahead.isNegative()) {
            advance(ahead);
        }
    }

    /** The delivery switches: every event twice, and in random order. */
    public void delivery(boolean duplicate, boolean shuffle) {
        control("delivery", Map.of("duplicate", duplicate, "shuffle", shuffle));
    }

    /** Switches, counters ({@code pending}, {@code delivered}, ...) and the last delivery attempts. */
    public JsonNode deliveryStatus() {
        return Http.get(baseUrl + "/_emulator/delivery", null).require();
    }

    /** Waits until every event emitted so far has been delivered (acknowledged by its endpoint). */
    public void awaitDelivered() {
        await("every webhook delivered by the emulator").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveryStatus().path("pending").asLong(-1) == 0);
    }

    private JsonNode control(String path, Object body) {
        return Http.post(baseUrl + "/_emulator/" + path, null, body).require();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
