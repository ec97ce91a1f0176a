package dev.tessera.ledger.credits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.events.StripeMetadata;
import dev.tessera.ledger.Seed;
import dev.tessera.ledger.posting.domain.ChargePoster;
import dev.tessera.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Credit packs credit the buyer; services paid with credits move the price to the seller, less commission. */
@QuarkusTest
class CreditsApiTest {

    @Inject
    ChargePoster charges;

    @Test
    void aBuyerSpendsCreditsOnceAndNeverMoreThanItHas() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String buyer = "usr_c_" + run;
        String seller = "sel_c_" + run;
        Seed.post(charges, Seed.charge("ch_pack_" + run, 5_000, 175, "EUR", "sel_pack_" + run,
                StripeMetadata.KIND_CREDIT_PACK, buyer, Instant.parse("2026-04-01T10:00:00Z")));
        String token = TestJwt.member(buyer);
        given().auth().oauth2(token).when().get("/credits/" + buyer).then().statusCode(200)
                .body("[0].currency", equalTo("EUR")).body("[0].amount", equalTo(5_000)).body("[0].decimal", equalTo("50.00"));

        Map<String, Object> redemption = Map.of("redemptionId", "rd_" + run, "sellerId", seller, "offeringId", "off_yoga",
                "amount", 2_000, "currency", "eur");
        given().auth().oauth2(token).contentType("application/json").body(redemption).when()
                .post("/credits/" + buyer + "/redemptions").then().statusCode(201).body("remaining", equalTo(3_000));
        given().auth().oauth2(token).contentType("application/json").body(redemption).when()
                .post("/credits/" + buyer + "/redemptions").then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("redemptionId", "rd2_" + run, "sellerId", seller, "amount", 4_000, "currency", "EUR")).when()
                .post("/credits/" + buyer + "/redemptions").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("ledger.insufficient_credits")).body("available", equalTo(3_000));
        given().auth().oauth2(TestJwt.member("usr_someone_else")).contentType("application/json").body(redemption).when()
                .post("/credits/" + buyer + "/redemptions").then().statusCode(403);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("redemptionId", "rd3_" + run, "sellerId", seller, "amount", -5, "currency", "EUR")).when()
                .post("/credits/" + buyer + "/redemptions").then().statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(token).when().get("/credits/" + buyer).then().statusCode(200).body("[0].amount", equalTo(3_000));
        // the seller earned the price less 10% commission, available at once
        given().auth().oauth2(TestJwt.seller("s", seller)).when().get("/reports/sellers/" + seller + "/balances").then()
                .statusCode(200).body("[0].available", equalTo(1_800)).body("[0].pending", equalTo(0));
    }
}
