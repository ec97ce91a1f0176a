package dev.tessera.membership;

import static dev.tessera.membership.StripeData.tier;
import static dev.tessera.membership.StripeData.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.tessera.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Past due keeps access through the grace period; sellers see their group's members, and only theirs. */
@QuarkusTest
class GracePeriodAndMembersTest {

    @Inject
    DataSource dataSource;

    @Test
    void pastDueKeepsAccessUntilTheGracePeriodEnds() {
        String seller = unique("sel");
        String group = unique("grp");
        String recent = unique("usr");
        String longAgo = unique("usr");
        String recentSub = unique("sub");
        String longAgoSub = unique("sub");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var recentMeta = tier(seller, group, "off_gold", recent, unique("chk"));
        var longAgoMeta = tier(seller, group, "off_gold", longAgo, unique("chk"));

        Flows.activeSubscription(recentSub, recentMeta, now.minus(Duration.ofDays(40)));
        Flows.paymentFailed(recentSub, recentMeta, now.minus(Duration.ofDays(1)));
        Flows.activeSubscription(longAgoSub, longAgoMeta, now.minus(Duration.ofDays(45)));
        Flows.paymentFailed(longAgoSub, longAgoMeta, now.minus(Duration.ofDays(15)));
        Db.awaitStatus(dataSource, recentSub, "past_due");
        Db.awaitStatus(dataSource, longAgoSub, "past_due");

        Instant graceEnd = now.minus(Duration.ofDays(1)).plus(Duration.ofDays(14));
        String until = given().auth().oauth2(TestJwt.member(recent)).queryParam("resource", "group:" + group).when()
                .get("/access").then().statusCode(200).body("allowed", equalTo(true)).extract().path("validUntil");
        assertThat(Instant.parse(until)).isEqualTo(graceEnd);
        given().auth().oauth2(TestJwt.member(longAgo)).queryParam("resource", "group:" + group).when().get("/access").then()
                .statusCode(200).body("allowed", equalTo(false));

        given().auth().oauth2(TestJwt.member(recent)).when().get("/me/memberships").then().statusCode(200)
                .body("", hasSize(1)).body("[0].status", equalTo("past_due")).body("[0].legacyStatus", equalTo("active"))
                .body("[0].graceUntil", notNullValue());
        given().auth().oauth2(TestJwt.member(longAgo)).when().get("/me/memberships").then().statusCode(200)
                .body("[0].legacyStatus", equalTo("suspended"));

        // paid again: active, access without an end
        Flows.activeSubscription(recentSub, recentMeta, now);
        Db.awaitStatus(dataSource, recentSub, "active");
        given().auth().oauth2(TestJwt.member(recent)).queryParam("resource", "tier:off_gold").when().get("/access").then()
                .statusCode(200).body("allowed", equalTo(true)).body("validUntil", nullValue());
    }

    @Test
    void aSellerListsItsGroupsMembersPageByPageAndNoOneElsesGroup() {
        String seller = unique("sel");
        String group = unique("grp");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> subs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String sub = unique("sub");
            subs.add(sub);
            Flows.activeSubscription(sub, tier(seller, group, "off_gold", unique("usr"), unique("chk")), now.minusSeconds(100));
        }
        String failing = subs.get(2);
        Flows.paymentFailed(failing, tier(seller, group, "off_gold", null, null), now);
        Db.awaitStatus(dataSource, subs.get(0), "active");
        Db.awaitStatus(dataSource, subs.get(1), "active");
        Db.awaitStatus(dataSource, failing, "past_due");

        String token = TestJwt.seller("seller-user", seller);
        var first = given().auth().oauth2(token).queryParam("limit", 2).when().get("/groups/" + group + "/members").then()
                .statusCode(200).body("members", hasSize(2)).body("nextCursor", notNullValue()).extract();
        given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", (String) first.path("nextCursor")).when()
                .get("/groups/" + group + "/members").then().statusCode(200).body("members", hasSize(1))
                .body("nextCursor", nullValue());
        given().auth().oauth2(token).queryParam("status", "past_due").when().get("/groups/" + group + "/members").then()
                .statusCode(200).body("members", hasSize(1)).body("members[0].legacyStatus", equalTo("active"));

        given().auth().oauth2(TestJwt.seller("other-user", unique("sel"))).when().get("/groups/" + group + "/members").then()
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
        given().auth().oauth2(TestJwt.member(unique("usr"))).when().get("/groups/" + group + "/members").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.ops("ops-user")).when().get("/groups/" + group + "/members").then().statusCode(200)
                .body("members", hasSize(3));
        given().auth().oauth2(token).queryParam("limit", 0).when().get("/groups/" + group + "/members").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(token).queryParam("status", "gone").when().get("/groups/" + group + "/members").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("status"));
    }

    @Test
    void badInputAnswersProblemJson() {
        given().when().get("/access?resource=group:x").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.member("u1")).queryParam("resource", "everything").when().get("/access").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("membership.invalid_resource")).body("errors[0].field", equalTo("resource"));
        given().auth().oauth2(TestJwt.member("u1")).when().get("/access").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(TestJwt.member("u1")).when().get("/memberships/mbr_nope").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("membership.not_found"));
        given().auth().oauth2(TestJwt.member("u1")).when().post("/me/memberships/mbr_nope/cancel").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("membership.not_found"));
        given().auth().oauth2(TestJwt.member("u1")).when().get("/ops/dlq/stripe.billing").then().statusCode(403);
    }
}
