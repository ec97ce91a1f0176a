package dev.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tessera.e2e.harness.Actors;
import dev.tessera.e2e.harness.E2e;
import dev.tessera.e2e.harness.E2eSuite;
import dev.tessera.e2e.harness.IngestApi;
import dev.tessera.e2e.harness.KafkaGroups;
import dev.tessera.e2e.harness.MembershipApi;
import dev.tessera.e2e.harness.ServiceState;
import dev.tessera.e2e.harness.Shop;
import dev.tessera.e2e.harness.Storefront;
import dev.tessera.events.Topics;

/**
 * Replays are normal operations (ARCHITECTURE.md): republishing every Stripe event from the ingest store, or
 * rewinding the consumer groups to the earliest offset, leaves what every service shows unchanged. Runs last, over
 * everything the earlier scenarios left behind (and a purchase of its own, so it never compares nothing).
 */
@E2e
@Order(200)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayE2eTest {

    @Test
    @Order(1)
    void republishingEveryStoredStripeEventChangesNothing(E2eSuite suite) {
        ensureSomeState(suite);
        ServiceState.awaitQuiet(suite);
        Map<String, JsonNode> before = ServiceState.snapshot(suite);
        long storedBefore = new IngestApi(suite).counts().path("total").asLong();

        long replayed = new IngestApi(suite).replaySince(Instant.EPOCH);

        assertThat(replayed).as("every stored event is republished").isPositive().isGreaterThanOrEqualTo(storedBefore);
        ServiceState.awaitQuiet(suite);
        assertThat(ServiceState.snapshot(suite)).isEqualTo(before);
        assertNothingDeadLettered(suite);
        assertNoSubscriptionCancelledTwice(suite);
    }

    @Test
    @Order(2)
    void rewindingEveryConsumerGroupToTheEarliestOffsetChangesNothing(E2eSuite suite) {
        ServiceState.awaitQuiet(suite);
        Map<String, JsonNode> before = ServiceState.snapshot(suite);
        List<String> consumers = ServiceState.CONSUMERS.stream().filter(suite::isRunning).toList();

        // As `./tessera-local replay-group` does it: Kafka resets only a group without members, so each service
        // is stopped, its group rewound on every topic it consumes, and the service started again.
        Map<String, List<String>> topics = new HashMap<>();
        try (KafkaGroups groups = new KafkaGroups(suite.kafkaBootstrapServers())) {
            consumers.forEach(service -> topics.put(service, ServiceState.consumedTopics(groups, service)));
            suite.stop(consumers);
            for (String service : consumers) {
                groups.resetToEarliest(service, topics.get(service));
                assertThat(groups.lag(service, topics.get(service))).as(service + " rewound").isPositive();
            }
        }
        suite.start(consumers);

        ServiceState.awaitQuiet(suite);
        assertThat(ServiceState.snapshot(suite)).isEqualTo(before);
        assertNothingDeadLettered(suite);
        assertNoSubscriptionCancelledTwice(suite);
    }

    /** A purchase of this class's own, so there is state to compare even when it runs alone. */
    private static void ensureSomeState(E2eSuite suite) {
        Shop shop = Shop.open(Storefront.direct(suite));
        var buyer = Actors.member();
        var purchase = shop.store().buy(buyer, shop.course(1900));
        new MembershipApi(suite).awaitAccess(buyer, "course:" + purchase.session().path("metadata")
                .path("tessera_offering_id").asText(), true);
    }

    private static void assertNothingDeadLettered(E2eSuite suite) {
        MembershipApi memberships = new MembershipApi(suite);
        String ops = Actors.ops();
        for (String topic : List.of(Topics.STRIPE_CHECKOUT, Topics.STRIPE_BILLING, Topics.STRIPE_PAYMENTS)) {
            assertThat(memberships.deadLetters(topic, ops)).as("membership-service dead letters of " + topic).isEmpty();
        }
    }

    /** A replayed tier switch must not cancel anything again. */
    private static void assertNoSubscriptionCancelledTwice(E2eSuite suite) {
        Map<String, Integer> deletions = new HashMap<>();
        suite.emulator().listAll("/v1/events", Map.of("type", "customer.subscription.deleted")).forEach(event ->
                deletions.merge(event.path("data").path("object").path("id").asText(), 1, Integer::sum));
        assertThat(deletions).allSatisfy((subscription, count) -> assertThat(count).as(subscription).isEqualTo(1));
    }
}
