package dev.tessera.membership;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tessera.membership.StripeData.event;
import static dev.tessera.membership.StripeData.subscription;
import static dev.tessera.membership.StripeData.tier;
import static dev.tessera.membership.StripeData.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeMetadata;
import dev.tessera.events.membership.SellerPlanChanged;
import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.TestJwt;
import dev.tessera.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Members cancel at period end and resume through Stripe; sellers' platform plans set the commission. */
@QuarkusTest
class MemberRequestsAndPlansTest {

    @Inject
    DataSource dataSource;

    @Test
    void aMemberCancelsAtPeriodEndAndResumesThroughStripe() {
        WireMockServer stripe = StripeApiTestResource.server();
        String user = unique("usr");
        String sub = unique("sub");
        Instant periodEnd = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> meta = tier(unique("sel"), unique("grp"), "off_gold", user, unique("chk"));
        Flows.activeSubscription(sub, meta, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(10)));
        Db.awaitStatus(dataSource, sub, "active");
        String id = Db.membershipOf(dataSource, sub);
        stripe.stubFor(post(urlPathEqualTo("/v1/subscriptions/" + sub)).withRequestBody(containing("cancel_at_period_end=true"))
                .willReturn(okJson(EventJson.write(subscription(sub, "active", meta, true, periodEnd, null)))));
        stripe.stubFor(post(urlPathEqualTo("/v1/subscriptions/" + sub)).withRequestBody(containing("cancel_at_period_end=false"))
                .willReturn(okJson(EventJson.write(subscription(sub, "active", meta, false, periodEnd, null)))));

        given().auth().oauth2(TestJwt.member(unique("usr"))).when().post("/me/memberships/" + id + "/cancel").then()
                .statusCode(404);
        given().auth().oauth2(TestJwt.member(user)).when().post("/me/memberships/" + id + "/cancel").then().statusCode(200)
                .body("cancelAtPeriodEnd", equalTo(true)).body("status", equalTo("active"));
        given().auth().oauth2(TestJwt.member(user)).when().post("/me/memberships/" + id + "/cancel").then().statusCode(200)
                .body("cancelAtPeriodEnd", equalTo(true));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/subscriptions/" + sub))
                .withHeader("Idempotency-Key", equalToKey("tessera-membership:" + id + ":cancel-request:1:cancel_at_period_end=true")));

        given().auth().oauth2(TestJwt.member(user)).when().post("/me/memberships/" + id + "/resume").then().statusCode(200)
                .body("cancelAtPeriodEnd", equalTo(false));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/subscriptions/" + sub))
                .withHeader("Idempotency-Key", equalToKey("tessera-membership:" + id + ":cancel-request:2:cancel_at_period_end=false")));
        given().auth().oauth2(TestJwt.member(user)).queryParam("resource", "tier:off_gold").when().get("/access").then()
                .statusCode(200).body("allowed", equalTo(true));

        // an ended membership cannot be cancelled again
        TopicWriter.sendStripeEvent(event("customer.subscription.deleted",
                subscription(sub, "canceled", meta, false, periodEnd, "cancellation_requested"), Instant.now()));
        Db.awaitStatus(dataSource, sub, "cancelled");
        given().auth().oauth2(TestJwt.member(user)).when().post("/me/memberships/" + id + "/resume").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("membership.not_cancellable"));
    }

    @Test
    void aSellersPlatformPlanSetsItsCommissionUntilItEnds() {
        String seller = unique("sel");
        String sub = unique("sub_plan");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(StripeMetadata.SELLER_ID, seller);
        meta.put(StripeMetadata.OFFERING_ID, "off_platform_pro");
        meta.put(StripeMetadata.OFFERING_KIND, StripeMetadata.KIND_PLATFORM_PLAN);
        meta.put(StripeMetadata.PLAN, "pro");
        meta.put(StripeMetadata.COMMISSION_BPS, "500");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(5));
        Flows.activeSubscription(sub, meta, start);

        List<DomainEvent> changes = Flows.awaitEvents(e -> e.type().equals("seller.plan.changed") && seller.equals(e.subject()), 1);
        SellerPlanChanged pro = changes.get(0).dataAs(SellerPlanChanged.class);
        assertThat(pro.plan()).isEqualTo("pro");
        assertThat(pro.commissionRateBasisPoints()).isEqualTo(500);
        assertThat(pro.effectiveAt()).isEqualTo(start);

        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TopicWriter.sendStripeEvent(event("customer.subscription.deleted",
                subscription(sub, "canceled", meta, false, end, "cancellation_requested"), end));
        changes = Flows.awaitEvents(e -> e.type().equals("seller.plan.changed") && seller.equals(e.subject()), 2);
        SellerPlanChanged free = changes.get(1).dataAs(SellerPlanChanged.class);
        assertThat(free.plan()).isEqualTo("free");
        assertThat(free.commissionRateBasisPoints()).isEqualTo(1000);
        assertThat(free.effectiveAt()).isEqualTo(end);
        assertThat(free.membershipId()).isNull();
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern equalToKey(String key) {
        return com.github.tomakehurst.wiremock.client.WireMock.equalTo(key);
    }
}
