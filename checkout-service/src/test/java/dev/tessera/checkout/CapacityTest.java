package dev.tessera.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tessera.checkout.TestSupport.activeGroup;
import static dev.tessera.checkout.TestSupport.anonymous;
import static dev.tessera.checkout.TestSupport.as;
import static dev.tessera.checkout.TestSupport.awaitStatus;
import static dev.tessera.checkout.TestSupport.member;
import static dev.tessera.checkout.TestSupport.open;
import static dev.tessera.checkout.TestSupport.openOk;
import static dev.tessera.checkout.TestSupport.sendStripeEvent;
import static dev.tessera.checkout.TestSupport.session;
import static dev.tessera.checkout.TestSupport.stripe;
import static dev.tessera.checkout.TestSupport.ticket;
import static dev.tessera.checkout.TestSupport.tier;
import static dev.tessera.checkout.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventJson;
import dev.tessera.testing.StripeEventFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CapacityTest {

    @TestHTTPResource("/checkouts")
    URI checkouts;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void buyersRacingForTheLastSeatsNeverOverbook() throws Exception {
        String sellerId = unique("sel");
        for (int round = 0; round < 3; round++) {
            int seats = round == 0 ? 1 : 2;
            String ticketId = ticket(sellerId, seats, 1500);
            List<Response> answers = race(ticketId, 6);
            assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(seats);
            assertThat(answers).filteredOn(answer -> answer.status() == 409).hasSize(6 - seats)
                    .allSatisfy(answer -> {
                        assertThat(answer.body()).contains("\"code\":\"checkout.capacity_exhausted\"");
                        assertThat(answer.contentType()).startsWith("application/problem+json");
                    });
            anonymous().get("/catalog/offerings/" + ticketId).then().body("seatsLeft", equalTo(0));
        }
    }

    @Test
    void aTicketCheckoutHoldsAsManySeatsAsItBuys() {
        String ticketId = ticket(unique("sel"), 3, 1500);
        openOk(member(unique("usr")), Map.of("offeringId", ticketId, "quantity", 2));
        open(member(unique("usr")), Map.of("offeringId", ticketId, "quantity", 2), null).statusCode(409)
                .body("code", equalTo("checkout.capacity_exhausted")).body("remaining", equalTo(1));
        openOk(member(unique("usr")), Map.of("offeringId", ticketId, "quantity", 1));
    }

    @Test
    void anExpiredOrCancelledSessionGivesItsSeatBack() {
        String ticketId = ticket(unique("sel"), 1, 1500);
        String first = openOk(member(unique("usr")), Map.of("offeringId", ticketId));
        open(member(unique("usr")), Map.of("offeringId", ticketId), null).statusCode(409);

        sendStripeEvent("checkout.session.expired", session(first, "expired", "unpaid"));
        awaitStatus(first, "expired");
        String buyer = unique("usr");
        String second = openOk(member(buyer), Map.of("offeringId", ticketId));

        // the buyer leaves Stripe's page: the session is expired in Stripe and the seat is free again
        as(member(buyer)).post("/checkouts/" + second + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        stripe().verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions/cs_test_" + second + "/expire")));
        as(member("usr_stranger")).post("/checkouts/" + second + "/cancel").then().statusCode(404);
        openOk(member(unique("usr")), Map.of("offeringId", ticketId));
    }

    @Test
    void membersRenewingOrSwitchingWithinTheirGroupAreNeverBlockedByCapacity() {
        String sellerId = unique("sel");
        String groupId = activeGroup(sellerId);
        String small = tier(sellerId, groupId, 1, 1900);
        String alsoFull = tier(sellerId, groupId, 1, 2900);
        String member = unique("usr");
        String subscriptionId = "sub_" + unique("s");
        complete(openOk(member(member), Map.of("offeringId", small)), subscriptionId);
        complete(openOk(member(unique("usr")), Map.of("offeringId", alsoFull)), "sub_" + unique("s"));

        // both tiers are full for newcomers
        open(member(unique("usr")), Map.of("offeringId", small), null).statusCode(409)
                .body("code", equalTo("checkout.capacity_exhausted"));
        open(member(unique("usr")), Map.of("offeringId", alsoFull), null).statusCode(409);
        // the existing member renews, or switches to the other (full) tier of the same group
        openOk(member(member), Map.of("offeringId", small, "cancelUrl", "https://shop.example/renew"));
        openOk(member(member), Map.of("offeringId", alsoFull, "replacesSubscriptionId", subscriptionId));
    }

    @Test
    void aSeatComesBackWhenItsSubscriptionEnds() {
        String sellerId = unique("sel");
        String tierId = tier(sellerId, activeGroup(sellerId), 1, 1900);
        String subscriptionId = "sub_" + unique("s");
        complete(openOk(member(unique("usr")), Map.of("offeringId", tierId)), subscriptionId);
        open(member(unique("usr")), Map.of("offeringId", tierId), null).statusCode(409);

        ObjectNode subscription = StripeEventFixtures.object("subscription");
        subscription.put("id", subscriptionId);
        subscription.put("status", "canceled");
        sendStripeEvent("customer.subscription.deleted", subscription);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                anonymous().get("/catalog/offerings/" + tierId).then().body("seatsLeft", equalTo(1)));
        openOk(member(unique("usr")), Map.of("offeringId", tierId));
    }

    private static void complete(String checkoutId, String subscriptionId) {
        ObjectNode completed = session(checkoutId, "complete", "paid");
        completed.put("subscription", subscriptionId);
        sendStripeEvent("checkout.session.completed", completed);
        awaitStatus(checkoutId, "completed");
    }

    private record Response(int status, String contentType, String body) {
    }

    /** {@code buyers} different members ask for the offering at the same moment. */
    private List<Response> race(String offeringId, int buyers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try {
            CountDownLatch ready = new CountDownLatch(buyers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                HttpRequest request = HttpRequest.newBuilder(checkouts)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + member(unique("usr")))
                        .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(Map.of("offeringId", offeringId))))
                        .build();
                Callable<Response> call = () -> {
                    ready.countDown();
                    go.await();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Response(response.statusCode(),
                            response.headers().firstValue("Content-Type").orElse(""), response.body());
                };
                futures.add(pool.submit(call));
            }
            ready.await();
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
