package dev.tessera.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tessera.ingest.IngestTestSupport.awaitRecords;
import static dev.tessera.ingest.IngestTestSupport.postSigned;
import static dev.tessera.ingest.IngestTestSupport.recordsOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tessera.events.EventJson;
import dev.tessera.events.Topics;
import dev.tessera.ingest.domain.EventRecorder;
import dev.tessera.runtime.outbox.OutboxRelay;
import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.TestJwt;
import dev.tessera.testing.TopicRecord;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpsApiTest {

    @Inject
    OutboxRelay relay;

    private static io.restassured.specification.RequestSpecification asOps() {
        return given().auth().oauth2(TestJwt.ops("ops-user")).contentType("application/json");
    }

    @Test
    void opsEndpointsNeedTheOpsRole() {
        given().when().get("/ops/events/counts").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.member("member-1")).when().get("/ops/events/counts").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.seller("seller-user", "sel_1")).contentType("application/json")
                .body(Map.of("ids", List.of("evt_1"))).when().post("/ops/events/replay").then().statusCode(403);
        given().auth().oauth2(TestJwt.expired("ops-user", java.util.Set.of("ops"))).when().get("/ops/events/counts").then()
                .statusCode(401);
        asOps().when().get("/ops/events/counts").then().statusCode(200).body("total", notNullValue());
    }

    @Test
    void oneStoredEventCanBeLookedUpWithItsPayloadAndState() {
        var event = StripeEventFixtures.event("checkout.session.completed", StripeEventFixtures.object("checkout.session"));
        postSigned(event.json()).statusCode(200);
        awaitRecords(Topics.STRIPE_CHECKOUT, event.id(), 1);
        relay.relayOnce();

        asOps().when().get("/ops/events/" + event.id()).then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(event.id()))
                .body("topic", org.hamcrest.Matchers.equalTo(Topics.STRIPE_CHECKOUT))
                .body("state", org.hamcrest.Matchers.equalTo("published"))
                .body("payload.type", org.hamcrest.Matchers.equalTo("checkout.session.completed"));
        asOps().when().get("/ops/events/evt_does_not_exist").then().statusCode(404)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("ingest.event_not_found"));
    }

    @Test
    void listingPagesWithACursor() {
        String type = "product.updated." + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            postSigned(StripeEventFixtures.event(type, StripeEventFixtures.object("product"))
                    .created(Instant.now().minusSeconds(i)).json()).statusCode(200);
        }
        var first = asOps().queryParam("type", type).queryParam("limit", 2).when().get("/ops/events").then().statusCode(200)
                .body("events", hasSize(2)).body("hasMore", org.hamcrest.Matchers.equalTo(true)).extract();
        String cursor = first.path("nextCursor");
        var second = asOps().queryParam("type", type).queryParam("limit", 2).queryParam("cursor", cursor).when()
                .get("/ops/events").then().statusCode(200).body("events", hasSize(2)).extract();
        var third = asOps().queryParam("type", type).queryParam("limit", 2).queryParam("cursor", (String) second.path("nextCursor"))
                .when().get("/ops/events").then().statusCode(200).body("events", hasSize(1))
                .body("hasMore", org.hamcrest.Matchers.equalTo(false)).extract();

        List<String> ids = new java.util.ArrayList<>();
        ids.addAll(first.path("events.id"));
        ids.addAll(second.path("events.id"));
        ids.addAll(third.path("events.id"));
        assertThat(ids).doesNotHaveDuplicates().hasSize(5);
        asOps().queryParam("limit", 0).when().get("/ops/events").then().statusCode(400).contentType("application/problem+json");
        asOps().queryParam("cursor", "garbage!").when().get("/ops/events").then().statusCode(400);
        asOps().queryParam("from", "yesterday").when().get("/ops/events").then().statusCode(400);
    }

    @Test
    void replayRepublishesStoredEventsByIdsAndByType() {
        var event = StripeEventFixtures.event("charge.refunded", StripeEventFixtures.object("charge"));
        postSigned(event.json()).statusCode(200);
        awaitRecords(Topics.STRIPE_PAYMENTS, event.id(), 1);

        asOps().body(Map.of("ids", List.of(event.id()))).when().post("/ops/events/replay").then()
                .statusCode(200).body("replayed", org.hamcrest.Matchers.equalTo(1));

        List<TopicRecord> records = awaitRecords(Topics.STRIPE_PAYMENTS, event.id(), 2);
        assertThat(records).hasSize(2);
        assertThat(records.get(1).value()).isEqualTo(event.json());
        assertThat(records.get(1).key()).isEqualTo(records.get(0).key());
        assertThat(records.get(1).headers()).containsEntry(EventRecorder.HEADER_REPLAY, "true");
        // the event now points at its replay's outbox row, published once the relay's round commits
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                asOps().when().get("/ops/events/" + event.id()).then().statusCode(200)
                        .body("replayCount", org.hamcrest.Matchers.equalTo(1))
                        .body("state", org.hamcrest.Matchers.equalTo("published")));

        String type = "coupon.updated." + System.nanoTime();
        postSigned(StripeEventFixtures.event(type, StripeEventFixtures.object("coupon")).json()).statusCode(200);
        postSigned(StripeEventFixtures.event(type, StripeEventFixtures.object("coupon")).json()).statusCode(200);
        asOps().body(Map.of("types", List.of(type))).when().post("/ops/events/replay").then()
                .statusCode(200).body("replayed", org.hamcrest.Matchers.equalTo(2));
        asOps().body(Map.of()).when().post("/ops/events/replay").then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("ingest.invalid_query"));
    }

    @Test
    void backfillIngestsWhatIsMissingThroughTheSamePath() {
        WireMockServer stripe = StripeApiTestResource.server();
        var known = StripeEventFixtures.event("invoice.paid", StripeEventFixtures.object("invoice"));
        postSigned(known.json()).statusCode(200);
        var missed1 = StripeEventFixtures.event("invoice.payment_failed", StripeEventFixtures.object("invoice"));
        var missed2 = StripeEventFixtures.event("customer.subscription.deleted", StripeEventFixtures.object("subscription"));
        stripe.stubFor(get(urlPathEqualTo("/v1/events")).withQueryParam("starting_after", absent())
                .withHeader("Stripe-Account", absent())
                .willReturn(list(true, missed2.node(), missed1.node())));
        stripe.stubFor(get(urlPathEqualTo("/v1/events")).withQueryParam("starting_after", equalTo(missed1.id()))
                .willReturn(list(false, known.node())));

        asOps().body(Map.of("since", Instant.now().minus(1, ChronoUnit.DAYS).toString())).when().post("/ops/backfill")
                .then().statusCode(200)
                .body("fetched", org.hamcrest.Matchers.equalTo(3))
                .body("stored", org.hamcrest.Matchers.equalTo(2))
                .body("duplicates", org.hamcrest.Matchers.equalTo(1))
                .body("pages", org.hamcrest.Matchers.equalTo(2));

        assertThat(awaitRecords(Topics.STRIPE_BILLING, missed1.id(), 1)).hasSize(1);
        assertThat(awaitRecords(Topics.STRIPE_BILLING, missed2.id(), 1)).hasSize(1);
        relay.relayOnce();
        assertThat(recordsOf(Topics.STRIPE_BILLING, known.id())).hasSize(1);
    }

    @Test
    void backfillOfAConnectedAccountSendsStripeAccountAndKeepsTheAccount() {
        WireMockServer stripe = StripeApiTestResource.server();
        var payout = StripeEventFixtures.event("payout.paid", StripeEventFixtures.object("payout"));
        stripe.stubFor(get(urlPathEqualTo("/v1/events")).withHeader("Stripe-Account", equalTo("acct_backfill_1"))
                .willReturn(list(false, payout.node())));

        asOps().body(Map.of("since", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "account", "acct_backfill_1"))
                .when().post("/ops/backfill").then().statusCode(200).body("stored", org.hamcrest.Matchers.equalTo(1));

        TopicRecord record = awaitRecords(Topics.STRIPE_CONNECT, payout.id(), 1).get(0);
        assertThat(record.key()).isEqualTo("acct_backfill_1");
        assertThat(record.headers()).containsEntry("stripe-account", "acct_backfill_1");
        asOps().when().get("/ops/events/" + payout.id()).then().statusCode(200)
                .body("source", org.hamcrest.Matchers.equalTo("backfill"))
                .body("endpoint", org.hamcrest.Matchers.equalTo("connect"));
    }

    @Test
    void backfillRefusesWhatStripeCannotList() {
        asOps().body(Map.of("since", Instant.now().minus(40, ChronoUnit.DAYS).toString())).when().post("/ops/backfill")
                .then().statusCode(400).contentType("application/problem+json");
        asOps().body(Map.of()).when().post("/ops/backfill").then().statusCode(400);
        asOps().body(Map.of("since", Instant.now().toString(), "account", "cus_1")).when().post("/ops/backfill")
                .then().statusCode(400);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder list(boolean hasMore, ObjectNode... events) {
        ObjectNode list = EventJson.mapper().createObjectNode();
        list.put("object", "list");
        list.put("url", "/v1/events");
        list.put("has_more", hasMore);
        ArrayNode data = list.putArray("data");
        for (ObjectNode event : events) {
            data.add(event);
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(EventJson.write(list));
    }
}
