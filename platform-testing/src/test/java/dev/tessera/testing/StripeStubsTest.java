package dev.tessera.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeStubsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StripeStubs stripe;

    @BeforeAll
    static void start() {
        stripe = StripeStubs.start();
    }

    @AfterAll
    static void stop() {
        stripe.close();
    }

    @BeforeEach
    void reset() {
        stripe.reset();
    }

    @Test
    void pagesThroughEventsWithStartingAfterLikeStripe() throws Exception {
        // Newest first, as Stripe lists them: evt_25 (created 1025) ... evt_1 (created 1001).
        List<String> events = IntStream.rangeClosed(1, 25).map(i -> 26 - i).mapToObj(StripeStubsTest::event).toList();
        stripe.stubEvents(events);

        List<String> seen = new ArrayList<>();
        String startingAfter = null;
        int pages = 0;
        boolean hasMore = true;
        while (hasMore) {
            JsonNode page = get("/v1/events?limit=10" + (startingAfter == null ? "" : "&starting_after=" + startingAfter), null);
            assertThat(page.get("object").asText()).isEqualTo("list");
            assertThat(page.get("url").asText()).isEqualTo("/v1/events");
            for (JsonNode event : page.get("data")) {
                seen.add(event.get("id").asText());
            }
            hasMore = page.get("has_more").asBoolean();
            startingAfter = seen.get(seen.size() - 1);
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).startsWith("evt_25", "evt_24").endsWith("evt_1");
        assertThat(get("/v1/events", null).get("data")).hasSize(10);
        JsonNode beforeEvt20 = get("/v1/events?limit=3&ending_before=evt_20", null);
        assertThat(beforeEvt20.get("data")).extracting(node -> node.get("id").asText())
                .containsExactly("evt_23", "evt_22", "evt_21");
        assertThat(beforeEvt20.get("has_more").asBoolean()).isTrue();
    }

    @Test
    void filtersByTypeAndCreated() throws Exception {
        stripe.stubEvents(List.of(event(3, "invoice.paid"), event(2, "charge.refunded"), event(1, "charge.succeeded")));

        assertThat(ids(get("/v1/events?type=charge.*", null))).containsExactly("evt_2", "evt_1");
        assertThat(ids(get("/v1/events?types%5B%5D=invoice.paid&types%5B%5D=charge.succeeded", null)))
                .containsExactly("evt_3", "evt_1");
        assertThat(ids(get("/v1/events?created%5Bgte%5D=1002", null))).containsExactly("evt_3", "evt_2");
        assertThat(ids(get("/v1/events?created%5Blt%5D=1002", null))).containsExactly("evt_1");
    }

    @Test
    void connectedAccountStubsRequireTheirStripeAccountHeader() throws Exception {
        stripe.stubEvents(List.of(event(1)));
        stripe.stubEvents("acct_123", List.of(event(7), event(6)));

        assertThat(ids(get("/v1/events", null))).containsExactly("evt_1");
        assertThat(ids(get("/v1/events", "acct_999"))).containsExactly("evt_1");
        assertThat(ids(get("/v1/events", "acct_123"))).containsExactly("evt_7", "evt_6");
        stripe.server().verify(2, getRequestedFor(urlPathEqualTo("/v1/events"))
                .withHeader(StripeStubs.STRIPE_ACCOUNT_HEADER, matching("acct_.*")));
    }

    @Test
    void rejectsBadRequestsTheWayStripeDoes() throws Exception {
        stripe.stubEvents(List.of(event(1)));

        HttpResponse<String> unknownCursor = send("/v1/events?starting_after=evt_nope", null);
        assertThat(unknownCursor.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownCursor.body()).get("error").get("param").asText()).isEqualTo("starting_after");
        assertThat(send("/v1/events?limit=101", null).statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> stripe.stubEvents(List.of("{\"object\":\"event\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawWireMockStubsWork() throws Exception {
        stripe.server().stubFor(post("/v1/refunds").willReturn(okJson("{\"id\":\"re_1\",\"object\":\"refund\"}")));

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stripe.baseUrl() + "/v1/refunds"))
                .POST(HttpRequest.BodyPublishers.ofString("amount=100")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("id").asText()).isEqualTo("re_1");
        assertThat(stripe.baseUrl()).startsWith("http://127.0.0.1:");
    }

    private static String event(int n) {
        return event(n, "customer.updated");
    }

    private static String event(int n, String type) {
        return "{\"id\":\"evt_" + n + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"created\":" + (1000 + n)
                + ",\"data\":{\"object\":{\"id\":\"obj_" + n + "\"}}}";
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }

    private static JsonNode get(String pathAndQuery, String stripeAccount) throws Exception {
        HttpResponse<String> response = send(pathAndQuery, stripeAccount);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String pathAndQuery, String stripeAccount) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripe.baseUrl() + pathAndQuery)).GET();
        if (stripeAccount != null) {
            request.header(StripeStubs.STRIPE_ACCOUNT_HEADER, stripeAccount);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
