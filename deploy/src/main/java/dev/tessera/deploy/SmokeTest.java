package dev.tessera.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tessera.events.EventJson;
import dev.tessera.events.StripeHeaders;
import dev.tessera.events.StripeRoute;
import dev.tessera.events.StripeRouting;
import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.StripeSigner;
import dev.tessera.testing.TopicReader;
import dev.tessera.testing.TopicRecord;

/**
 * Proves that a started suite works end to end, the way Stripe would exercise it: a signed
 * {@code charge.succeeded} event (Stripe's own example charge from {@code shared/stripe/fixtures3.json}) posted to
 * the ingest webhook is stored, published to {@code stripe.payments} under its payment intent, and visible through
 * the JWT-protected ops API; when the emulator runs, an object created through its API reaches the ingest service
 * as a signed webhook. Each check is printed as PASS or FAIL; the first failure does not hide the others
 * unless they depend on it.
 */
final class SmokeTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    // The outbox relay publishes within a second; a cold Kafka producer may need a few more.
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private record Check(String name, boolean passed, String detail) {
    }

    private final List<Check> checks = new ArrayList<>();
    private final LocalSecrets secrets;
    private final LocalIdentity identity;
    private final String kafkaBootstrapServers;
    private final boolean emulatorRunning;
    private final String ingest;
    private String opsToken;

    SmokeTest(LocalSecrets secrets, LocalIdentity identity, String kafkaBootstrapServers, boolean emulatorRunning) {
        this.secrets = secrets;
        this.identity = identity;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.emulatorRunning = emulatorRunning;
        this.ingest = ServiceCatalog.byName(ServiceCatalog.INGEST).orElseThrow().baseUrl();
    }

    /** Runs every check, prints the summary and answers whether all passed. */
    boolean run() {
        long started = System.nanoTime();
        System.out.println();
        System.out.println("Smoke test");
        if (emulatorRunning) {
            checkEmulator();
        }
        String eventId = null;
        StripeRoute route = null;
        try {
            ObjectNode charge = StripeEventFixtures.object("charge");
            // Fresh ids, so this run's record is told apart from earlier runs' on the persistent topic.
            String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            charge.put("id", "ch_smoke_" + suffix);
            charge.put("payment_intent", "pi_smoke_" + suffix);
            StripeEventFixtures.Builder event = StripeEventFixtures.event("charge.succeeded", charge);
            eventId = event.id();
            route = StripeRouting.route(event.node());
            checkWebhook(event.json());
        } catch (RuntimeException e) {
            record("build a charge.succeeded event from shared/stripe/fixtures3.json", false, e.getMessage());
        }
        checkBadSignatureRejected();
        if (eventId != null && passed("ingest stores a signed charge.succeeded webhook")) {
            checkPublished(eventId, route);
            checkOpsApi(eventId);
        }
        checkOpsApiNeedsToken();
        if (emulatorRunning) {
            checkEmulatorDelivers();
        }

        long failed = checks.stream().filter(check -> !check.passed()).count();
        System.out.printf("Smoke test %s: %d of %d checks passed in %.1f s%n", failed == 0 ? "PASSED" : "FAILED",
                checks.size() - failed, checks.size(), (System.nanoTime() - started) / 1e9);
        return failed == 0;
    }

    private void checkEmulator() {
        Http.Answer answer = Http.get("http://127.0.0.1:" + ServiceCatalog.EMULATOR_PORT + "/v1/account",
                Map.of("Authorization", "Bearer " + LocalSecrets.API_KEY), CALL_TIMEOUT);
        record("Stripe emulator answers GET /v1/account with " + LocalSecrets.API_KEY, answer.status() == 200,
                describe(answer));
    }

    private void checkWebhook(String payload) {
        Http.Answer answer = Http.post(ingest + "/webhooks/stripe", Map.of(
                "Content-Type", "application/json",
                StripeSigner.HEADER, StripeSigner.signatureHeader(payload, secrets.webhookSecret())), payload, CALL_TIMEOUT);
        record("ingest stores a signed charge.succeeded webhook", answer.status() == 200 && answer.body().contains("stored"),
                describe(answer));
    }

    private void checkBadSignatureRejected() {
        String payload = StripeEventFixtures.event("charge.succeeded", StripeEventFixtures.object("charge")).json();
        Http.Answer answer = Http.post(ingest + "/webhooks/stripe", Map.of(
                "Content-Type", "application/json",
                StripeSigner.HEADER, StripeSigner.signatureHeader(payload, "whsec_not_the_secret")), payload, CALL_TIMEOUT);
        record("ingest rejects a webhook signed with another secret",
                answer.status() >= 400 && answer.status() < 500, describe(answer));
    }

    private void checkPublished(String eventId, StripeRoute route) {
        String name = "the event is on " + route.topic() + " keyed by " + route.key() + " with its stripe-* headers";
        long deadline = System.nanoTime() + PUBLISH_TIMEOUT.toNanos();
        String problem = "not found within " + PUBLISH_TIMEOUT.toSeconds() + " s";
        while (System.nanoTime() - deadline < 0) {
            Optional<TopicRecord> found;
            try {
                // The topic keeps every earlier run's records too; read it all and look for ours.
                found = TopicReader.readAll(kafkaBootstrapServers, route.topic(), Duration.ofMillis(300)).stream()
                        .filter(record -> eventId.equals(record.header(StripeHeaders.EVENT_ID)))
                        .findFirst();
            } catch (AssertionError e) {
                problem = e.getMessage();
                found = Optional.empty();
            }
            if (found.isPresent()) {
                TopicRecord record = found.get();
                boolean ok = route.key().equals(record.key())
                        && "charge.succeeded".equals(record.header(StripeHeaders.EVENT_TYPE))
                        && record.header(StripeHeaders.RECEIVED_AT) != null
                        && EventJson.tree(record.value()).path("id").asText().equals(eventId);
                record(name, ok, "partition " + record.partition() + " offset " + record.offset() + ", key "
                        + record.key() + ", headers " + record.headers().keySet());
                return;
            }
            Sleep.millis(500);
        }
        record(name, false, problem);
    }

    /**
     * The suite's wiring as a whole: the emulator signs its webhooks with the generated secret, delivers them to the
     * ingest service, and the ingest service verifies and stores them.
     */
    private void checkEmulatorDelivers() {
        String name = "the emulator delivers a signed customer.created webhook that ingest stores";
        Http.Answer created = Http.post("http://127.0.0.1:" + ServiceCatalog.EMULATOR_PORT + "/v1/customers",
                Map.of("Authorization", "Bearer " + LocalSecrets.API_KEY,
                        "Content-Type", "application/x-www-form-urlencoded"),
                "email=smoke%40tessera.local&name=Tessera+smoke+test", CALL_TIMEOUT);
        if (created.status() != 200) {
            record(name, false, "POST /v1/customers: " + describe(created));
            return;
        }
        String customerId = EventJson.tree(created.body()).path("id").asText();
        long deadline = System.nanoTime() + PUBLISH_TIMEOUT.toNanos();
        Http.Answer answer;
        do {
            answer = Http.get(ingest + "/ops/events?type=customer.created&limit=50", Map.of("Authorization", "Bearer "
                    + opsToken()), CALL_TIMEOUT);
            if (answer.status() == 200) {
                // The list leaves payloads out; a customer event's routing key is the customer id.
                for (JsonNode event : EventJson.tree(answer.body()).path("events")) {
                    if (customerId.equals(event.path("key").asText())) {
                        record(name, true, "customer " + customerId + " -> event " + event.path("id").asText() + ", "
                                + event.path("state").asText());
                        return;
                    }
                }
            }
            Sleep.millis(500);
        } while (System.nanoTime() - deadline < 0);
        record(name, false, "no customer.created event for " + customerId + " stored within "
                + PUBLISH_TIMEOUT.toSeconds() + " s (last answer " + describe(answer) + "); the emulator's delivery log: "
                + "GET http://127.0.0.1:" + ServiceCatalog.EMULATOR_PORT + "/_emulator/delivery");
    }

    private String opsToken() {
        if (opsToken == null) {
            opsToken = identity.token("tessera-local-smoke", List.of("ops"), List.of(), Duration.ofMinutes(10));
        }
        return opsToken;
    }

    private void checkOpsApi(String eventId) {
        String token = opsToken();
        String name = "GET /ops/events/" + eventId + " with an ops token shows it published";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Http.Answer answer;
        String state = "";
        do {
            answer = Http.get(ingest + "/ops/events/" + eventId, Map.of("Authorization", "Bearer " + token), CALL_TIMEOUT);
            if (answer.status() != 200) {
                break;
            }
            JsonNode view = EventJson.tree(answer.body());
            state = view.path("state").asText();
            if ("published".equals(state) && eventId.equals(view.path("id").asText())) {
                record(name, true, "state " + state + ", topic " + view.path("topic").asText() + ", key "
                        + view.path("key").asText());
                return;
            }
            Sleep.millis(500);
        } while (System.nanoTime() - deadline < 0);
        record(name, false, answer.status() == 200 ? "state is still " + state : describe(answer));
    }

    private void checkOpsApiNeedsToken() {
        Http.Answer answer = Http.get(ingest + "/ops/events/counts", Map.of(), CALL_TIMEOUT);
        record("the ops API refuses a call without a token", answer.status() == 401, describe(answer));
    }

    private void record(String name, boolean passed, String detail) {
        checks.add(new Check(name, passed, detail));
        System.out.printf("  %s  %s%n", passed ? "PASS" : "FAIL", name);
        if (detail != null && !detail.isBlank()) {
            System.out.printf("        %s%n", detail);
        }
    }

    private boolean passed(String name) {
        return checks.stream().anyMatch(check -> check.name().equals(name) && check.passed());
    }

    private static String describe(Http.Answer answer) {
        if (!answer.answered()) {
            return answer.body();
        }
        String body = answer.body().replaceAll("\\s+", " ").trim();
        return "HTTP " + answer.status() + (body.isEmpty() ? "" : " " + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
    }
}
