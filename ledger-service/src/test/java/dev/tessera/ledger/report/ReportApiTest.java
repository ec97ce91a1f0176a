package dev.tessera.ledger.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.events.StripeMetadata;
import dev.tessera.ledger.Seed;
import dev.tessera.ledger.posting.domain.ChargePoster;
import dev.tessera.ledger.posting.domain.RefundPoster;
import dev.tessera.ledger.posting.domain.TransferPoster;
import dev.tessera.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports: numbers, buckets, who may see what, CSV shape, and problem+json for bad input. */
@QuarkusTest
class ReportApiTest {

    @Inject
    ChargePoster charges;

    @Inject
    RefundPoster refunds;

    @Inject
    TransferPoster transfers;

    private String seller;
    private String run;

    @BeforeEach
    void seed() {
        run = UUID.randomUUID().toString().substring(0, 8);
        seller = "sel_r_" + run;
        // 2026-03-02 is a Monday; two sales in March, a partial refund, a transfer (default commission 10%)
        Seed.post(charges, Seed.charge("ch_r1_" + run, 10_000, 320, "EUR", seller, StripeMetadata.KIND_EVENT_TICKET, "usr_1",
                Instant.parse("2026-03-02T10:00:00Z")));
        Seed.post(charges, Seed.charge("ch_r2_" + run, 5_000, 175, "EUR", seller, StripeMetadata.KIND_COURSE, "usr_2",
                Instant.parse("2026-03-10T10:00:00Z")));
        Seed.refund(refunds, "re_r2_" + run, "ch_r2_" + run, 1_000, "EUR", Instant.parse("2026-03-11T09:00:00Z"));
        Seed.transfer(transfers, "tr_r_" + run, 2_000, "EUR", seller, Instant.parse("2026-03-20T09:00:00Z"));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static String finance() {
        return TestJwt.finance("fin-user");
    }

    @Test
    void earningsByDayWeekAndMonthAddUp() {
        String path = "/reports/sellers/" + seller + "/earnings";
        as(finance()).queryParam("from", "2026-03-01").queryParam("to", "2026-04-01").when().get(path).then()
                .statusCode(200).contentType("application/json")
                .body("rows", hasSize(3))
                .body("rows[0].period", equalTo("2026-03-02")).body("rows[0].gross", equalTo(10_000))
                .body("rows[0].commission", equalTo(1_000)).body("rows[0].net", equalTo(9_000))
                .body("rows[2].period", equalTo("2026-03-11")).body("rows[2].refunds", equalTo(1_000))
                .body("totals[0].currency", equalTo("EUR")).body("totals[0].gross", equalTo(15_000))
                .body("totals[0].stripeFees", equalTo(495)).body("totals[0].commission", equalTo(1_400))
                .body("totals[0].refunds", equalTo(1_000)).body("totals[0].net", equalTo(12_600));
        as(finance()).queryParam("from", "2026-03-01").queryParam("to", "2026-04-01").queryParam("granularity", "week")
                .when().get(path).then().statusCode(200).body("rows", hasSize(2))
                .body("rows[1].period", equalTo("2026-03-09")).body("rows[1].net", equalTo(3_600));
        as(finance()).queryParam("from", "2026-03-01").queryParam("to", "2026-04-01").queryParam("granularity", "month")
                .when().get(path).then().statusCode(200).body("rows", hasSize(1)).body("rows[0].net", equalTo(12_600));
    }

    @Test
    void aSellerSeesItsOwnReportsAndNoOneElses() {
        String own = TestJwt.seller("seller-user", seller);
        String other = TestJwt.seller("other-user", "sel_other_" + run);
        String path = "/reports/sellers/" + seller + "/earnings?from=2026-03-01&to=2026-04-01";
        as(own).when().get(path).then().statusCode(200).body("totals[0].net", equalTo(12_600));
        as(own).when().get("/reports/sellers/" + seller + "/balances").then().statusCode(200)
                .body("[0].paidOut", equalTo(2_000));
        as(other).when().get(path).then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("forbidden"));
        as(other).when().get("/reports/sellers/" + seller + "/transactions").then().statusCode(403);
        as(TestJwt.member("usr_1")).when().get(path).then().statusCode(403).contentType("application/problem+json");
        given().when().get(path).then().statusCode(401).contentType("application/problem+json");
        // finance-only reports
        as(own).when().get("/reports/trial-balance").then().statusCode(403).contentType("application/problem+json");
        as(own).when().get("/reports/platform-revenue").then().statusCode(403);
        as(own).when().get("/reports/commissions").then().statusCode(403);
        as(own).queryParam("sellerId", seller).queryParam("from", "2026-03-01").queryParam("to", "2026-04-01")
                .when().get("/reports/commissions").then().statusCode(200)
                .body("rows.commission.sum()", equalTo(1_400));
        as(other).queryParam("sellerId", seller).when().get("/reports/commissions").then().statusCode(403);
        as(TestJwt.member("usr_1")).when().get("/reports/transactions").then().statusCode(403);
    }

