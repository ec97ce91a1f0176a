package dev.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

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
 * Upgrade: a member on one tier buys another tier of the same group, naming the subscription it replaces. The new
 * membership wins, the old one ends at once, and the old Stripe subscription is cancelled exactly once: the member
 * is never billed twice for the group.
 */
@E2e
@Order(20)
class TierSwitchE2eTest {

    @Test
    void upgradingCancelsTheReplacedSubscriptionOnceAndLeavesOneActiveMembership(E2eSuite suite) {
        Shop shop = Shop.open(Storefront.preferred(suite));
        Offering basic = shop.tier(1000);
        Offering premium = shop.tier(3000);
        Buyer buyer = Actors.member();
        MembershipApi memberships = new MembershipApi(suite);
        StripeEmulator emulator = suite.emulator();

        Purchase first = shop.store().buy(buyer, basic);
        memberships.awaitStatus(buyer, first.subscriptionId(), "active");

        Purchase upgrade = shop.store().buy(buyer, premium, first.subscriptionId());

        memberships.awaitStatus(buyer, upgrade.subscriptionId(), "active");
        JsonNode replaced = memberships.awaitStatus(buyer, first.subscriptionId(), "cancelled");
        assertThat(replaced.path("statusReason").asText()).isEqualTo("tier_switched");
        await("the replaced subscription is cancelled at Stripe").atMost(MembershipApi.EFFECT_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> emulator.subscription(first.subscriptionId()).path("status").asText().equals("canceled"));

        // The service retries pending cancellations every second here: give it a few rounds to do wrong.
        sleep(Duration.ofSeconds(4));
        emulator.awaitDelivered();
        assertThat(emulator.eventsAbout("customer.subscription.deleted", first.subscriptionId()))
                .as("customer.subscription.deleted events of the replaced subscription").hasSize(1);
        assertThat(emulator.eventsAbout("customer.subscription.deleted", upgrade.subscriptionId())).isEmpty();
        assertThat(emulator.subscription(upgrade.subscriptionId()).path("status").asText()).isEqualTo("active");

        List<JsonNode> all = memberships.memberships(buyer);
        assertThat(all).hasSize(2);
        assertThat(all.stream().filter(m -> m.path("status").asText().equals("active")).toList())
                .singleElement().satisfies(m -> assertThat(m.path("offeringId").asText()).isEqualTo(premium.offeringId()));

        memberships.awaitAccess(buyer, Shop.tierResource(basic), false);
        assertThat(memberships.allowed(buyer, Shop.tierResource(premium))).isTrue();
        assertThat(memberships.allowed(buyer, shop.groupResource())).isTrue();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
