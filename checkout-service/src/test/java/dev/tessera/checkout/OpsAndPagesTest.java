package dev.tessera.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tessera.checkout.TestSupport.anonymous;
import static dev.tessera.checkout.TestSupport.as;
import static dev.tessera.checkout.TestSupport.course;
import static dev.tessera.checkout.TestSupport.member;
import static dev.tessera.checkout.TestSupport.ops;
import static dev.tessera.checkout.TestSupport.openOk;
import static dev.tessera.checkout.TestSupport.session;
import static dev.tessera.checkout.TestSupport.status;
import static dev.tessera.checkout.TestSupport.stripe;
import static dev.tessera.checkout.TestSupport.ticket;
import static dev.tessera.checkout.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.checkout.domain.CheckoutErrorCode;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeHeaders;
import dev.tessera.runtime.error.ErrorCodes;
import dev.tessera.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpsAndPagesTest {

    @Test
    void reconciliationAppliesWhatStripeSaysAboutSessionsWhoseEventsNeverCame() {
        String courseId = course(unique("sel"), 4900);
        String paid = openOk(member(unique("usr")), Map.of("offeringId", courseId));
        String lapsed = openOk(member(unique("usr")), Map.of("offeringId", courseId));
        stubSession(session(paid, "complete", "paid"));
        stubSession(session(lapsed, "expired", "unpaid"));

        as(member("usr_1")).post("/ops/checkouts/" + paid + "/reconcile").then().statusCode(403);
        as(ops()).post("/ops/checkouts/" + paid + "/reconcile").then().statusCode(200)
                .body("before", equalTo("open")).body("after", equalTo("completed"));
        as(ops()).queryParam("olderThan", "PT0S").post("/ops/checkouts/reconcile").then().statusCode(200)
                .body("checked", greaterThanOrEqualTo(1))
                .body("results.find { it.checkoutId == '" + lapsed + "' }.after", equalTo("expired"));
        assertThat(status(paid)).isEqualTo("completed");
        assertThat(status(lapsed)).isEqualTo("expired");
        as(ops()).queryParam("olderThan", "yesterday").post("/ops/checkouts/reconcile").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void theCancelPageReleasesTheSeatAndSaysNoPaymentWasTaken() {
        String ticketId = ticket(unique("sel"), 1, 1500);
        String guestCheckout = TestSupport.open(null, Map.of("offeringId", ticketId, "email", "g@example.com"), null)
                .statusCode(201).extract().path("id");
        anonymous().get("/checkout/success?checkout_id=" + guestCheckout).then().statusCode(200)
                .body(containsString("confirming your payment")).body(containsString("http-equiv=\"refresh\""));
        anonymous().get("/checkout/cancel?checkout_id=" + guestCheckout).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("No payment was taken"));
        assertThat(status(guestCheckout)).isEqualTo("cancelled");
        openOk(member(unique("usr")), Map.of("offeringId", ticketId));
        anonymous().get("/checkout/success").then().statusCode(200).body(containsString("Thank you"));
        anonymous().get("/checkout/cancel?checkout_id=<script>").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("<script>")));
    }

    @Test
    void errorCodesAreStableAndWellFormed() {
        ErrorCodes.verify(CheckoutErrorCode.class);
        assertThat(CheckoutErrorCode.CAPACITY_EXHAUSTED.code()).isEqualTo("checkout.capacity_exhausted");
        assertThat(CheckoutErrorCode.IDEMPOTENCY_KEY_REUSED.httpStatus()).isEqualTo(422);
    }

    @Test
    void deadLettersCanBeListedByOps() {
        TopicWriter.send("stripe.checkout", "cs_poison", "not json at all", Map.of(
                StripeHeaders.EVENT_ID, "evt_poison_" + unique("p"),
                StripeHeaders.EVENT_TYPE, "checkout.session.completed",
                StripeHeaders.LIVEMODE, "false"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                as(ops()).get("/ops/dlq/stripe.checkout").then().statusCode(200)
                        .body("value", org.hamcrest.Matchers.hasItem("not json at all")));
    }

    private static void stubSession(ObjectNode session) {
        stripe().stubFor(get(urlPathEqualTo("/v1/checkout/sessions/" + session.get("id").asText()))
                .willReturn(okJson(EventJson.write(session))));
    }
}
