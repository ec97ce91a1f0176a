package dev.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tessera.e2e.harness.Actors;
import dev.tessera.e2e.harness.Actors.Buyer;
import dev.tessera.e2e.harness.E2e;
import dev.tessera.e2e.harness.E2eSuite;
import dev.tessera.e2e.harness.Http;
import dev.tessera.e2e.harness.IngestApi;
import dev.tessera.e2e.harness.MembershipApi;
import dev.tessera.e2e.harness.Services;
import dev.tessera.e2e.harness.Shop;
import dev.tessera.e2e.harness.Storefront;
import dev.tessera.e2e.harness.Storefront.Offering;
import dev.tessera.e2e.harness.Storefront.Purchase;
import dev.tessera.testing.TestJwt;

/** A member buys a tier: Stripe's events make an active membership, and the membership opens the group. */
@E2e
@Order(10)
class MembershipPurchaseE2eTest {

    @Test
    void aPaidCheckoutMakesAnActiveMembershipThatGrantsAccess(E2eSuite suite) {
        Shop shop = Shop.open(Storefront.preferred(suite));
        Offering tier = shop.tier(1500);
        Offering otherTier = shop.tier(4500);
        Buyer buyer = Actors.member();
        MembershipApi memberships = new MembershipApi(suite);
        assertThat(memberships.allowed(buyer, shop.groupResource())).isFalse();

        Purchase purchase = shop.store().buy(buyer, tier);

        JsonNode membership = memberships.awaitStatus(buyer, purchase.subscriptionId(), "active");
        assertThat(membership.path("userId").asText()).isEqualTo(buyer.userId());
        assertThat(membership.path("sellerId").asText()).isEqualTo(shop.seller().sellerId());
        assertThat(membership.path("groupId").asText()).isEqualTo(shop.group().groupId());
        assertThat(membership.path("offeringId").asText()).isEqualTo(tier.offeringId());
        assertThat(membership.path("legacyStatus").asText()).isEqualTo("active");
        assertThat(membership.path("graceUntil").isNull()).isTrue();
        // The paid period is Stripe's: the end of the subscription's current period on its items.
        Instant periodEnd = suite.emulator().currentPeriodEnd(purchase.subscriptionId());
        assertThat(Instant.parse(membership.path("currentPeriodEnd").asText())).isEqualTo(periodEnd);

        JsonNode groupAccess = memberships.awaitAccess(buyer, shop.groupResource(), true);
        assertThat(groupAccess.path("validUntil").isNull()).as("no grace period: access without end").isTrue();
        assertThat(memberships.allowed(buyer, Shop.tierResource(tier))).isTrue();
        assertThat(memberships.allowed(buyer, Shop.tierResource(otherTier))).isFalse();
        assertThat(memberships.allowed(Actors.member(), shop.groupResource())).as("someone else").isFalse();

        // Every step of the history names the Stripe event that caused it, and that event is the one the ingest
        // service verified, stored and published.
        JsonNode detailed = memberships.membership(membership.path("id").asText(), buyer.token());
        assertThat(MembershipApi.transitions(detailed)).last().asString().startsWith("active(");
        IngestApi ingest = new IngestApi(suite);
        for (JsonNode step : detailed.path("history")) {
            String cause = step.path("causeEventId").asText();
            assertThat(cause).startsWith("evt_");
            JsonNode stored = ingest.event(cause);
            assertThat(stored.toString()).contains(purchase.subscriptionId());
        }

        // The seller sees the new member; another seller does not see the group's members.
        String membersUrl = suite.url(Services.MEMBERSHIP) + "/groups/" + shop.group().groupId() + "/members";
        JsonNode members = Http.get(membersUrl, shop.seller().token()).require();
        List<String> memberIds = members.path("members").findValuesAsText("userId");
        assertThat(memberIds).containsExactly(buyer.userId());
        assertThat(Http.get(membersUrl, TestJwt.seller(Actors.id("usr"), Actors.id("sel_other"))).status()).isEqualTo(403);
    }
}
