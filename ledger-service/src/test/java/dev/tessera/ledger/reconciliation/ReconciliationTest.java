package dev.tessera.ledger.reconciliation;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeMetadata;
import dev.tessera.ledger.Seed;
import dev.tessera.ledger.posting.domain.ChargePoster;
import dev.tessera.ledger.posting.domain.TransferPoster;
import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Stripe's balance transactions of a period against the journal: every difference found, with its cause. */
@QuarkusTest
class ReconciliationTest {

    @Inject
    ChargePoster charges;

    @Inject
    TransferPoster transfers;

    @Test
    void everyDifferenceIsReportedWithItsCause() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // a window no other test posts into
        Instant from = Instant.parse("2024-01-01T00:00:00Z").plus(ThreadLocalRandom.current().nextInt(0, 8_000), ChronoUnit.HOURS);
        Instant to = from.plus(1, ChronoUnit.HOURS);
        Instant at = from.plus(10, ChronoUnit.MINUTES);
        String seller = "sel_rec_" + run;
        Seed.post(charges, Seed.charge("ch_ok_" + run, 10_000, 320, "EUR", seller, StripeMetadata.KIND_COURSE, "u", at));
        Seed.post(charges, Seed.charge("ch_fee_" + run, 5_000, 175, "EUR", seller, StripeMetadata.KIND_COURSE, "u", at));
        Seed.transfer(transfers, "tr_gone_" + run, 1_000, "EUR", seller, at);

        ObjectNode ok = Seed.balanceTransaction("txn_ch_ok_" + run, 10_000, 320, "EUR", at, at).put("type", "charge")
                .put("source", "ch_ok_" + run);
        ObjectNode wrongFee = Seed.balanceTransaction("txn_ch_fee_" + run, 5_000, 180, "EUR", at, at).put("type", "charge")
                .put("source", "ch_fee_" + run);
        ObjectNode unknownCharge = Seed.balanceTransaction("txn_ch_foreign_" + run, 7_000, 233, "EUR", at, at)
                .put("type", "charge").put("source", "ch_foreign_" + run);
        ObjectNode billingFee = Seed.balanceTransaction("txn_fee_" + run, -999, 0, "EUR", at, at).put("type", "stripe_fee")
                .put("source", (String) null);
        var stripe = StripeApiTestResource.server();
        stripe.stubFor(get(urlPathEqualTo("/v1/balance_transactions"))
                .withQueryParam("created[gte]", equalTo(Long.toString(from.getEpochSecond())))
                .withQueryParam("created[lt]", equalTo(Long.toString(to.getEpochSecond())))
                .withQueryParam("starting_after", absent())
                .willReturn(okJson(list(true, ok, wrongFee))));
        stripe.stubFor(get(urlPathEqualTo("/v1/balance_transactions"))
                .withQueryParam("created[gte]", equalTo(Long.toString(from.getEpochSecond())))
                .withQueryParam("starting_after", equalTo("txn_ch_fee_" + run))
                .willReturn(okJson(list(false, unknownCharge, billingFee))));

        var response = given().auth().oauth2(TestJwt.finance("fin")).contentType("application/json")
                .body(Map.of("from", from.toString(), "to", to.toString())).when().post("/reconciliations").then()
                .statusCode(201).extract();
        assertThat((Integer) response.path("run.stripeCount")).isEqualTo(4);
        assertThat((Integer) response.path("run.matchedCount")).isEqualTo(1);
        List<Map<String, Object>> differences = response.path("differences");
        assertThat(differences).extracting(d -> d.get("cause") + ":" + d.get("stripeBalanceTransaction"))
                .containsExactlyInAnyOrder("fee_mismatch:txn_ch_fee_" + run, "missing_in_ledger:txn_ch_foreign_" + run,
                        "unknown_type:txn_fee_" + run, "missing_in_stripe:txn_tr_gone_" + run);
        Map<String, Object> fee = differences.stream().filter(d -> "fee_mismatch".equals(d.get("cause"))).findFirst().orElseThrow();
        assertThat(fee).containsEntry("stripeFee", 180).containsEntry("ledgerFee", 175);
        stripe.verify(2, getRequestedFor(urlPathEqualTo("/v1/balance_transactions"))
                .withQueryParam("created[gte]", equalTo(Long.toString(from.getEpochSecond()))));

        int runId = response.path("run.id");
        String csv = given().auth().oauth2(TestJwt.finance("fin")).accept("text/csv").when()
                .get("/reconciliations/" + runId).then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")[0]).startsWith("cause,stripe_balance_transaction,");
        assertThat(csv).contains("fee_mismatch,txn_ch_fee_" + run + ",charge,ch_fee_" + run);

        given().auth().oauth2(TestJwt.seller("s", seller)).contentType("application/json")
                .body(Map.of("from", from.toString(), "to", to.toString())).when().post("/reconciliations").then()
                .statusCode(403);
        given().auth().oauth2(TestJwt.finance("fin")).contentType("application/json")
                .body(Map.of("from", to.toString(), "to", from.toString())).when().post("/reconciliations").then()
                .statusCode(400).contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("ledger.invalid_query"));
        given().auth().oauth2(TestJwt.finance("fin")).when().get("/reconciliations/999999").then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("ledger.reconciliation_not_found"));
    }

    private static String list(boolean hasMore, ObjectNode... data) {
        ObjectNode list = EventJson.mapper().createObjectNode().put("object", "list").put("has_more", hasMore)
                .put("url", "/v1/balance_transactions");
        var array = list.putArray("data");
        for (ObjectNode item : data) {
            array.add(item);
        }
        return EventJson.write(list);
    }
}
