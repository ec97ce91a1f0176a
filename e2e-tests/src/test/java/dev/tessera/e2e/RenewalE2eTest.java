package dev.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tessera.e2e.harness.Actors;
import dev.tessera.e2e.harness.Actors.Buyer;
import dev.tessera.e2e.harness.E2e;
import dev.tessera.e2e.harness.E2eSuite;
import dev.tessera.e2e.harness.MembershipApi;
import dev.tessera.e2e.harness.Shop;
import dev.tessera.e2e.harness.Storefront;
import dev.tessera.e2e.harness.Storefront.Offering;
import dev.tessera.e2e.harness.Storefront.Purchase;
import dev.tessera.e2e.harness.StripeEmulator;

/**
 * A month later Stripe renews the subscription on its own: the membership is renewed for the next period. Moves the
 * emulator clock (so it buys through the direct storefront; see Storefront.direct).
 */
@E2e
@Order(100)
class RenewalE2eTest {

    @Test
    void stripesRenewalRenewsTheMembershipForTheNextPeriod(E2eSuite suite) {
        Shop shop = Shop.open(Storefront.direct(suite));
        Offering tier = shop.tier(1200);
        Buyer buyer = Actors.member();
        MembershipApi memberships = new MembershipApi(suite);
        StripeEmulator emulator = suite.emulator();
        Purchase purchase = shop.store().buy(buyer, tier);
        JsonNode active = memberships.awaitStatus(buyer, purchase.subscriptionId(), "active");
        Instant firstPeriodEnd = Instant.parse(active.path("currentPeriodEnd").asText());

        emulator.advanceTo(emulator.currentPeriodEnd(purchase.subscriptionId()));

        Instant secondPeriodEnd = emulator.currentPeriodEnd(purchase.subscriptionId());
        assertThat(secondPeriodEnd).isAfter(firstPeriodEnd);
        JsonNode renewed = memberships.awaitMembership(buyer, purchase.subscriptionId(), "membership renewed to "
                + secondPeriodEnd, m -> m.path("currentPeriodEnd").asText().equals(secondPeriodEnd.toString()));
        assertThat(renewed.path("status").asText()).isEqualTo("active");
        // the new period can arrive with customer.subscription.updated before the renewal's invoice.paid
        JsonNode detailed = org.awaitility.Awaitility.await("renewal recorded in the history")
                .atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> memberships.membership(renewed.path("id").asText(), buyer.token()),
                        m -> MembershipApi.transitions(m).contains("active(renewed)"));
        assertThat(MembershipApi.transitions(detailed)).last().isEqualTo("active(renewed)");
        assertThat(memberships.allowed(buyer, shop.groupResource())).isTrue();

        List<JsonNode> invoices = emulator.listAll("/v1/invoices", Map.of("subscription", purchase.subscriptionId()));
        assertThat(invoices).as("the first invoice and one renewal").hasSize(2)
                .allSatisfy(invoice -> assertThat(invoice.path("status").asText()).isEqualTo("paid"));
    }
}
