package dev.tessera.ledger.journal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tessera.events.StripeMetadata;
import dev.tessera.ledger.Seed;
import dev.tessera.ledger.posting.domain.ChargePoster;
import dev.tessera.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Manual postings and reversals through the API: validation, idempotency, who may do what. */
@QuarkusTest
class JournalApiTest {

    @Inject
    ChargePoster charges;

    @Inject
    javax.sql.DataSource dataSource;

    private static Map<String, Object> entry(String type, String owner, String currency, long amount) {
        return owner == null ? Map.of("accountType", type, "currency", currency, "amount", amount)
                : Map.of("accountType", type, "ownerId", owner, "currency", currency, "amount", amount);
    }

    private static io.restassured.specification.RequestSpecification asFinance() {
        return given().auth().oauth2(TestJwt.finance("fin-user")).contentType("application/json");
    }

    @Test
    void aManualAdjustmentPostsOnceAndIsReversedOnce() {
        String seller = "sel_m_" + UUID.randomUUID();
        Map<String, Object> body = Map.of("idempotencyKey", "goodwill-" + seller, "description", "goodwill credit",
                "entries", List.of(entry("commission_revenue", null, "EUR", 500),
                        entry("seller_payable_available", seller, "EUR", -500)));
        int id = asFinance().body(body).when().post("/journal/transactions").then().statusCode(201)
                .body("kind", equalTo("manual")).body("sellerId", equalTo(seller)).body("entries", hasSize(2))
                .body("entries[1].side", equalTo("credit")).body("entries[1].decimal", equalTo("-5.00"))
                .extract().path("id");
        asFinance().body(body).when().post("/journal/transactions").then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(TestJwt.seller("s", seller)).when().get("/journal/transactions/" + id).then()
                .statusCode(200).body("entries[0].amount", equalTo(500));
        given().auth().oauth2(TestJwt.seller("s", "sel_someone_else")).when().get("/journal/transactions/" + id).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.member("m")).when().get("/journal/transactions/" + id).then().statusCode(403);

        int reversal = asFinance().body(Map.of("reason", "posted twice by mistake")).when()
                .post("/journal/transactions/" + id + "/reversal").then().statusCode(201)
                .body("kind", equalTo("reversal")).body("reversesId", equalTo(id))
                .body("entries[0].amount", equalTo(-500)).extract().path("id");
        asFinance().body(Map.of("reason", "again")).when().post("/journal/transactions/" + id + "/reversal").then()
                .statusCode(409).contentType("application/problem+json").body("code", equalTo("ledger.already_reversed"));
        asFinance().body(Map.of("reason", "a reversal of a reversal")).when()
                .post("/journal/transactions/" + reversal + "/reversal").then().statusCode(409)
                .body("code", equalTo("ledger.not_reversible"));
        asFinance().when().get("/journal/transactions/" + id).then().statusCode(200).body("reversedById", equalTo(reversal));
        given().auth().oauth2(TestJwt.seller("s", seller)).when().get("/reports/sellers/" + seller + "/balances").then()
                .statusCode(200).body("[0].available", equalTo(0)).body("[0].version", equalTo(2));
    }

    @Test
    void stripeDrivenPostingsAreNotReversedByHand() {
        String charge = "ch_m_" + UUID.randomUUID();
        Seed.post(charges, Seed.charge(charge, 1_000, 59, "EUR", "sel_m_" + UUID.randomUUID(), StripeMetadata.KIND_COURSE,
                "usr_m", Instant.parse("2026-02-01T00:00:00Z")));
        long id = dev.tessera.ledger.LedgerDb.longValue(dataSource,
                "select id from journal_transaction where source_id = ? and kind = 'charge'", charge);
        asFinance().body(Map.of("reason", "no")).when().post("/journal/transactions/" + id + "/reversal").then()
                .statusCode(409).body("code", equalTo("ledger.not_reversible"));
        asFinance().body(Map.of("reason", "no")).when().post("/journal/transactions/999999999/reversal").then()
                .statusCode(404).body("code", equalTo("ledger.transaction_not_found"));
    }

    @Test
    void invalidManualPostingsAreRefusedWithProblemJsonAndPostNothing() {
        asFinance().body(Map.of("idempotencyKey", "k-" + UUID.randomUUID(), "entries", List.of(
                        entry("stripe_balance", null, "EUR", 100), entry("commission_revenue", null, "EUR", -99))))
                .when().post("/journal/transactions").then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("ledger.unbalanced_transaction"));
        asFinance().body(Map.of("idempotencyKey", "k-" + UUID.randomUUID(), "entries", List.of(
                        entry("money_tree", null, "EUR", 100), entry("commission_revenue", null, "EUR", -100))))
                .when().post("/journal/transactions").then().statusCode(422).body("code", equalTo("ledger.invalid_entry"))
                .body("errors[0].field", equalTo("entries[0].accountType"));
        asFinance().body(Map.of("idempotencyKey", "k-" + UUID.randomUUID(), "entries", List.of(
                        entry("seller_payable_available", null, "EUR", 100), entry("commission_revenue", null, "EUR", -100))))
                .when().post("/journal/transactions").then().statusCode(422)
                .body("errors[0].field", equalTo("entries[0].ownerId"));
        asFinance().body(Map.of("idempotencyKey", "k-" + UUID.randomUUID(), "entries", List.of(
                        entry("stripe_balance", null, "XYZ", 100), entry("commission_revenue", null, "XYZ", -100))))
                .when().post("/journal/transactions").then().statusCode(422)
                .body("errors[0].field", equalTo("entries[0].currency"));
        asFinance().body(Map.of("entries", List.of())).when().post("/journal/transactions").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"));
        asFinance().body("{\"idempotencyKey\": ").when().post("/journal/transactions").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(TestJwt.seller("s", "sel_x")).contentType("application/json")
                .body(Map.of("idempotencyKey", "x", "entries", List.of())).when().post("/journal/transactions").then()
                .statusCode(403);
    }
}
