package dev.tessera.e2e.harness;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tessera.events.Topics;

/**
 * What the services know, read through their APIs, for comparing before and after a replay: every buyer's
 * memberships with their full histories and every grant (revoked ones too) from membership-service; every checkout
 * and offering the scenarios made through checkout-service (status, seats); every e-mail notification-service
 * queued (a replay must not queue another); the ledger's trial balance. Services that do not run are left out.
 * Equal snapshots mean the replay changed nothing anybody can see.
 */
public final class ServiceState {

    /** Something a scenario created, to be read back with GET {@code path} as {@code token} (null: no token). */
    private record Tracked(String label, String service, String path, String token) {
    }

    private static final List<Tracked> TRACKED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Consumer services and their Kafka consumer group (each uses its own name). */
    public static final List<String> CONSUMERS = List.of(Services.MEMBERSHIP, Services.CHECKOUT, Services.LEDGER,
            Services.NOTIFICATION, Services.PAYOUT, Services.RISK);

    private ServiceState() {
    }

    /** Remembers an object a scenario created, so replays are checked against it too. */
    public static void track(String label, String service, String path, String token) {
        TRACKED.add(new Tracked(label, service, path, token));
    }

    public static Map<String, JsonNode> snapshot(E2eSuite suite) {
        Map<String, JsonNode> state = new TreeMap<>();
        if (suite.isRunning(Services.MEMBERSHIP)) {
            MembershipApi memberships = new MembershipApi(suite);
            for (String userId : Actors.everyBuyer()) {
                String token = dev.tessera.testing.TestJwt.member(userId);
                ObjectNode user = Http.object();
                var list = user.putArray("memberships");
                for (JsonNode membership : memberships.memberships(token)) {
                    list.add(memberships.membership(membership.path("id").asText(), token));
                }
                user.set("entitlements", memberships.entitlements(token, true));
                state.put("membership-service " + userId, user);
            }
        }
        for (Tracked tracked : TRACKED) {
            if (suite.isRunning(tracked.service())) {
                JsonNode view = Http.get(suite.url(tracked.service()) + tracked.path(), tracked.token()).require();
                state.put(tracked.service() + " " + tracked.label(), withoutClockFields(view.deepCopy()));
            }
        }
        if (suite.isRunning(Services.NOTIFICATION)) {
            state.put("notification-service deliveries", notifications(suite));
        }
        if (suite.isRunning(Services.LEDGER)) {
            JsonNode trialBalance = Http.get(suite.url(Services.LEDGER) + "/reports/trial-balance", Actors.finance()).require();
            state.put("ledger-service trial balance", withoutClockFields(trialBalance.deepCopy()));
        }
        return state;
    }

    /**
     * Every delivery notification-service has queued, by template, recipient and source: a replay must not add one.
     * (Their status and attempts move on by themselves as the sender works, so they are not compared.)
     */
    private static JsonNode notifications(E2eSuite suite) {
        String ops = Actors.ops();
        List<String> deliveries = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode items = Http.get(suite.url(Services.NOTIFICATION) + "/ops/deliveries?size=50&page=" + page, ops)
                    .require().path("items");
            items.forEach(d -> deliveries.add(String.join("|", d.path("template").asText(),
                    d.path("recipientEmail").asText(), d.path("recipientUserId").asText(), d.path("sourceType").asText(),
                    d.path("sourceKey").asText())));
            if (items.size() < 50) {
                break;
            }
        }
        deliveries.sort(null);
        var array = Http.JSON.createArrayNode();
        deliveries.forEach(array::add);
        return array;
    }

    /** Waits until every event so far went from the emulator through ingest and Kafka into every consumer. */
    public static void awaitQuiet(E2eSuite suite) {
        suite.assertAlive();
        suite.emulator().awaitDelivered();
        new IngestApi(suite).awaitPublished();
        try (KafkaGroups groups = new KafkaGroups(suite.kafkaBootstrapServers())) {
            for (String service : CONSUMERS) {
                if (suite.isRunning(service)) {
                    groups.awaitCaughtUp(service, consumedTopics(groups, service), java.time.Duration.ofSeconds(90));
                }
            }
        }
    }

    /** The topics a consumer group has committed offsets on (Stripe and domain topics). */
    public static List<String> consumedTopics(KafkaGroups groups, String group) {
        List<String> candidates = new java.util.ArrayList<>(Topics.STRIPE_TOPICS);
        candidates.addAll(Topics.DOMAIN_TOPICS);
        return groups.committed(group, candidates).keySet().stream().map(p -> p.topic()).distinct().sorted().toList();
    }

    /** Removes fields that say when a view was made or last touched rather than what it says. */
    private static JsonNode withoutClockFields(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.equals("generatedAt") || name.equals("asOf") || name.equals("updatedAt")) {
                    names.remove();
                }
            }
            object.forEach(ServiceState::withoutClockFields);
        } else if (node.isArray()) {
            node.forEach(ServiceState::withoutClockFields);
        }
        return node;
    }
}
