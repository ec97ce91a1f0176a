package dev.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tessera.e2e.harness.Actors;
import dev.tessera.e2e.harness.Actors.Buyer;
import dev.tessera.e2e.harness.CheckoutServiceStorefront;
import dev.tessera.e2e.harness.E2e;
import dev.tessera.e2e.harness.E2eSuite;
import dev.tessera.e2e.harness.Http;
import dev.tessera.e2e.harness.MembershipApi;
import dev.tessera.e2e.harness.Services;
import dev.tessera.e2e.harness.Shop;
import dev.tessera.e2e.harness.Storefront.Offering;

/**
 * The last seat of an event: the buyer whose checkout holds it pays and gets in; a second buyer is refused while the
 * seat is held and after it is sold, and never pays for a seat that does not exist.
 */
@E2e(requires = {Services.EMULATOR, Services.INGEST, Services.MEMBERSHIP, Services.CHECKOUT})
@Order(50)
class LastEventSeatE2eTest {

    @Test
    void theLastSeatGoesToTheBuyerHoldingItAndNobodyElse(E2eSuite suite) {
        CheckoutServiceStorefront store = new CheckoutServiceStorefront(suite);
        Shop shop = Shop.open(store);
        Offering event = shop.event(2500, 1);
        String resource = "event:" + event.offeringId();
        String checkout = suite.url(Services.CHECKOUT);
        MembershipApi memberships = new MembershipApi(suite);
        Buyer first = Actors.member();
        Buyer second = Actors.member();

        JsonNode held = store.open(first, event, null).expect(201).json();
        Http.Answer refused = store.open(second, event, null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("code").asText()).isEqualTo("checkout.capacity_exhausted");

        suite.emulator().pay(held.path("stripeSessionId").asText(), first.email());

        String checkoutId = held.path("id").asText();
        await("checkout " + checkoutId + " completed").atMost(MembershipApi.EFFECT_TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> Http.get(checkout + "/checkouts/" + checkoutId, first.token()).require()
                        .path("status").asText().equals("completed"));
        memberships.awaitAccess(first, resource, true);
        Http.Answer stillRefused = store.open(second, event, null);
        assertThat(stillRefused.status()).as(stillRefused.toString()).isEqualTo(409);
        assertThat(stillRefused.json().path("code").asText()).isEqualTo("checkout.capacity_exhausted");
        assertThat(memberships.allowed(second, resource)).isFalse();
        JsonNode offering = Http.get(checkout + "/catalog/offerings/" + event.offeringId(), shop.seller().token()).require();
        assertThat(offering.path("seatsLeft").asLong()).isZero();
    }
}
