package dev.tessera.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tessera.checkout.TestSupport.activeGroup;
import static dev.tessera.checkout.TestSupport.anonymous;
import static dev.tessera.checkout.TestSupport.as;
import static dev.tessera.checkout.TestSupport.awaitEvents;
import static dev.tessera.checkout.TestSupport.count;
import static dev.tessera.checkout.TestSupport.seller;
import static dev.tessera.checkout.TestSupport.stripe;
import static dev.tessera.checkout.TestSupport.tier;
import static dev.tessera.checkout.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.events.catalog.CatalogEventTypes;
import dev.tessera.events.catalog.OfferingChanged;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void sellerBuildsACatalogThatIsSyncedToStripeAndAnnounced() {
        String sellerId = unique("sel");
        String groupId = activeGroup(sellerId);

        String tierId = tier(sellerId, groupId, 25, 2900);
        String packId = as(seller(sellerId)).body(Map.of("sellerId", sellerId, "kind", "credit_pack", "name", "10 classes",
                        "credits", 10, "price", Map.of("amountMinor", 9000, "currency", "eur")))
                .post("/catalog/offerings").then().statusCode(201)
                .body("kind", equalTo("credit_pack")).body("credits", equalTo(10))
                .body("price.currency", equalTo("EUR")).body("status", equalTo("draft"))
                .extract().path("id");

        // the product and its price reach Stripe in the background, with attribution metadata and idempotency keys
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                anonymous().get("/catalog/offerings/" + tierId).then().statusCode(200)
                        .body("stripeProductId", notNullValue()).body("price.stripePriceId", notNullValue())
                        .body("syncState", equalTo("synced")));
        stripe().verify(postRequestedFor(urlPathEqualTo("/v1/products"))
                .withHeader("Idempotency-Key", matching("tessera:" + tierId + ":product:[0-9a-f]{32}"))
                .withFormParam("metadata[tessera_offering_id]", WireMock.equalTo(tierId))
                .withFormParam("metadata[tessera_seller_id]", WireMock.equalTo(sellerId))
                .withFormParam("metadata[tessera_group_id]", WireMock.equalTo(groupId))
                .withFormParam("metadata[tessera_offering_kind]", WireMock.equalTo("membership_tier")));
        stripe().verify(postRequestedFor(urlPathEqualTo("/v1/prices"))
                .withFormParam("metadata[tessera_offering_id]", WireMock.equalTo(tierId))
                .withFormParam("unit_amount", WireMock.equalTo("2900"))
                .withFormParam("currency", WireMock.equalTo("eur"))
                .withFormParam("recurring[interval]", WireMock.equalTo("month")));

        List<DomainEvent> events = awaitEvents(Topics.CATALOG_EVENTS, tierId, 3);
        assertThat(events).extracting(DomainEvent::type).contains(CatalogEventTypes.OFFERING_CREATED,
                CatalogEventTypes.OFFERING_ACTIVATED, CatalogEventTypes.OFFERING_SYNCED);
        OfferingChanged created = events.get(0).dataAs(OfferingChanged.class);
        assertThat(created.groupId()).isEqualTo(groupId);
        assertThat(created.capacity()).isEqualTo(25);
        assertThat(created.price().amountMinor()).isEqualTo(2900L);
        assertThat(created.benefits()).containsExactly("live sessions");

        // the seller sees drafts; the public only what is active
        anonymous().get("/catalog/offerings/" + packId).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("catalog.offering_not_found"));
        as(seller(sellerId)).get("/catalog/offerings/" + packId).then().statusCode(200);
        anonymous().queryParam("sellerId", sellerId).get("/catalog/offerings").then().statusCode(200)
                .body("id", hasSize(1)).body("[0].id", equalTo(tierId)).body("[0].seatsLeft", equalTo(25));
        as(seller(sellerId)).queryParam("sellerId", sellerId).queryParam("status", "draft").queryParam("status", "active")
                .get("/catalog/offerings").then().statusCode(200).body("id", containsInAnyOrder(tierId, packId));
        anonymous().queryParam("sellerId", sellerId).queryParam("status", "draft").get("/catalog/offerings").then()
                .statusCode(403).contentType("application/problem+json");
        anonymous().queryParam("groupId", groupId).get("/catalog/offerings").then().statusCode(200).body("id", hasItems(tierId));
    }

    @Test
    void priceChangeCreatesANewStripePriceAndKeepsTheHistory() {
        String sellerId = unique("sel");
        String tierId = tier(sellerId, activeGroup(sellerId), null, 2900);
        String firstStripePrice = await().atMost(Duration.ofSeconds(20)).until(() ->
                anonymous().get("/catalog/offerings/" + tierId).then().extract().<String>path("price.stripePriceId"),
                id -> id != null);

        as(seller(sellerId)).body(Map.of("amountMinor", 3400, "currency", "EUR", "interval", "year"))
                .post("/catalog/offerings/" + tierId + "/price").then().statusCode(200)
                .body("price.amountMinor", equalTo(3400)).body("price.interval", equalTo("year"));
        as(seller(sellerId)).body(Map.of("amountMinor", 3400, "currency", "EUR", "interval", "year"))
                .post("/catalog/offerings/" + tierId + "/price").then().statusCode(409)
                .body("code", equalTo("catalog.price_unchanged"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                as(seller(sellerId)).get("/catalog/offerings/" + tierId + "/prices").then().statusCode(200)
                        .body("amountMinor", org.hamcrest.Matchers.contains(2900, 3400))
                        .body("current", org.hamcrest.Matchers.contains(false, true))
                        .body("[0].stripePriceId", equalTo(firstStripePrice))
                        .body("[1].stripePriceId", notNullValue())
                        .body("[0].supersededAt", notNullValue()));
        // Stripe prices are immutable: the old one is deactivated, a new one created
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> stripe().verify(
                postRequestedFor(urlPathEqualTo("/v1/prices/" + firstStripePrice))
                        .withFormParam("active", WireMock.equalTo("false"))));
        stripe().verify(postRequestedFor(urlPathEqualTo("/v1/prices"))
                .withFormParam("metadata[tessera_offering_id]", WireMock.equalTo(tierId))
                .withFormParam("unit_amount", WireMock.equalTo("3400"))
                .withFormParam("recurring[interval]", WireMock.equalTo("year")));
        assertThat(awaitEvents(Topics.CATALOG_EVENTS, tierId, 3)).extracting(DomainEvent::type)
                .contains(CatalogEventTypes.OFFERING_PRICE_CHANGED);
    }

    @Test
    void aSellerCannotTouchAnotherSellersCatalog() {
        String owner = unique("sel");
        String intruder = unique("sel");
        String groupId = activeGroup(owner);
        String tierId = tier(owner, groupId, 10, 2900);
        long before = count(dataSource, "select count(*) from offering where seller_id = '" + owner + "'");

        as(seller(intruder)).body(Map.of("name", "Mine now")).put("/catalog/offerings/" + tierId).then()
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
        as(seller(intruder)).body(Map.of("amountMinor", 1, "currency", "EUR", "interval", "month"))
                .post("/catalog/offerings/" + tierId + "/price").then().statusCode(403);
        as(seller(intruder)).post("/catalog/offerings/" + tierId + "/archive").then().statusCode(403);
        as(seller(intruder)).post("/catalog/groups/" + groupId + "/archive").then().statusCode(403);
        as(seller(intruder)).body(Map.of("name", "x")).put("/catalog/groups/" + groupId).then().statusCode(403);
        as(seller(intruder)).get("/catalog/offerings/" + tierId + "/prices").then().statusCode(403);
        // acting for someone else's seller id, or using their group from one's own
        as(seller(intruder)).body(Map.of("sellerId", owner, "kind", "course", "name", "Fake",
                "price", Map.of("amountMinor", 100, "currency", "EUR"))).post("/catalog/offerings").then().statusCode(403);
        as(seller(intruder)).body(Map.of("sellerId", intruder, "kind", "membership_tier", "groupId", groupId, "name", "Sneaky",
                        "price", Map.of("amountMinor", 100, "currency", "EUR", "interval", "month")))
                .post("/catalog/offerings").then().statusCode(404).body("code", equalTo("catalog.group_not_found"));
        // members and anonymous callers cannot write at all
        as(TestSupport.member("usr_m")).body(Map.of("name", "x")).put("/catalog/offerings/" + tierId).then().statusCode(403);
        anonymous().body(Map.of("name", "x")).put("/catalog/offerings/" + tierId).then().statusCode(401);

        as(seller(owner)).get("/catalog/offerings/" + tierId).then().statusCode(200)
                .body("status", equalTo("active")).body("price.amountMinor", equalTo(2900)).body("name", org.hamcrest.Matchers.startsWith("Tier"));
        assertThat(count(dataSource, "select count(*) from offering where seller_id = '" + owner + "'")).isEqualTo(before);
        assertThat(count(dataSource, "select count(*) from offering where seller_id = '" + intruder + "'")).isZero();
        assertThat(count(dataSource, "select count(*) from offering_price where offering_id = '" + tierId + "'")).isEqualTo(1);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String sellerId = unique("sel");
        String groupId = activeGroup(sellerId);
        long offerings = count(dataSource, "select count(*) from offering");
        long outbox = count(dataSource, "select count(*) from outbox_message where topic = 'catalog.events'");

        as(seller(sellerId)).body(Map.of("sellerId", sellerId, "kind", "membership_tier", "name", " ",
                        "capacity", 0, "credits", 5,
                        "price", Map.of("amountMinor", -5, "currency", "EURO", "interval", "week")))
                .post("/catalog/offerings").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("errors.field", hasItems("name", "capacity", "groupId", "credits", "price.amountMinor",
                        "price.currency", "price.interval"));
        as(seller(sellerId)).body(Map.of("sellerId", sellerId, "kind", "event_ticket", "name", "Past party",
                        "capacity", 10, "startsAt", Instant.now().minusSeconds(60).toString(),
                        "price", Map.of("amountMinor", 500, "currency", "EUR", "interval", "month")))
                .post("/catalog/offerings").then().statusCode(400)
                .body("errors.field", hasItems("startsAt", "price.interval"));
        as(seller(sellerId)).body(Map.of("sellerId", sellerId, "kind", "spaceship", "name", "x"))
                .post("/catalog/offerings").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        as(seller(sellerId)).body(Map.of("sellerId", sellerId, "kind", "platform_plan", "name", "My plan",
                        "price", Map.of("amountMinor", 100, "currency", "EUR", "interval", "month")))
                .post("/catalog/offerings").then().statusCode(400);
        as(seller(sellerId)).body("{\"sellerId\": \"" + sellerId + "\", \"kind\": ").post("/catalog/offerings").then()
                .statusCode(400).contentType("application/problem+json");
        as(seller(sellerId)).body(Map.of("sellerId", sellerId, "kind", "course", "name", "x", "capacity", "lots"))
                .post("/catalog/offerings").then().statusCode(400).contentType("application/problem+json");
        as(seller(sellerId)).body(Map.of("name", "")).put("/catalog/groups/" + groupId).then().statusCode(400)
                .body("errors[0].field", equalTo("name"));

        assertThat(count(dataSource, "select count(*) from offering")).isEqualTo(offerings);
        assertThat(count(dataSource, "select count(*) from outbox_message where topic = 'catalog.events'")).isEqualTo(outbox);
        anonymous().get("/catalog/groups/" + groupId).then().statusCode(200).body("name", equalTo("Group of " + sellerId));
    }

    @Test
    void archivedOfferingsLeaveTheShopAndTheirProductIsDeactivated() {
        String sellerId = unique("sel");
        String courseId = TestSupport.course(sellerId, 4900);
        as(seller(sellerId)).post("/catalog/offerings/" + courseId + "/archive").then().statusCode(200)
                .body("status", equalTo("archived"));
        anonymous().get("/catalog/offerings/" + courseId).then().statusCode(404);
        as(seller(sellerId)).body(Map.of("name", "Renamed")).put("/catalog/offerings/" + courseId).then().statusCode(409)
                .body("code", equalTo("catalog.offering_archived"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> stripe().verify(
                postRequestedFor(urlPathEqualTo("/v1/products/" + as(seller(sellerId)).get("/catalog/offerings/" + courseId)
                        .then().extract().path("stripeProductId"))).withFormParam("active", WireMock.equalTo("false"))));
    }

    @Test
    void platformPlansComeFromConfiguration() {
        anonymous().get("/catalog/platform-plans").then().statusCode(200)
                .body("plan", containsInAnyOrder("free", "entry", "premium"))
                .body("find { it.plan == 'entry' }.price.amountMinor", equalTo(2900))
                .body("find { it.plan == 'entry' }.price.interval", equalTo("month"))
                .body("find { it.plan == 'premium' }.price.amountMinor", equalTo(9900))
                .body("find { it.plan == 'entry' }.commissionBasisPoints", equalTo(500))
                .body("find { it.plan == 'free' }.sellerId", nullValue());
        as(seller("sel_x")).body(Map.of("name", "Cheaper")).put("/catalog/offerings/plan_entry").then().statusCode(409)
                .body("code", equalTo("catalog.platform_plan_read_only"));
    }
}
