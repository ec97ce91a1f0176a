package dev.tessera.membership;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tessera.membership.StripeData.event;
import static dev.tessera.membership.StripeData.invoice;
import static dev.tessera.membership.StripeData.subscription;
import static dev.tessera.membership.StripeData.tier;
import static dev.tessera.membership.StripeData.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeMetadata;
import dev.tessera.events.membership.TierSwitched;
import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.TestJwt;
import dev.tessera.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TierSwitchTest {

    @Inject
    DataSource dataSource;

    WireMockServer stripe() {
        return StripeApiTestResource.server();
    }

    void stubCancel(String sub, Map<String, String> meta) {
        stripe().stubFor(WireMock.delete(urlPathEqualTo("/v1/subscriptions/" + sub)).willReturn(okJson(EventJson.write(
                subscription(sub, "canceled", meta, false, Instant.now(), "cancellation_requested")))));
    }

    @Test
    void aReplacingSubscriptionCancelsTheOldOneExactlyOnce() throws InterruptedException {
        String seller = unique("sel");
        String group = unique("grp");
        String user = unique("usr");
        String oldSub = unique("sub_silver");
        String newSub = unique("sub_gold");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> silver = tier(seller, group, "off_silver", user, unique("chk"));
        Map<String, String> gold = new java.util.LinkedHashMap<>(tier(seller, group, "off_gold", user, unique("chk")));
        gold.put(StripeMetadata.REPLACES_SUBSCRIPTION, oldSub);
        stubCancel(oldSub, silver);

        Flows.activeSubscription(oldSub, silver, now.minus(Duration.ofDays(10)));
        Db.awaitStatus(dataSource, oldSub, "active");

        String activation = event("customer.subscription.created",
                subscription(newSub, "active", gold, false, now.plus(Duration.ofDays(30)), null), now.minusSeconds(2));
        TopicWriter.sendStripeEvent(activation);
        TopicWriter.sendStripeEvent(activation);
        TopicWriter.sendStripeEvent(event("invoice.paid",
                invoice(unique("in"), newSub, gold, "subscription_create", now.plus(Duration.ofDays(30))), now.minusSeconds(2)));
        TopicWriter.sendStripeEvent(event("customer.subscription.updated",
                subscription(newSub, "active", gold, false, now.plus(Duration.ofDays(30)), null), now.minusSeconds(1)));

        Db.awaitStatus(dataSource, newSub, "active");
        Db.awaitStatus(dataSource, oldSub, "cancelled");
        assertThat(Db.text(dataSource, "select status_reason from membership where stripe_subscription_id = ?", oldSub))
                .isEqualTo("tier_switched");
        Db.awaitValue(() -> stripe().findAll(deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + oldSub))).size(),
                n -> n >= 1);

        // Stripe confirms the cancellation, and the activation comes again (a replay): nothing is sent twice
        TopicWriter.sendStripeEvent(event("customer.subscription.deleted",
                subscription(oldSub, "canceled", silver, false, now, "cancellation_requested"), now));
        TopicWriter.sendStripeEvent(event("customer.subscription.updated",
                subscription(newSub, "active", gold, false, now.plus(Duration.ofDays(30)), null), now));
        Db.awaitValue(() -> Db.count(dataSource, "select count(*) from membership_fact f join membership m on m.id = f.membership_id "
                + "where m.stripe_subscription_id in (?, ?)", oldSub, newSub), n -> n >= 7);
        Thread.sleep(1500);
        stripe().verify(1, deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + oldSub))
                .withHeader("Idempotency-Key", matching("tessera-membership:tier-switch:" + oldSub + ":mbr_[0-9a-f]+:prorate=true:invoice_now=false"))
                .withQueryParam("prorate", equalTo2("true")));
        assertThat(Db.rows(dataSource, "select status, cause from subscription_cancellation where subscription_id = ?", oldSub))
                .containsExactly(List.of("done", "tier_switch"));
        assertThat(Db.count(dataSource, "select count(*) from membership where group_id = ? and user_id = ? "
                + "and status in ('active', 'past_due')", group, user)).isEqualTo(1);

        String token = TestJwt.member(user);
        given().auth().oauth2(token).queryParam("resource", "tier:off_gold").when().get("/access").then().statusCode(200)
                .body("allowed", equalTo(true));
        given().auth().oauth2(token).queryParam("resource", "tier:off_silver").when().get("/access").then().statusCode(200)
                .body("allowed", equalTo(false));
        given().auth().oauth2(token).queryParam("resource", "group:" + group).when().get("/access").then().statusCode(200)
                .body("allowed", equalTo(true));

        String newId = Db.membershipOf(dataSource, newSub);
        List<DomainEvent> switched = Flows.awaitEvents(e -> e.type().equals("membership.tier_switched")
                && newId.equals(e.subject()), 1);
        assertThat(switched).hasSize(1);
        TierSwitched data = switched.get(0).dataAs(TierSwitched.class);
        assertThat(data.fromSubscriptionId()).isEqualTo(oldSub);
        assertThat(data.toOfferingId()).isEqualTo("off_gold");
        assertThat(data.fromOfferingId()).isEqualTo("off_silver");
    }

    @Test
    void twoActiveMembershipsInOneGroupNeverCoexistTheNewestWins() {
        String seller = unique("sel");
        String group = unique("grp");
        String user = unique("usr");
        String first = unique("sub_a");
        String second = unique("sub_b");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> a = tier(seller, group, "off_a", user, unique("chk"));
        Map<String, String> b = tier(seller, group, "off_b", user, unique("chk"));
        stubCancel(first, a);

        // the newer one arrives first: the older one is superseded when it shows up, whatever the order
        Flows.activeSubscription(second, b, now.minusSeconds(60));
        Db.awaitStatus(dataSource, second, "active");
        Flows.activeSubscription(first, a, now.minus(Duration.ofDays(3)));

        Db.awaitStatus(dataSource, first, "cancelled");
        assertThat(Db.status(dataSource, second)).isEqualTo("active");
        Db.awaitValue(() -> stripe().findAll(deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + first))).size(),
                n -> n == 1);
        assertThat(stripe().findAll(deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + second)))).isEmpty();
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern equalTo2(String value) {
        return WireMock.equalTo(value);
    }
}
