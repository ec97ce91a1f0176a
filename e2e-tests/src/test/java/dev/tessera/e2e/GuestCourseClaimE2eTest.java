package dev.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

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
import dev.tessera.e2e.harness.Storefront.Purchase;
import dev.tessera.events.Topics;
import dev.tessera.events.checkout.CheckoutEventTypes;
import dev.tessera.testing.TopicReader;
import dev.tessera.testing.TopicRecord;

/**
 * A guest (no account, an e-mail address only) buys a course through checkout-service, later signs up and claims
 * the purchase with the token checkout-service issued for the e-mail; the course then opens for the new account,
 * and for nobody else.
 */
@E2e(requires = {Services.EMULATOR, Services.INGEST, Services.MEMBERSHIP, Services.CHECKOUT})
@Order(40)
class GuestCourseClaimE2eTest {

    @Test
    void aGuestBuysACourseAndClaimsItWithTheAccountMadeAfterwards(E2eSuite suite) {
        CheckoutServiceStorefront store = new CheckoutServiceStorefront(suite);
        Shop shop = Shop.open(store);
        Offering course = shop.course(4900);
        String resource = "course:" + course.offeringId();
        Buyer guest = Actors.guest();
        MembershipApi memberships = new MembershipApi(suite);

        Purchase purchase = store.buy(guest, course);

        // The claim link goes to the guest by e-mail; the token travels on checkout.events to the notification
        // service. The test reads it where the notification service would.
        String token = claimToken(suite, purchase.checkoutId());
        Buyer account = guest.signedIn(Actors.id("usr_claimer"));
        Actors.remember(account.userId());
        assertThat(memberships.allowed(account, resource)).isFalse();

        JsonNode claimed = Http.post(suite.url(Services.CHECKOUT) + "/claims/" + token, account.token(), null).require();

        assertThat(claimed.path("id").asText()).isEqualTo(purchase.checkoutId());
        assertThat(claimed.path("userId").asText()).isEqualTo(account.userId());
        memberships.awaitAccess(account, resource, true);
        Buyer stranger = Actors.member();
        Http.Answer second = Http.post(suite.url(Services.CHECKOUT) + "/claims/" + token, stranger.token(), null);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("code").asText()).isEqualTo("checkout.claim_already_used");
        assertThat(memberships.allowed(stranger, resource)).isFalse();
    }

    private static String claimToken(E2eSuite suite, String checkoutId) {
        AtomicReference<String> token = new AtomicReference<>();
        await("checkout.guest_claim_issued for " + checkoutId).atMost(MembershipApi.EFFECT_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    for (TopicRecord record : TopicReader.readAll(suite.kafkaBootstrapServers(), Topics.CHECKOUT_EVENTS,
                            Duration.ofMillis(500))) {
                        JsonNode event = Http.JSON.readTree(record.value());
                        if (CheckoutEventTypes.GUEST_CLAIM_ISSUED.equals(event.path("type").asText())
                                && checkoutId.equals(event.path("data").path("checkoutId").asText())) {
                            token.set(event.path("data").path("claimToken").asText());
                            return true;
                        }
                    }
                    return false;
                });
        return token.get();
    }
}
