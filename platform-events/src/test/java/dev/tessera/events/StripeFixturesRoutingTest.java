package dev.tessera.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every resource in Stripe's own fixtures ({@code shared/stripe/fixtures3.json}) wrapped in an event
 * routes to a topic with a non-blank key, and the resources Tessera lives on go where the
 * architecture says.
 */
class StripeFixturesRoutingTest {

    /** Resource names whose events are named differently from the resource. */
    private static final Map<String, String> EVENT_PREFIX = Map.of(
            "dispute", "charge.dispute",
            "subscription", "customer.subscription");

    private static final Map<String, String> EXPECTED_TOPIC = Map.of(
            "checkout.session", Topics.STRIPE_CHECKOUT,
            "subscription", Topics.STRIPE_BILLING,
            "invoice", Topics.STRIPE_BILLING,
            "customer", Topics.STRIPE_BILLING,
            "payment_intent", Topics.STRIPE_PAYMENTS,
            "charge", Topics.STRIPE_PAYMENTS,
            "refund", Topics.STRIPE_PAYMENTS,
            "dispute", Topics.STRIPE_DISPUTES,
            "account", Topics.STRIPE_CONNECT,
            "payout", Topics.STRIPE_CONNECT);

    static JsonNode fixtures() throws IOException {
        for (Path candidate : new Path[] {Path.of("../../shared/stripe/fixtures3.json"), Path.of("../shared/stripe/fixtures3.json")}) {
            if (Files.exists(candidate)) {
                return EventJson.mapper().readTree(candidate.toFile()).get("resources");
            }
        }
        throw new IllegalStateException("shared/stripe/fixtures3.json not found beside the repository");
    }

    @Test
    void everyFixtureResourceRoutes() throws IOException {
        JsonNode resources = fixtures();
        int routed = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            String type = EVENT_PREFIX.getOrDefault(resource.getKey(), resource.getKey()) + ".updated";
            ObjectNode event = EventJson.mapper().createObjectNode();
            event.put("id", "evt_fixture_" + routed);
            event.put("object", "event");
            event.put("type", type);
            event.putObject("data").set("object", resource.getValue());

            StripeRoute route = StripeRouting.route(event);

            assertThat(route.key()).as(type).isNotBlank();
            assertThat(Topics.STRIPE_TOPICS).as(type).contains(route.topic());
            if (EXPECTED_TOPIC.containsKey(resource.getKey())) {
                assertThat(route.topic()).as(type).isEqualTo(EXPECTED_TOPIC.get(resource.getKey()));
            }
            routed++;
        }
        assertThat(routed).isGreaterThan(150);
    }
}
