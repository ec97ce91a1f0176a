package dev.tessera.membership;

import static dev.tessera.membership.StripeData.event;
import static dev.tessera.membership.StripeData.invoice;
import static dev.tessera.membership.StripeData.session;
import static dev.tessera.membership.StripeData.subscription;
import static dev.tessera.membership.StripeData.tier;
import static dev.tessera.membership.StripeData.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TestJwt;
import dev.tessera.testing.TopicReader;
import dev.tessera.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.tessera.events.EventJson;

/**
 * A subscription's whole story (checkout completed, subscription created, invoice paid, updated, payment
 * failed, paid again, deleted), delivered in order for one subscription and shuffled and duplicated for
 * another: the same final state and the same history.
 */
@QuarkusTest
class SubscriptionStoryTest {

    @Inject
    DataSource dataSource;

    record Delivery(String topic, String key, String json) {
    }

    /** The story of one subscription; every event has its own id, created at fixed offsets from {@code t0}. */
    static List<Delivery> story(String sub, String user, String seller, String group, Instant t0) {
        Map<String, String> meta = tier(seller, group, "off_gold", user, unique("chk"));
        String session = unique("cs_test");
        Instant month1 = t0.plus(Duration.ofDays(30));
        Instant month2 = t0.plus(Duration.ofDays(60));
        String billing = Topics.STRIPE_BILLING;
        return List.of(
                new Delivery(Topics.STRIPE_CHECKOUT, session, event("checkout.session.completed",
                        session(session, "subscription", sub, null, "paid", meta, "member@example.com"), t0)),
                new Delivery(billing, sub, event("customer.subscription.created",
                        subscription(sub, "incomplete", meta, false, month1, null), t0)),
                new Delivery(billing, sub, event("invoice.paid",
                        invoice(unique("in"), sub, meta, "subscription_create", month1), t0.plusSeconds(1))),
                new Delivery(billing, sub, event("customer.subscription.updated",
                        subscription(sub, "active", meta, false, month1, null), t0.plusSeconds(1))),
                new Delivery(billing, sub, event("invoice.payment_failed",
                        invoice(unique("in"), sub, meta, "subscription_cycle", month2), t0.plusSeconds(100))),
                new Delivery(billing, sub, event("customer.subscription.updated",
                        subscription(sub, "past_due", meta, false, month1, null), t0.plusSeconds(100))),
                new Delivery(billing, sub, event("invoice.paid",
                        invoice(unique("in"), sub, meta, "subscription_cycle", month2), t0.plusSeconds(200))),
                new Delivery(billing, sub, event("customer.subscription.updated",
                        subscription(sub, "active", meta, false, month2, null), t0.plusSeconds(200))),
                new Delivery(billing, sub, event("customer.subscription.deleted",
                        subscription(sub, "canceled", meta, false, month2, "cancellation_requested"), t0.plusSeconds(300))));
    }

