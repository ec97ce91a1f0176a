package dev.tessera.checkout;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TestJwt;
import dev.tessera.testing.TopicReader;
import dev.tessera.testing.TopicWriter;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What checkout tests share: tokens, catalog set-up through the API, Stripe events on Kafka, topic reads, direct
 * SQL.
 */
public final class TestSupport {

    private TestSupport() {
    }

    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static WireMockServer stripe() {
        return StripeApiTestResource.server();
    }

    // ---- callers -------------------------------------------------------------------------------------------

    public static RequestSpecification as(String token) {
        RequestSpecification spec = given().contentType("application/json");
        return token == null ? spec : spec.auth().oauth2(token);
    }

    public static RequestSpecification anonymous() {
        return given().contentType("application/json");
    }

    public static String seller(String sellerId) {
        return TestJwt.seller("usr_" + sellerId, sellerId);
    }

    public static String member(String userId) {
        return TestJwt.token(userId, java.util.Set.of(TestJwt.MEMBER), Map.of("email", userId + "@example.com"));
    }

    public static String ops() {
        return TestJwt.ops("ops-user");
    }

    // ---- catalog -------------------------------------------------------------------------------------------

    public static String activeGroup(String sellerId) {
        String id = as(seller(sellerId)).body(Map.of("sellerId", sellerId, "name", "Group of " + sellerId))
                .post("/catalog/groups").then().statusCode(201).extract().path("id");
        as(seller(sellerId)).post("/catalog/groups/" + id + "/activate").then().statusCode(200);
        return id;
    }

    public static String tier(String sellerId, String groupId, Integer capacity, long amountMinor) {
        Map<String, Object> body = new HashMap<>(Map.of("sellerId", sellerId, "kind", "membership_tier",
                "groupId", groupId, "name", "Tier " + unique("t"), "accessLevel", "gold",
                "benefits", List.of("live sessions"),
                "price", Map.of("amountMinor", amountMinor, "currency", "EUR", "interval", "month")));
        if (capacity != null) {
            body.put("capacity", capacity);
        }
        return activeOffering(sellerId, body);
    }

    public static String ticket(String sellerId, int seats, long amountMinor) {
        return activeOffering(sellerId, Map.of("sellerId", sellerId, "kind", "event_ticket", "name", "Meetup " + unique("e"),
                "capacity", seats, "startsAt", Instant.now().plus(Duration.ofDays(30)).toString(),
                "price", Map.of("amountMinor", amountMinor, "currency", "EUR")));
    }

    public static String course(String sellerId, long amountMinor) {
        return activeOffering(sellerId, Map.of("sellerId", sellerId, "kind", "course", "name", "Course " + unique("c"),
                "price", Map.of("amountMinor", amountMinor, "currency", "EUR")));
    }

    public static String activeOffering(String sellerId, Map<String, Object> body) {
        String id = as(seller(sellerId)).body(body).post("/catalog/offerings").then().statusCode(201)
                .extract().path("id");
        as(seller(sellerId)).post("/catalog/offerings/" + id + "/activate").then().statusCode(200);
        return id;
    }

    // ---- checkouts -----------------------------------------------------------------------------------------

    public static ValidatableResponse open(String token, Map<String, Object> body, String idempotencyKey) {
        RequestSpecification request = as(token).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/checkouts").then();
    }

    public static String openOk(String token, Map<String, Object> body) {
        return open(token, body, null).statusCode(201).extract().path("id");
    }

    public static String status(String checkoutId) {
        return as(ops()).get("/checkouts/" + checkoutId).then().statusCode(200).extract().path("status");
    }

    public static void awaitStatus(String checkoutId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(checkoutId), status::equals);
    }

    // ---- Stripe events -------------------------------------------------------------------------------------

    /** A Checkout Session as Stripe sends it in events, for one of our checkouts. */
    public static ObjectNode session(String checkoutId, String status, String paymentStatus) {
        ObjectNode session = StripeEventFixtures.object("checkout.session");
        session.put("id", "cs_test_" + checkoutId);
        session.put("client_reference_id", checkoutId);
        session.put("status", status);
        session.put("payment_status", paymentStatus);
        session.putObject("metadata").put("tessera_checkout_id", checkoutId);
        session.put("amount_total", 2900);
        session.put("currency", "eur");
        session.putNull("subscription");
        return session;
    }

    /** Publishes a Stripe event to its topic as the ingest service does (headers, key); returns the event id. */
    public static String sendStripeEvent(String type, ObjectNode object) {
        return TopicWriter.sendStripeEvent(StripeEventFixtures.event(type, object).node());
    }

    // ---- domain events -------------------------------------------------------------------------------------

    /** Domain events on a topic about one subject, waiting until at least {@code count} have arrived. */
    public static List<DomainEvent> awaitEvents(String topic, String subject, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> events(topic, subject), events -> events.size() >= count);
    }

    public static List<DomainEvent> events(String topic, String subject) {
        return TopicReader.readAll(TesseraInfra.get().kafkaBootstrapServers(), topic, Duration.ofMillis(300)).stream()
                .filter(record -> subject.equals(record.key()))
                .map(record -> DomainEvent.fromJson(record.value()))
                .toList();
    }

    public static String json(Object value) {
        return EventJson.write(value);
    }

    // ---- database ------------------------------------------------------------------------------------------

    /** The first column of the first row, for {@code select count(*)} queries. */
    public static long count(DataSource dataSource, String sql) {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void update(DataSource dataSource, String sql) {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
