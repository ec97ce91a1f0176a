package dev.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tessera.e2e.harness.Actors;
import dev.tessera.e2e.harness.Actors.Buyer;
import dev.tessera.e2e.harness.E2e;
import dev.tessera.e2e.harness.E2eSuite;
import dev.tessera.e2e.harness.IngestApi;
import dev.tessera.e2e.harness.Journeys;
import dev.tessera.e2e.harness.MembershipApi;
import dev.tessera.e2e.harness.Shop;
import dev.tessera.e2e.harness.Storefront;
import dev.tessera.e2e.harness.StripeEmulator;

/**
 * Stripe delivers at least once and in no particular order. The same journey (purchase, declined renewal, recovery)
 * walked once with orderly delivery and once with every event delivered twice and shuffled ends in the same state,
 * with the same history. Moves the emulator clock.
 */
@E2e
@Order(120)
class DuplicatedShuffledDeliveryE2eTest {

    @Test
    void duplicatedAndShuffledDeliveryGivesTheSameEndStateAsOrderlyDelivery(E2eSuite suite) {
        StripeEmulator emulator = suite.emulator();
        IngestApi ingest = new IngestApi(suite);
        Shop shop = Shop.open(Storefront.direct(suite));

        MembershipApi memberships = new MembershipApi(suite);
        Buyer orderly = Actors.member();
        Journeys.Outcome expected = Journeys.declinedRenewalThenRecovery(suite, shop, shop.tier(700), orderly);
        emulator.awaitDelivered();
        // Taken now: the second journey moves the clock on, and this subscription renews again meanwhile.
        List<String> expectedState = normalized(
                memberships.membership(expected.membership().path("id").asText(), orderly.token()),
                memberships.entitlements(orderly.token(), true));

        double duplicatesBefore = ingest.duplicates();
        Buyer chaotic = Actors.member();
        Journeys.Outcome actual;
        emulator.delivery(true, true);
        try {
            actual = Journeys.declinedRenewalThenRecovery(suite, shop, shop.tier(700), chaotic);
            emulator.awaitDelivered();
        } finally {
            emulator.delivery(false, false);
        }

        assertThat(ingest.duplicates()).as(() -> "the ingest service saw the duplicates (and stored each event once); "
                        + "emulator delivery: " + emulator.deliveryStatus().toString().substring(0, 300)
                        + "\ningest metrics:\n" + ingest.ingestMetrics())
                .isGreaterThan(duplicatesBefore);
        // Every event of the journey has been delivered (twice) by now, so late arrivals had their chance.
        assertThat(normalized(memberships.membership(actual.membership().path("id").asText(), chaotic.token()),
                memberships.entitlements(chaotic.token(), true)))
                .isEqualTo(expectedState);
    }

    /** The state without what necessarily differs between two buyers (ids, times). */
    private static List<String> normalized(JsonNode membership, JsonNode entitlements) {
        List<String> state = new ArrayList<>();
        state.add("status=" + membership.path("status").asText());
        state.add("legacyStatus=" + membership.path("legacyStatus").asText());
        state.add("cancelAtPeriodEnd=" + membership.path("cancelAtPeriodEnd").asBoolean());
        state.add("statusReason=" + membership.path("statusReason").asText());
        state.add("grace=" + !membership.path("graceUntil").isNull());
        state.addAll(MembershipApi.transitions(membership));
        List<String> grants = new ArrayList<>();
        for (JsonNode grant : entitlements) {
            grants.add("grant " + grant.path("kind").asText() + " " + grant.path("resource").asText().replaceAll(":.*", "")
                    + " " + grant.path("status").asText() + " " + grant.path("revokeReason").asText());
        }
        grants.sort(null);
        state.addAll(grants);
        return state;
    }
}
