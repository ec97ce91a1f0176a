package dev.tessera.membership;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tessera.membership.StripeData.charge;
import static dev.tessera.membership.StripeData.dispute;
import static dev.tessera.membership.StripeData.event;
import static dev.tessera.membership.StripeData.session;
import static dev.tessera.membership.StripeData.tier;
import static dev.tessera.membership.StripeData.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeMetadata;
import dev.tessera.events.Topics;
import dev.tessera.events.checkout.GuestClaimed;
import dev.tessera.events.risk.RefundIssued;
import dev.tessera.events.risk.RiskEventTypes;
import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.TestJwt;
import dev.tessera.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** One-time purchases, guest claims, and revocation by full refunds and lost disputes. */
@QuarkusTest
class PurchasesAndClaimsTest {

    @Inject
    DataSource dataSource;

    static Map<String, String> purchase(String seller, String kind, String offering, String user, String checkout) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(StripeMetadata.SELLER_ID, seller);
        m.put(StripeMetadata.OFFERING_ID, offering);
        m.put(StripeMetadata.OFFERING_KIND, kind);
        m.put(StripeMetadata.CHECKOUT_ID, checkout);
        if (user != null) {
            m.put(StripeMetadata.USER_ID, user);
        }
        return m;
    }

    static void allowed(String user, String resource, boolean allowed) {
        Db.awaitValue(() -> given().auth().oauth2(TestJwt.member(user)).queryParam("resource", resource).when()
                .get("/access").then().statusCode(200).extract().<Boolean>path("allowed"), value -> value == allowed);
    }

    static void completed(String sessionId, String pi, Map<String, String> meta, String email) {
        TopicWriter.sendStripeEvent(event("checkout.session.completed",
                session(sessionId, "payment", null, pi, "paid", meta, email), Instant.now()));
    }

    @Test
    void aGuestTicketMovesToTheUserWhoClaimsIt() {
        String checkout = unique("chk");
        String session = unique("cs_test");
        String pi = unique("pi");
        String offering = unique("off_ticket");
        String user = unique("usr");
        completed(session, pi, purchase(unique("sel"), StripeMetadata.KIND_EVENT_TICKET, offering, null, checkout),
                "Guest@Example.com");
        Db.awaitValue(() -> Db.text(dataSource, "select email from entitlement where source_id = ?", session),
                email -> "guest@example.com".equals(email));
        allowed(user, "event:" + offering, false);

        TopicWriter.sendDomainEvent(Topics.CHECKOUT_EVENTS, DomainEvent.of(GuestClaimed.TYPE, 1, "checkout-service", checkout, null,
                new GuestClaimed(checkout, "clm_1", user, "guest@example.com", session, null, pi)));

        allowed(user, "event:" + offering, true);
        given().auth().oauth2(TestJwt.member(user)).when().get("/me/entitlements").then().statusCode(200)
                .body("resource", hasItem("event:" + offering));
    }

    @Test
    void aClaimSeenBeforeThePurchaseStillApplies_alsoToAGuestMembership() {
        String checkout = unique("chk");
        String session = unique("cs_test");
        String sub = unique("sub");
        String group = unique("grp");
        String user = unique("usr");
        TopicWriter.sendDomainEvent(Topics.CHECKOUT_EVENTS, DomainEvent.of(GuestClaimed.TYPE, 1, "checkout-service", checkout, null,
                new GuestClaimed(checkout, null, user, "guest2@example.com", session, sub, null)));
        Db.awaitValue(() -> Db.count(dataSource, "select count(*) from guest_claim where checkout_id = ?", checkout), n -> n == 1);

        Map<String, String> meta = tier(unique("sel"), group, "off_gold", null, checkout);
        TopicWriter.sendStripeEvent(event("checkout.session.completed",
                session(session, "subscription", sub, null, "paid", meta, "guest2@example.com"), Instant.now()));
        Flows.activeSubscription(sub, meta, Instant.now().truncatedTo(ChronoUnit.SECONDS));

        allowed(user, "group:" + group, true);
        given().auth().oauth2(TestJwt.member(user)).when().get("/me/memberships").then().statusCode(200)
                .body("[0].guestEmail", equalTo("guest2@example.com")).body("[0].userId", equalTo(user));
    }

    @Test
    void aGuestMembershipMovesToTheUserWhoClaimsIt() {
        String checkout = unique("chk");
        String session = unique("cs_test");
        String sub = unique("sub");
        String group = unique("grp");
        String user = unique("usr");
        Map<String, String> meta = tier(unique("sel"), group, "off_gold", null, checkout);
        TopicWriter.sendStripeEvent(event("checkout.session.completed",
                session(session, "subscription", sub, null, "paid", meta, "guest3@example.com"), Instant.now()));
        Flows.activeSubscription(sub, meta, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String id = Db.membershipOf(dataSource, sub);
        Db.awaitValue(() -> Db.text(dataSource, "select email from entitlement where source_id = ? and status = 'active'", id),
                email -> "guest3@example.com".equals(email));
        allowed(user, "group:" + group, false);

        TopicWriter.sendDomainEvent(Topics.CHECKOUT_EVENTS, DomainEvent.of(GuestClaimed.TYPE, 1, "checkout-service", checkout, null,
                new GuestClaimed(checkout, "clm_3", user, "guest3@example.com", session, sub, null)));

        allowed(user, "group:" + group, true);
        assertThat(Db.text(dataSource, "select user_id from membership where id = ?", id)).isEqualTo(user);
        Flows.awaitEvents(e -> e.type().equals("entitlement.granted") && id.equals(e.data().path("sourceId").asText())
                && user.equals(e.data().path("userId").asText()), 1);
    }

    @Test
    void aFullRefundOrALostDisputeRevokesAPurchase_aPartialRefundDoesNot() {
        String user = unique("usr");
        String course = unique("off_course");
        String stream = unique("off_stream");
        String coursePi = unique("pi");
        String streamPi = unique("pi");
        completed(unique("cs_test"), coursePi, purchase(unique("sel"), StripeMetadata.KIND_COURSE, course, user, unique("chk")), null);
        String streamSession = unique("cs_test");
        completed(streamSession, streamPi, purchase(unique("sel"), StripeMetadata.KIND_STREAM, stream, user, unique("chk")), null);
        allowed(user, "course:" + course, true);
        allowed(user, "stream:" + stream, true);

        String ch = unique("ch");
        TopicWriter.sendStripeEvent(event("charge.refunded", charge(ch, coursePi, 5000, 1000), Instant.now()));
        TopicWriter.sendStripeEvent(event("charge.refunded", charge(ch, coursePi, 5000, 5000), Instant.now()));
        allowed(user, "course:" + course, false);

        String lost = event("charge.dispute.closed", dispute(unique("dp"), unique("ch"), streamPi, "lost"), Instant.now());
        TopicWriter.send(Topics.STRIPE_DISPUTES, "dp_x", lost, TopicWriter.stripeEventHeaders(EventJson.tree(lost)));
        allowed(user, "stream:" + stream, false);
        assertThat(Db.text(dataSource, "select revoke_reason from entitlement where source_id = ?", streamSession))
                .isEqualTo("dispute_lost");
        List<DomainEvent> revoked = Flows.awaitEvents(e -> e.type().equals("entitlement.revoked")
                && e.data().path("resource").asText().equals("course:" + course), 1);
        assertThat(revoked.get(0).data().path("reason").asText()).isEqualTo("refunded");
    }

    @Test
    void aRefundFromRiskServiceRevokesTheMembershipItsInvoicePaid() {
        String user = unique("usr");
        String group = unique("grp");
        String sub = unique("sub");
        String pi = unique("pi");
        Map<String, String> meta = tier(unique("sel"), group, "off_gold", user, unique("chk"));
        Flows.activeSubscription(sub, meta, Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60));
        Db.awaitStatus(dataSource, sub, "active");

        ObjectNode invoice = StripeData.invoice(unique("in"), sub, meta, "subscription_create", Instant.now());
        ObjectNode payment = EventJson.mapper().createObjectNode().put("id", unique("inpay")).put("object", "invoice_payment");
        payment.set("invoice", invoice);
        payment.putObject("payment").put("type", "payment_intent").put("payment_intent", pi);
        ObjectNode list = EventJson.mapper().createObjectNode().put("object", "list").put("has_more", false);
        list.putArray("data").add(payment);
        StripeApiTestResource.server().stubFor(get(urlPathEqualTo("/v1/invoice_payments"))
                .withQueryParam("payment[payment_intent]", WireMock.equalTo(pi)).willReturn(okJson(EventJson.write(list))));

        TopicWriter.sendDomainEvent(Topics.RISK_EVENTS, DomainEvent.of(RiskEventTypes.REFUND_ISSUED, 1, "risk-service", unique("re"), null,
                new RefundIssued(unique("re"), unique("ch"), pi, 2900, "eur", true, null)));

        Db.awaitStatus(dataSource, sub, "revoked");
        allowed(user, "group:" + group, false);
        String id = Db.membershipOf(dataSource, sub);
        Flows.awaitEvents(e -> e.type().equals("membership.revoked") && id.equals(e.subject()), 1);
    }
}
