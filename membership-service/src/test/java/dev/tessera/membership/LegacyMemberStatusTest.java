package dev.tessera.membership;

import static dev.tessera.membership.StripeData.event;
import static dev.tessera.membership.StripeData.subscription;
import static dev.tessera.membership.StripeData.tier;
import static dev.tessera.membership.StripeData.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.testing.TestJwt;
import dev.tessera.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@code GET /groups/{id}/members/{userId}}: the platform's legacy status, for the group's seller and ops. */
@QuarkusTest
class LegacyMemberStatusTest {

    @Inject
    DataSource dataSource;

    static void status(String token, String group, String user, String status) {
        given().auth().oauth2(token).when().get("/groups/" + group + "/members/" + user).then().statusCode(200)
                .body("groupId", equalTo(group)).body("userId", equalTo(user)).body("status", equalTo(status));
    }

    @Test
    void theGroupsSellerSeesEachMembersLegacyStatus() {
        String seller = unique("sel");
        String group = unique("grp");
        String active = unique("usr");
        String pending = unique("usr");
        String lapsed = unique("usr");
        String switched = unique("usr");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        String activeSub = unique("sub");
        Flows.activeSubscription(activeSub, tier(seller, group, "off_gold", active, unique("chk")), now.minusSeconds(60));
        String pendingSub = unique("sub");
        TopicWriter.sendStripeEvent(event("customer.subscription.created", subscription(pendingSub,
                "incomplete", tier(seller, group, "off_gold", pending, unique("chk")), false, now.plus(Duration.ofDays(30)),
                null), now));
        String lapsedSub = unique("sub");
        Map<String, String> lapsedMeta = tier(seller, group, "off_gold", lapsed, unique("chk"));
        Flows.activeSubscription(lapsedSub, lapsedMeta, now.minus(Duration.ofDays(45)));
        Flows.paymentFailed(lapsedSub, lapsedMeta, now.minus(Duration.ofDays(15)));
        // an old tier that ended, and the one the member holds now
        String oldSub = unique("sub");
        Map<String, String> silver = tier(seller, group, "off_silver", switched, unique("chk"));
        Flows.activeSubscription(oldSub, silver, now.minus(Duration.ofDays(90)));
        TopicWriter.sendStripeEvent(event("customer.subscription.deleted",
                subscription(oldSub, "canceled", silver, false, now.minus(Duration.ofDays(60)), "cancellation_requested"),
                now.minus(Duration.ofDays(60))));
        Db.awaitStatus(dataSource, oldSub, "cancelled");
        String newSub = unique("sub");
        Flows.activeSubscription(newSub, tier(seller, group, "off_gold", switched, unique("chk")), now.minusSeconds(30));

        Db.awaitStatus(dataSource, activeSub, "active");
        Db.awaitStatus(dataSource, pendingSub, "pending");
        Db.awaitStatus(dataSource, lapsedSub, "past_due");
        Db.awaitStatus(dataSource, newSub, "active");

        String token = TestJwt.seller("seller-user", seller);
        status(token, group, active, "active");
        status(token, group, pending, "pending");
        status(token, group, lapsed, "suspended");
        status(token, group, switched, "active");
        given().auth().oauth2(token).when().get("/groups/" + group + "/members/" + switched).then()
                .body("offeringId", equalTo("off_gold")).body("membershipStatus", equalTo("active"));
        status(TestJwt.ops("ops-user"), group, lapsed, "suspended");

        given().auth().oauth2(token).when().get("/groups/" + group + "/members/" + unique("usr")).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("membership.member_not_found"));
        given().auth().oauth2(token).when().get("/groups/" + unique("grp") + "/members/" + active).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("membership.member_not_found"));
        given().auth().oauth2(TestJwt.seller("other-user", unique("sel"))).when()
                .get("/groups/" + group + "/members/" + active).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestJwt.member(active)).when().get("/groups/" + group + "/members/" + active).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.finance("finance-user")).when().get("/groups/" + group + "/members/" + active).then()
                .statusCode(403).contentType("application/problem+json");
        given().when().get("/groups/" + group + "/members/" + active).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