    @Test
    void inOrderAndShuffledAndDuplicatedGiveTheSameStateAndHistory() {
        Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String seller = unique("sel");
        String group = unique("grp");
        String inOrderSub = unique("sub_story");
        String shuffledSub = unique("sub_story");
        String user = unique("usr");
        String otherUser = unique("usr");

        story(inOrderSub, user, seller, group, t0).forEach(d -> TopicWriter.send(d.topic(), d.key(), d.json(),
                TopicWriter.stripeEventHeaders(EventJson.tree(d.json()))));

        List<Delivery> shuffled = new ArrayList<>(story(shuffledSub, otherUser, seller, group, t0));
        shuffled.addAll(shuffled);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(d -> TopicWriter.send(d.topic(), d.key(), d.json(),
                TopicWriter.stripeEventHeaders(EventJson.tree(d.json()))));

        String inOrder = Db.membershipOf(dataSource, inOrderSub);
        String reordered = Db.membershipOf(dataSource, shuffledSub);
        Db.awaitValue(() -> Db.count(dataSource, "select count(*) from membership_fact where membership_id = ?", inOrder),
                n -> n == 9);
        Db.awaitValue(() -> Db.count(dataSource, "select count(*) from membership_fact where membership_id = ?", reordered),
                n -> n == 9);

        String history = "select from_status, to_status, reason, effective_at from membership_transition "
                + "where membership_id = ? order by seq";
        List<List<String>> expected = Db.rows(dataSource, history, inOrder);
        assertThat(expected).extracting(row -> row.get(0) + ">" + row.get(1) + ":" + row.get(2)).containsExactly(
                "null>pending:subscription_created",
                "pending>active:checkout_completed",
                "active>past_due:invoice_payment_failed",
                "past_due>active:invoice_paid",
                "active>cancelled:cancellation_requested");
        assertThat(Db.rows(dataSource, history, reordered)).isEqualTo(expected);

        String state = "select status, cancel_at_period_end, current_period_end, renewals, activated_at, status_changed_at "
                + "from membership where id = ?";
        assertThat(Db.rows(dataSource, state, reordered)).isEqualTo(Db.rows(dataSource, state, inOrder));
        assertThat(Db.status(dataSource, inOrderSub)).isEqualTo("cancelled");

        // the API tells the member the same story, and access is gone
        given().auth().oauth2(TestJwt.member(user)).when().get("/memberships/" + inOrder).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("cancelled"))
                .body("legacyStatus", org.hamcrest.Matchers.equalTo("suspended"))
                .body("history.size()", org.hamcrest.Matchers.equalTo(5))
                .body("history[1].causeEventId", org.hamcrest.Matchers.startsWith("evt_test_"));
        given().auth().oauth2(TestJwt.member(user)).queryParam("resource", "group:" + group).when().get("/access").then()
                .statusCode(200).body("allowed", org.hamcrest.Matchers.equalTo(false));

        // what the in-order delivery published: the lifecycle, and the grant and its revocation
        List<String> types = Db.awaitValue(() -> TopicReader.readAll(TesseraInfra.get().kafkaBootstrapServers(),
                        Topics.MEMBERSHIP_EVENTS, Duration.ofMillis(300)).stream()
                .map(r -> DomainEvent.fromJson(r.value()))
                .filter(e -> inOrder.equals(e.subject()) || inOrder.equals(e.data().path("sourceId").asText()))
                .map(DomainEvent::type).toList(), list -> list.contains("membership.cancelled")
                && list.contains("entitlement.revoked"));
        assertThat(types).containsSubsequence("membership.activated", "membership.past_due", "membership.renewed",
                "membership.cancelled");
        assertThat(types).containsSubsequence("entitlement.granted", "entitlement.revoked");
        assertThat(types.stream().filter("membership.activated"::equals)).hasSize(1);
    }

    @Test
    void eventsThatTieAndDisagreeAreDecidedByAskingStripeForTheConnectedAccount() {
        String sub = unique("sub_tie");
        String account = unique("acct");
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        Instant periodEnd = at.plus(Duration.ofDays(30));
        Map<String, String> meta = tier(unique("sel"), unique("grp"), "off_gold", unique("usr"), unique("chk"));
        var stripe = StripeApiTestResource.server();
        stripe.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/subscriptions/" + sub))
                .withHeader("Stripe-Account", WireMock.equalTo(account))
                .willReturn(WireMock.okJson(EventJson.write(subscription(sub, "active", meta, true, periodEnd, null)))));

        TopicWriter.sendStripeEvent(dev.tessera.testing.StripeEventFixtures.event("customer.subscription.created",
                subscription(sub, "active", meta, false, periodEnd, null)).created(at.minusSeconds(5)).account(account).json());
        for (boolean cancel : new boolean[] {false, true}) {
            TopicWriter.sendStripeEvent(dev.tessera.testing.StripeEventFixtures.event("customer.subscription.updated",
                    subscription(sub, "active", meta, cancel, periodEnd, null)).created(at).account(account).json());
        }

        String id = Db.membershipOf(dataSource, sub);
        Db.awaitValue(() -> Db.count(dataSource, "select count(*) from membership_fact where membership_id = ? "
                + "and kind = 'snapshot'", id), n -> n == 1);
        assertThat(Db.text(dataSource, "select cancel_at_period_end from membership where id = ?", id)).isEqualTo("t");
        assertThat(Db.text(dataSource, "select stripe_account from membership where id = ?", id)).isEqualTo(account);
        stripe.verify(1, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/v1/subscriptions/" + sub))
                .withHeader("Stripe-Account", WireMock.equalTo(account)));
    }
}
