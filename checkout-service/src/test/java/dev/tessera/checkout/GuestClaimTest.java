package dev.tessera.checkout;

import static dev.tessera.checkout.TestSupport.anonymous;
import static dev.tessera.checkout.TestSupport.as;
import static dev.tessera.checkout.TestSupport.awaitEvents;
import static dev.tessera.checkout.TestSupport.awaitStatus;
import static dev.tessera.checkout.TestSupport.member;
import static dev.tessera.checkout.TestSupport.open;
import static dev.tessera.checkout.TestSupport.sendStripeEvent;
import static dev.tessera.checkout.TestSupport.session;
import static dev.tessera.checkout.TestSupport.ticket;
import static dev.tessera.checkout.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.events.checkout.GuestClaimIssued;
import dev.tessera.events.checkout.GuestClaimed;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GuestClaimTest {

    @Test
    void aGuestPurchaseIsClaimedByTheUserWhoFollowsTheLink() {
        String sellerId = unique("sel");
        String ticketId = ticket(sellerId, 5, 2500);
        String email = unique("guest") + "@example.com";
        String checkoutId = open(null, Map.of("offeringId", ticketId, "email", email, "quantity", 2), null)
                .statusCode(201).extract().path("id");

        ObjectNode completed = session(checkoutId, "complete", "paid");
        completed.put("payment_intent", "pi_" + unique("p"));
        completed.put("customer", "cus_" + unique("c"));
        sendStripeEvent("checkout.session.completed", completed);
        awaitStatus(checkoutId, "completed");
        anonymous().get("/checkout/success?checkout_id=" + checkoutId).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("Your payment was received"))
                .body(containsString("e-mail you a link"));

        // the notification service gets the claim link to e-mail
        DomainEvent issued = awaitEvents(Topics.CHECKOUT_EVENTS, checkoutId, 3).stream()
                .filter(event -> event.type().equals(GuestClaimIssued.TYPE)).findFirst().orElseThrow();
        GuestClaimIssued claim = issued.dataAs(GuestClaimIssued.class);
        assertThat(claim.email()).isEqualTo(email);
        assertThat(claim.claimUrl()).isEqualTo("https://app.example/claims/" + claim.claimToken());
        assertThat(claim.expiresAt()).isAfter(Instant.now().plusSeconds(29L * 24 * 3600));
        assertThat(claim.offeringId()).isEqualTo(ticketId);

        anonymous().post("/claims/" + claim.claimToken()).then().statusCode(401);
        as(member("usr_x")).post("/claims/clm_not_a_token").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("checkout.claim_not_found"));

        String userId = unique("usr");
        as(member(userId)).post("/claims/" + claim.claimToken()).then().statusCode(200)
                .body("id", equalTo(checkoutId)).body("userId", equalTo(userId)).body("guest", equalTo(true));
        as(member(userId)).post("/claims/" + claim.claimToken()).then().statusCode(200);
        as(member(unique("usr"))).post("/claims/" + claim.claimToken()).then().statusCode(409)
                .body("code", equalTo("checkout.claim_already_used"));
        // now it is the user's purchase
        as(member(userId)).get("/checkouts/" + checkoutId).then().statusCode(200).body("quantity", equalTo(2));

        List<DomainEvent> events = awaitEvents(Topics.CHECKOUT_EVENTS, checkoutId, 4);
        List<DomainEvent> claimed = events.stream().filter(event -> event.type().equals(GuestClaimed.TYPE)).toList();
        assertThat(claimed).hasSize(1);
        GuestClaimed data = claimed.get(0).dataAs(GuestClaimed.class);
        assertThat(data.userId()).isEqualTo(userId);
        assertThat(data.email()).isEqualTo(email);
        assertThat(data.paymentIntentId()).isEqualTo(completed.get("payment_intent").asText());
        assertThat(data.sessionId()).isEqualTo("cs_test_" + checkoutId);
    }

    @Test
    void aMembersPurchaseIssuesNoClaim() {
        String ticketId = ticket(unique("sel"), 5, 2500);
        String checkoutId = open(member(unique("usr")), Map.of("offeringId", ticketId), null).statusCode(201)
                .extract().path("id");
        sendStripeEvent("checkout.session.completed", session(checkoutId, "complete", "paid"));
        awaitStatus(checkoutId, "completed");
        assertThat(awaitEvents(Topics.CHECKOUT_EVENTS, checkoutId, 2)).extracting(DomainEvent::type)
                .doesNotContain(GuestClaimIssued.TYPE);
    }
}