    @Test
    void csvIsRfc4180WithDecimalAmountsAndAHeaderRow() {
        String path = "/reports/sellers/" + seller + "/earnings?from=2026-03-01&to=2026-04-01";
        String csv = as(finance()).accept("text/csv").when().get(path).then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", startsWith("attachment"))
                .extract().asString();
        String viaParam = as(finance()).when().get(path + "&format=csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(viaParam).isEqualTo(csv);
        String[] lines = csv.split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("period,currency,gross,stripe_fees,commission,refunds,disputes,net,sales,"
                + "refund_count,dispute_count");
        assertThat(lines[1]).isEqualTo("2026-03-02,EUR,100.00,3.20,10.00,0.00,0.00,90.00,1,0,0");
        assertThat(lines[3]).isEqualTo("2026-03-11,EUR,0.00,0.00,-1.00,10.00,0.00,-9.00,0,1,0");
        assertThat(lines).hasSize(5); // header, three rows, and the empty string after the final CRLF
        assertThat(lines[4]).isEmpty();

        String transactions = as(finance()).accept("text/csv").when()
                .get("/reports/sellers/" + seller + "/transactions?limit=200").then().statusCode(200).extract().asString();
        assertThat(transactions.split("\r\n")[0])
                .isEqualTo("transaction_id,occurred_at,kind,source_id,seller_id,account,currency,debit,credit,description");
        assertThat(transactions).contains(",seller_payable_pending:" + seller + ":EUR,EUR,,90.00,");

        String statement = as(finance()).when().get("/reports/sellers/" + seller + "/statements/2026?format=csv").then()
                .statusCode(200).extract().asString();
        assertThat(statement).contains("EUR,opening balance,").contains("EUR,march,150.00,4.95,14.00,10.00,0.00,126.00")
                .contains("EUR,closing balance,");
        as(finance()).when().get("/reports/trial-balance?format=csv").then().statusCode(200)
                .contentType(startsWith("text/csv"));
    }

    @Test
    void transactionsPageWithACursorWithoutGapsOrRepeats() {
        List<Integer> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(finance()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/reports/sellers/" + seller + "/transactions").then().statusCode(200).extract();
            ids.addAll(page.path("transactions.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(4).isSortedAccordingTo((x, y) -> y - x);
    }

    @Test
    void theTrialBalanceBalancesInEveryCurrency() {
        as(finance()).when().get("/reports/trial-balance").then().statusCode(200)
                .body("totals.findAll { !it.balanced }", hasSize(0))
                .body("accounts.find { it.account == 'seller_paid_out:" + seller + ":EUR' }.normalBalance", equalTo(2_000));
        as(finance()).queryParam("asOf", "2026-03-05").when().get("/reports/trial-balance").then().statusCode(200)
                .body("totals.findAll { !it.balanced }", hasSize(0))
                .body("accounts.find { it.account == 'seller_paid_out:" + seller + ":EUR' }", equalTo(null));
        as(finance()).queryParam("from", "2026-03-01").queryParam("to", "2026-04-01").queryParam("granularity", "month")
                .when().get("/reports/platform-revenue").then().statusCode(200)
                .body("rows.find { it.period == '2026-03-01' && it.currency == 'EUR' }.commission", org.hamcrest.Matchers.notNullValue());
        as(finance()).when().get("/reports/sellers/" + seller + "/statements/2026").then().statusCode(200)
                .body("currencies[0].total.net", equalTo(12_600)).body("currencies[0].transferred", equalTo(2_000))
                .body("currencies[0].opening.available", equalTo(0));
    }

    @Test
    void badInputAnswersProblemJson() {
        String path = "/reports/sellers/" + seller + "/earnings";
        as(finance()).queryParam("from", "yesterday").when().get(path).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("ledger.invalid_query"))
                .body("errors[0].field", equalTo("from"));
        as(finance()).queryParam("granularity", "year").when().get(path).then().statusCode(400)
                .body("errors[0].field", equalTo("granularity"));
        as(finance()).queryParam("from", "2026-03-10").queryParam("to", "2026-03-01").when().get(path).then().statusCode(400);
        as(finance()).queryParam("from", "2020-01-01").queryParam("to", "2026-01-01").when().get(path).then().statusCode(400);
        as(finance()).queryParam("format", "xml").when().get(path).then().statusCode(400)
                .contentType("application/problem+json");
        as(finance()).accept("application/xml").when().get(path).then().statusCode(406)
                .contentType("application/problem+json");
        as(finance()).queryParam("limit", 0).when().get("/reports/transactions").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as(finance()).queryParam("cursor", "!!!").when().get("/reports/transactions").then().statusCode(400)
                .contentType("application/problem+json");
        as(finance()).when().get("/reports/sellers/" + seller + "/statements/twenty").then().statusCode(400);
        as(finance()).queryParam("asOf", "soon").when().get("/reports/trial-balance").then().statusCode(400);
    }
}
