package dev.tessera.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tessera.checkout.TestSupport.activeGroup;
import static dev.tessera.checkout.TestSupport.anonymous;
import static dev.tessera.checkout.TestSupport.as;
import static dev.tessera.checkout.TestSupport.awaitEvents;
import static dev.tessera.checkout.TestSupport.awaitStatus;
import static dev.tessera.checkout.TestSupport.course;
import static dev.tessera.checkout.TestSupport.member;
import static dev.tessera.checkout.TestSupport.open;
import static dev.tessera.checkout.TestSupport.openOk;
import static dev.tessera.checkout.TestSupport.seller;
import static dev.tessera.checkout.TestSupport.sendStripeEvent;
import static dev.tessera.checkout.TestSupport.session;
import static dev.tessera.checkout.TestSupport.stripe;
import static dev.tessera.checkout.TestSupport.tier;
import static dev.tessera.checkout.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.events.checkout.CheckoutChanged;
import dev.tessera.events.checkout.CheckoutEventTypes;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CheckoutApiTest {

    @Test
    void aMembersTierCheckoutIsASubscriptionSessionCarryingTheAttribution() {
        String sellerId = unique("sel");
        String groupId = activeGroup(sellerId);
        String tierId = tier(sellerId, groupId, null, 2900);
        String userId = unique("usr");

        var response = open(member(userId), Map.of("offeringId", tierId), null).statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/checkouts/chk_"))
                .body("status", equalTo("open")).body("mode", equalTo("subscription"))
                .body("url", startsWith("https://checkout.stripe.com/")).body("expiresAt", notNullValue())
                .body("userId", equalTo(userId)).body("guest", equalTo(false)).extract();
        String checkoutId = response.path("id");
        assertThat(Instant.parse(response.path("expiresAt"))).isAfter(Instant.now().plusSeconds(29 * 60));

        stripe().verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withHeader("Idempotency-Key", matching("tessera:" + checkoutId + ":session:[0-9a-f]{32}"))
                .withFormParam("mode", WireMock.equalTo("subscription"))
                .withFormParam("client_reference_id", WireMock.equalTo(checkoutId))
                .withFormParam("customer_email", WireMock.equalTo(userId + "@example.com"))
                .withFormParam("allow_promotion_codes", WireMock.equalTo("true"))
                .withFormParam("success_url", WireMock.equalTo("http://checkout.test/checkout/success?checkout_id="
                        + checkoutId + "&session_id={CHECKOUT_SESSION_ID}"))
                .withFormParam("cancel_url", WireMock.equalTo("http://checkout.test/checkout/cancel?checkout_id=" + checkoutId))
                .withFormParam("metadata[tessera_checkout_id]", WireMock.equalTo(checkoutId))
                .withFormParam("metadata[tessera_seller_id]", WireMock.equalTo(sellerId))
                .withFormParam("metadata[tessera_offering_id]", WireMock.equalTo(tierId))
                .withFormParam("metadata[tessera_offering_kind]", WireMock.equalTo("membership_tier"))
                .withFormParam("metadata[tessera_group_id]", WireMock.equalTo(groupId))
                .withFormParam("metadata[tessera_user_id]", WireMock.equalTo(userId))
                .withFormParam("subscription_data[metadata][tessera_checkout_id]", WireMock.equalTo(checkoutId))
                .withFormParam("subscription_data[metadata][tessera_user_id]", WireMock.equalTo(userId))
                .withFormParam("subscription_data[metadata][tessera_group_id]", WireMock.equalTo(groupId))
                .withFormParam("payment_intent_data[metadata][tessera_checkout_id]", absent()));

        DomainEvent opened = awaitEvents(Topics.CHECKOUT_EVENTS, checkoutId, 1).get(0);
        assertThat(opened.type()).isEqualTo(CheckoutEventTypes.OPENED);
        CheckoutChanged data = opened.dataAs(CheckoutChanged.class);
        assertThat(data.sessionId()).isEqualTo("cs_test_" + checkoutId);
        assertThat(data.unitAmountMinor()).isEqualTo(2900L);
        assertThat(data.currency()).isEqualTo("EUR");

        // the buyer, the seller and ops see it; another member does not even learn it exists
        as(member(userId)).get("/checkouts/" + checkoutId).then().statusCode(200).body("status", equalTo("open"));
        as(seller(sellerId)).get("/checkouts/" + checkoutId).then().statusCode(200);
        as(member("usr_other")).get("/checkouts/" + checkoutId).then().statusCode(404)
                .body("code", equalTo("checkout.not_found"));
        anonymous().get("/checkouts/" + checkoutId).then().statusCode(404);
    }

    @Test
    void aGuestBuysAOneTimeOfferingInPaymentMode() {
        String sellerId = unique("sel");
        String courseId = course(sellerId, 4900);

        String checkoutId = open(null, Map.of("offeringId", courseId, "email", "Guest@Example.com",
                        "successUrl", "https://shop.example/thanks?s={CHECKOUT_SESSION_ID}",
                        "cancelUrl", "https://shop.example/back"), null)
                .statusCode(201).body("mode", equalTo("payment")).body("guest", equalTo(true))
                .body("userId", nullValue()).extract().path("id");

        stripe().verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", WireMock.equalTo(checkoutId))
                .withFormParam("mode", WireMock.equalTo("payment"))
                .withFormParam("customer_email", WireMock.equalTo("guest@example.com"))
                .withFormParam("success_url", WireMock.equalTo("https://shop.example/thanks?s={CHECKOUT_SESSION_ID}"))
                .withFormParam("payment_intent_data[metadata][tessera_checkout_id]", WireMock.equalTo(checkoutId))
                .withFormParam("payment_intent_data[metadata][tessera_offering_kind]", WireMock.equalTo("course"))
                .withFormParam("metadata[tessera_user_id]", absent())
                .withFormParam("subscription_data[metadata][tessera_checkout_id]", absent()));
        // a guest's checkout id is its capability: the status page needs no sign-in
        anonymous().get("/checkouts/" + checkoutId).then().statusCode(200).body("status", equalTo("open"));
    }

    @Test
    void checkoutRequestsAreValidated() {
        String sellerId = unique("sel");
        String courseId = course(sellerId, 4900);
        anonymous().body(Map.of("offeringId", courseId)).post("/checkouts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("email"));
        open(member(unique("usr")), Map.of("offeringId", courseId, "quantity", 0, "successUrl", "https://evil.example/x",
                        "email", "not-an-email"), null)
                .statusCode(400).body("code", equalTo("validation_failed"))
                .body("errors.field", org.hamcrest.Matchers.hasItems("quantity", "successUrl", "email"));
        open(member(unique("usr")), Map.of("offeringId", courseId, "quantity", 2), null).statusCode(400)
                .body("errors[0].field", equalTo("quantity"));
        open(member(unique("usr")), Map.of("offeringId", "off_missing"), null).statusCode(404)
                .body("code", equalTo("catalog.offering_not_found"));
        String draft = as(seller(sellerId)).body(Map.of("sellerId", sellerId, "kind", "course", "name", "Soon",
                "price", Map.of("amountMinor", 100, "currency", "EUR"))).post("/catalog/offerings").then().statusCode(201)
                .extract().path("id");
        open(member(unique("usr")), Map.of("offeringId", draft), null).statusCode(409)
                .body("code", equalTo("checkout.offering_not_available"));
        open(member(unique("usr")), Map.of("offeringId", courseId), "key with spaces").statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void theSameIdempotencyKeyWithTheSameBodyReturnsTheSameCheckoutAndNoSecondSession() {
        String courseId = course(unique("sel"), 4900);
        String token = member(unique("usr"));
        String key = unique("key");
        Map<String, Object> body = Map.of("offeringId", courseId);

        String first = open(token, body, key).statusCode(201).extract().path("id");
        open(token, body, key).statusCode(200).header("Idempotent-Replayed", "true").body("id", equalTo(first))
                .body("url", notNullValue());
        open(token, body, key).statusCode(200).body("id", equalTo(first));
        stripe().verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", WireMock.equalTo(first)));

        // the same key for something else is refused with a stable code, and creates nothing
        open(token, Map.of("offeringId", courseId, "couponCode", "OTHER"), key).statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("checkout.idempotency_key_reused"));
        // keys belong to their buyer: another buyer's identical key is a different request
        String other = open(member(unique("usr")), body, key).statusCode(201).extract().path("id");
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void withoutAKeyTheSameBuyerOfferingAndParametersReturnTheCheckoutInFlight() {
        String courseId = course(unique("sel"), 4900);
        String token = member(unique("usr"));
        Map<String, Object> body = Map.of("offeringId", courseId);

        String first = open(token, body, null).statusCode(201).extract().path("id");
        open(token, body, null).statusCode(200).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        String withOtherParameters = open(token, Map.of("offeringId", courseId, "cancelUrl", "https://shop.example/c"), null)
                .statusCode(201).extract().path("id");
        assertThat(withOtherParameters).isNotEqualTo(first);
        stripe().verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", WireMock.equalTo(first)));

        // once it is over, buying the same thing again is a new purchase
        sendStripeEvent("checkout.session.completed", session(first, "complete", "paid"));
        awaitStatus(first, "completed");
        String second = open(token, body, null).statusCode(201).extract().path("id");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void whenStripeDoesNotAnswerARetryWithTheSameKeyGetsTheSameSession() {
        String courseId = course(unique("sel"), 4900);
        String token = member(unique("usr"));
        String key = unique("key");
        StubMapping outage = stripe().stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}")));
        try {
            open(token, Map.of("offeringId", courseId), key).statusCode(502).contentType("application/problem+json")
                    .body("code", equalTo("checkout.stripe_unavailable"));
        } finally {
            stripe().removeStub(outage);
        }
        String id = open(token, Map.of("offeringId", courseId), key).statusCode(200).body("status", equalTo("open"))
                .extract().path("id");
        var sessionCalls = stripe().findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", WireMock.equalTo(id)));
        assertThat(sessionCalls).hasSize(2);
        assertThat(sessionCalls.get(0).getHeader("Idempotency-Key")).isEqualTo(sessionCalls.get(1).getHeader("Idempotency-Key"));
    }

    @Test
    void whenStripeRefusesTheCheckoutFailsAndItsSeatIsFreed() {
        String ticketId = TestSupport.ticket(unique("sel"), 1, 1500);
        StubMapping refusal = stripe().stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such price\"}}")));
        try {
            open(member(unique("usr")), Map.of("offeringId", ticketId), null).statusCode(502)
                    .body("code", equalTo("checkout.stripe_rejected"));
        } finally {
            stripe().removeStub(refusal);
        }
        // the only seat is free again
        openOk(member(unique("usr")), Map.of("offeringId", ticketId));
    }

    @Test
    void sellersBuyPlatformPlansForTheirOwnSellers() {
        String sellerId = unique("sel");
        String checkoutId = open(seller(sellerId), Map.of("offeringId", "plan_entry", "sellerId", sellerId), null)
                .statusCode(201).body("mode", equalTo("subscription")).body("sellerId", equalTo(sellerId))
                .extract().path("id");
        stripe().verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", WireMock.equalTo(checkoutId))
                .withFormParam("metadata[tessera_seller_id]", WireMock.equalTo(sellerId))
                .withFormParam("metadata[tessera_offering_kind]", WireMock.equalTo("platform_plan"))
                .withFormParam("subscription_data[metadata][tessera_plan]", WireMock.equalTo("entry"))
                .withFormParam("subscription_data[metadata][tessera_commission_bps]", WireMock.equalTo("500")));
        open(seller(sellerId), Map.of("offeringId", "plan_premium", "sellerId", "sel_someone_else"), null).statusCode(403);
        open(seller(sellerId), Map.of("offeringId", "plan_premium"), null).statusCode(400)
                .body("errors[0].field", equalTo("sellerId"));
        open(seller(sellerId), Map.of("offeringId", "plan_free", "sellerId", sellerId), null).statusCode(422)
                .body("code", equalTo("checkout.nothing_to_pay"));
    }

    @Test
    void aTierSwitchNamesTheSubscriptionItReplaces() {
        String sellerId = unique("sel");
        String groupId = activeGroup(sellerId);
        String silver = tier(sellerId, groupId, null, 1900);
        String gold = tier(sellerId, groupId, null, 3900);
        String userId = unique("usr");
        String first = openOk(member(userId), Map.of("offeringId", silver));
        String subscriptionId = "sub_" + unique("s");
        var completed = session(first, "complete", "paid");
        completed.put("subscription", subscriptionId);
        sendStripeEvent("checkout.session.completed", completed);
        awaitStatus(first, "completed");

        String switchId = openOk(member(userId), Map.of("offeringId", gold, "replacesSubscriptionId", subscriptionId));
        stripe().verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", WireMock.equalTo(switchId))
                .withFormParam("metadata[tessera_replaces_subscription]", WireMock.equalTo(subscriptionId))
                .withFormParam("subscription_data[metadata][tessera_replaces_subscription]", WireMock.equalTo(subscriptionId)));
        as(member(userId)).get("/checkouts/" + switchId).then().body("replacesSubscriptionId", equalTo(subscriptionId));

        // only one's own subscription in the same group can be replaced
        open(member(unique("usr")), Map.of("offeringId", gold, "replacesSubscriptionId", subscriptionId), null)
                .statusCode(422).body("code", equalTo("checkout.replaced_subscription_invalid"));
        String otherGroupTier = tier(sellerId, activeGroup(sellerId), null, 3900);
        open(member(userId), Map.of("offeringId", otherGroupTier, "replacesSubscriptionId", subscriptionId), null)
                .statusCode(422).body("code", equalTo("checkout.replaced_subscription_invalid"));
    }

    @Test
    void checkoutEventsFollowTheSessionAndToleratesDuplicatesAndReordering() {
        String courseId = course(unique("sel"), 4900);
        String checkoutId = openOk(member(unique("usr")), Map.of("offeringId", courseId));

        var delayed = session(checkoutId, "complete", "unpaid");
        delayed.put("payment_intent", "pi_" + unique("p"));
        sendStripeEvent("checkout.session.completed", delayed);
        awaitStatus(checkoutId, "awaiting_payment");
        sendStripeEvent("checkout.session.async_payment_succeeded", session(checkoutId, "complete", "paid"));
        awaitStatus(checkoutId, "completed");
        // late and repeated events change nothing
        sendStripeEvent("checkout.session.expired", session(checkoutId, "expired", "unpaid"));
        sendStripeEvent("checkout.session.completed", delayed);
        String marker = openOk(member(unique("usr")), Map.of("offeringId", courseId));
        sendStripeEvent("checkout.session.expired", session(marker, "expired", "unpaid"));
        awaitStatus(marker, "expired");
        TestSupport.as(TestSupport.ops()).get("/checkouts/" + checkoutId).then().body("status", equalTo("completed"))
                .body("paymentIntentId", startsWith("pi_")).body("amountTotalMinor", equalTo(2900));

        List<String> types = awaitEvents(Topics.CHECKOUT_EVENTS, checkoutId, 3).stream().map(DomainEvent::type).toList();
        assertThat(types).containsExactly(CheckoutEventTypes.OPENED, CheckoutEventTypes.AWAITING_PAYMENT,
                CheckoutEventTypes.COMPLETED);
    }
}
