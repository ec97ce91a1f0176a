package dev.tessera.deploy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tessera.events.EventJson;

/**
 * {@code ./tessera-local demo}: a seller puts a monthly membership tier on sale through checkout-service's catalog
 * API, a new member buys it through the Stripe emulator's checkout, and the demo follows the payment through the
 * suite (emulator webhook, ingest, Kafka, checkout-service, membership-service, ledger-service, notification-service)
 * and prints the membership, the ledger entries of the payment and the receipt. Each step is printed as it happens,
 * with its timing; the first step that fails ends the demo, naming the step and showing the end of the logs of the
 * services it depends on.
 *
 * <p>Every run uses fresh ids (seller, member, e-mail address), so runs never see each other's data and the
 * persistent state of {@code .local/} does not matter. ledger-service and notification-service are optional: a
 * service that is not running is reported as skipped; once it runs, its part of the demo runs too.
 */
final class Demo {

    static final String CHECKOUT = "checkout-service";
    static final String MEMBERSHIP = "membership-service";
    static final String LEDGER = "ledger-service";
    static final String NOTIFICATION = "notification-service";
    /** What the purchase itself goes through. */
    static final List<String> REQUIRED = List.of(ServiceCatalog.EMULATOR, ServiceCatalog.INGEST, CHECKOUT, MEMBERSHIP);

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    // Each asynchronous hop (webhook delivery, ingest, Kafka, a consumer) takes well under a second on an idle
    // machine; the margin is for 2 busy cores.
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** checkout-service sets expires_at from the wall clock; the emulator refuses it once its own clock is ahead. */
    private static final long MAX_EMULATOR_CLOCK_AHEAD_SECONDS = 20 * 60;
    private static final int LOG_TAIL_LINES = 30;
    private static final long TIER_PRICE = 2900;
    private static final String CURRENCY = "EUR";
    private static final String GROUP_NAME = "Demo Running Club";
    private static final String TIER_NAME = "Gold";

    /** A step that did not do what it should, with the services whose logs tell why. */
    static final class StepFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private String step;
        private List<String> services = List.of();

        StepFailure(String message) {
            super(message);
        }
    }

    /** One observation of a poll: done with a value, or not yet, saying what was seen. */
    private record Seen<T>(T value, String description) {

        static <T> Seen<T> done(T value) {
            return new Seen<>(value, null);
        }

        static <T> Seen<T> notYet(String description) {
            return new Seen<>(null, description);
        }
    }

    private final LocalIdentity identity;
    private final SuiteLayout layout;
    private final Set<String> running;
    private final long startedAt = System.nanoTime();
    private final String emulator = ServiceCatalog.byName(ServiceCatalog.EMULATOR).orElseThrow().baseUrl();
    private final String checkout = url(CHECKOUT);
    private final String membership = url(MEMBERSHIP);
    private final String sellerId;
    private final String memberId;
    private final String memberEmail;
    private final String runId;
    private int steps;

    /**
     * @param running the services that run (and are ready); the emulator, ingest, checkout-service and
     *        membership-service are required
     */
    Demo(LocalIdentity identity, SuiteLayout layout, Set<String> running) {
        this.identity = identity;
        this.layout = layout;
        this.running = running;
        this.runId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        this.sellerId = "sel_demo_" + runId;
        this.memberId = "demo-member-" + runId;
        this.memberEmail = "member-" + runId + "@example.com";
    }

    /** Runs the demo, printing as it goes; answers whether every step succeeded. */
    boolean run() {
        System.out.println();
        System.out.println("Demo: a new member buys a monthly membership tier through the Stripe emulator's checkout");
        System.out.println("  seller " + sellerId + " (token sub demo-seller-" + runId + "), member " + memberId + " <"
                + memberEmail + ">");
        List<String> optional = new ArrayList<>();
        for (String service : List.of(LEDGER, NOTIFICATION)) {
            optional.add(service + (running.contains(service) ? " running" : " not running"));
        }
        System.out.println("  " + String.join(", ", optional));
        try {
            List<String> missing = REQUIRED.stream().filter(service -> !running.contains(service)).toList();
            if (!missing.isEmpty()) {
                StepFailure failure = new StepFailure("the demo needs " + String.join(", ", missing)
                        + ", which " + (missing.size() == 1 ? "is" : "are") + " not running (not built? ./tessera-local build)");
                failure.step = "check the services";
                throw failure;
            }
            Outcome outcome = purchase();
            printOutcome(outcome);
            System.out.printf("%nDemo PASSED: %d steps in %.1f s%n", steps, elapsed());
            return true;
        } catch (StepFailure failure) {
            System.out.println();
            System.out.printf("Demo FAILED at step \"%s\" after %.1f s:%n  %s%n", failure.step, elapsed(),
                    failure.getMessage());
            for (String service : failure.services) {
                System.out.println();
                System.out.println("Last lines of " + layout.display(layout.logFile(service)) + ":");
                System.out.print(ChildProcess.tail(layout.logFile(service), LOG_TAIL_LINES));
            }
            return false;
        }
    }

    /** Everything the purchase produced, for the final printout. */
    private record Outcome(String groupId, String tierId, JsonNode checkout, JsonNode membership, Map<String, Boolean> access,
            JsonNode charge, Optional<List<JsonNode>> ledger, Optional<JsonNode> receipt) {
    }

    private Outcome purchase() {
        String sellerToken = identity.token("demo-seller-" + runId, List.of("seller"), List.of(sellerId), TOKEN_LIFETIME);
        String memberToken = identity.token(memberId, List.of("member"), List.of(), TOKEN_LIFETIME, memberEmail);

        step("check the emulator's clock", List.of(ServiceCatalog.EMULATOR), () -> {
            JsonNode clock = call("GET", emulator + "/_emulator/clock", null, null, 200);
            long ahead = clock.path("offset_seconds").asLong();
            if (ahead > MAX_EMULATOR_CLOCK_AHEAD_SECONDS) {
                throw new StepFailure("the emulator's clock is " + ahead + " s ahead of the wall clock (something advanced"
                        + " it), so it would refuse checkout-service's sessions; restart the suite (the emulator keeps"
                        + " nothing) or POST " + emulator + "/_emulator/reset");
            }
            return clock;
        }, clock -> "emulator time " + DemoViews.epochSeconds(clock.path("now")) + ", " + clock.path("offset_seconds").asLong()
                + " s ahead of the wall clock");

        String groupId = step("seller creates the group \"" + GROUP_NAME + "\" and activates it (POST /catalog/groups)",
                List.of(CHECKOUT), () -> {
                    String id = call("POST", checkout + "/catalog/groups", sellerToken, json(
                            "sellerId", sellerId, "name", GROUP_NAME, "description", "Weekly runs (tessera-local demo)"), 201)
                            .path("id").asText();
                    return call("POST", checkout + "/catalog/groups/" + id + "/activate", sellerToken, null, 200);
                }, group -> group.path("id").asText() + " " + group.path("status").asText()).path("id").asText();

        String tierId = step("seller creates the monthly tier \"" + TIER_NAME + "\" at " + DemoViews.money(TIER_PRICE, CURRENCY)
                + " and activates it (POST /catalog/offerings)", List.of(CHECKOUT), () -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("sellerId", sellerId);
                    body.put("kind", "membership_tier");
                    body.put("groupId", groupId);
                    body.put("name", TIER_NAME);
                    body.put("description", "Every run, plus the monthly long run");
                    body.put("accessLevel", "gold");
                    body.put("benefits", List.of("weekly group runs", "training plans"));
                    body.put("price", Map.of("amountMinor", TIER_PRICE, "currency", CURRENCY, "interval", "month"));
                    String id = call("POST", checkout + "/catalog/offerings", sellerToken, EventJson.write(body), 201)
                            .path("id").asText();
                    call("POST", checkout + "/catalog/offerings/" + id + "/activate", sellerToken, null, 200);
                    return id;
                }, id -> id + " active");

        step("checkout-service syncs the tier to the emulator (Stripe product and price)",
                List.of(CHECKOUT, ServiceCatalog.EMULATOR), () -> await(() -> {
                    JsonNode offering = call("GET", checkout + "/catalog/offerings/" + tierId, sellerToken, null, 200);
                    String state = offering.path("syncState").asText();
                    if ("failed".equals(state)) {
                        throw new StepFailure("checkout-service marked the sync of " + tierId + " failed");
                    }
                    String price = offering.path("price").path("stripePriceId").asText("");
                    return "synced".equals(state) && !price.isEmpty() ? Seen.done(offering)
                            : Seen.notYet("syncState " + state + ", Stripe price " + (price.isEmpty() ? "none yet" : price));
                }), offering -> "product " + DemoViews.text(offering, "stripeProductId") + ", price "
                        + DemoViews.text(offering.path("price"), "stripePriceId"));

        JsonNode opened = step("the new member opens a checkout for the tier (POST /checkouts)", List.of(CHECKOUT,
                ServiceCatalog.EMULATOR), () -> {
                    JsonNode view = call("POST", checkout + "/checkouts", memberToken, json("offeringId", tierId), 201,
                            Map.of("Idempotency-Key", "tessera-local-demo-" + runId));
                    if (!"open".equals(view.path("status").asText()) || view.path("stripeSessionId").asText("").isEmpty()) {
                        throw new StepFailure("expected an open checkout with a Checkout Session, got " + abbreviate(view));
                    }
                    return view;
                }, view -> view.path("id").asText() + " open, session " + view.path("stripeSessionId").asText()
                        + ", " + view.path("mode").asText() + " mode\n  hosted page (open it to pay by hand instead): "
                        + view.path("url").asText());
        String checkoutId = opened.path("id").asText();
        String sessionId = opened.path("stripeSessionId").asText();

        JsonNode session = step("the member pays on the emulator (POST /_emulator/checkout_sessions/" + sessionId
                + "/pay, the hosted page's Pay button)", List.of(ServiceCatalog.EMULATOR), () -> {
                    JsonNode paid = call("POST", emulator + "/_emulator/checkout_sessions/" + sessionId + "/pay", null,
                            json("email", memberEmail, "name", "Demo Member " + runId), 200);
                    if (!"complete".equals(paid.path("status").asText()) || !"paid".equals(paid.path("payment_status").asText())) {
                        throw new StepFailure("the session is " + paid.path("status").asText() + "/"
                                + paid.path("payment_status").asText() + " after paying: " + abbreviate(paid));
                    }
                    return paid;
                }, paid -> "session complete and paid: subscription " + DemoViews.text(paid, "subscription")
                        + ", invoice " + DemoViews.text(paid, "invoice") + ", "
                        + DemoViews.money(paid.path("amount_total").asLong(), paid.path("currency").asText()));

        JsonNode completed = step("checkout-service sees the payment (emulator webhook -> ingest -> stripe.checkout)",
                List.of(ServiceCatalog.EMULATOR, ServiceCatalog.INGEST, CHECKOUT), () -> await(() -> {
                    JsonNode view = call("GET", checkout + "/checkouts/" + checkoutId, memberToken, null, 200);
                    String status = view.path("status").asText();
                    if (Set.of("failed", "expired", "cancelled", "payment_failed").contains(status)) {
                        throw new StepFailure("checkout " + checkoutId + " is " + status);
                    }
                    return "completed".equals(status) ? Seen.done(view) : Seen.notYet("status " + status
                            + " (the emulator's webhook deliveries: GET " + emulator + "/_emulator/delivery)");
                }), view -> checkoutId + " completed at " + DemoViews.text(view, "completedAt"));

        JsonNode active = step("membership-service activates the membership (GET /me/memberships)",
                List.of(ServiceCatalog.INGEST, MEMBERSHIP), () -> await(() -> {
                    JsonNode list = call("GET", membership + "/me/memberships", memberToken, null, 200);
                    Optional<JsonNode> found = DemoViews.membershipOf(list, tierId);
                    if (found.isPresent() && "active".equals(found.get().path("status").asText())) {
                        return Seen.done(found.get());
                    }
                    return Seen.notYet(found.map(m -> "membership " + m.path("id").asText() + " is "
                            + m.path("status").asText()).orElse("no membership of " + tierId + " yet"));
                }), m -> m.path("id").asText() + " active until " + DemoViews.text(m, "currentPeriodEnd"));
        String membershipId = active.path("id").asText();

        List<String> resources = List.of("tier:" + tierId, "group:" + groupId);
        Map<String, Boolean> access = step("membership-service grants access (GET /access?resource=...)",
                List.of(MEMBERSHIP), () -> await(() -> {
                    Map<String, Boolean> answers = new LinkedHashMap<>();
                    for (String resource : resources) {
                        answers.put(resource, call("GET", membership + "/access?resource=" + encode(resource), memberToken,
                                null, 200).path("allowed").asBoolean());
                    }
                    return answers.values().stream().allMatch(Boolean::booleanValue) ? Seen.done(answers)
                            : Seen.notYet("allowed: " + answers);
                }), answers -> String.join(", ", answers.keySet()) + " allowed");

        JsonNode charge = step("find the payment in the emulator (invoice payment, charge, Stripe fee)",
                List.of(ServiceCatalog.EMULATOR), () -> chargeOf(session.path("invoice").asText()),
                c -> c.path("id").asText() + " " + DemoViews.money(c.path("amount").asLong(), c.path("currency").asText())
                        + ", fee " + DemoViews.money(c.path("balance_transaction").path("fee").asLong(),
                                c.path("currency").asText())
                        + ", net " + DemoViews.money(c.path("balance_transaction").path("net").asLong(),
                                c.path("currency").asText()));

        Optional<List<JsonNode>> ledger = Optional.empty();
        if (running.contains(LEDGER)) {
            String financeToken = identity.token("demo-finance-" + runId, List.of("finance"), List.of(), TOKEN_LIFETIME);
            String chargeId = charge.path("id").asText();
            String balanceTransaction = charge.path("balance_transaction").path("id").asText(null);
            ledger = Optional.of(step("ledger-service posts the payment (GET /reports/sellers/" + sellerId + "/transactions)",
                    List.of(ServiceCatalog.INGEST, MEMBERSHIP, LEDGER), () -> await(() -> {
                        JsonNode page = call("GET", url(LEDGER) + "/reports/sellers/" + encode(sellerId)
                                + "/transactions?limit=50", financeToken, null, 200);
                        List<JsonNode> transactions = DemoViews.ledgerTransactionsOf(page, chargeId, balanceTransaction);
                        return transactions.isEmpty() ? Seen.notYet(page.path("transactions").size()
                                + " transactions of the seller, none of charge " + chargeId) : Seen.done(transactions);
                    }), transactions -> transactions.size() + " journal transaction(s) of " + chargeId));
        } else {
            skip("ledger-service not running: no ledger entries (they are printed here once it is built and runs)");
        }

        Optional<JsonNode> receipt = Optional.empty();
        if (running.contains(NOTIFICATION)) {
            receipt = Optional.of(step("notification-service sends the receipt (GET /dev/inbox?to=" + memberEmail + ")",
                    List.of(ServiceCatalog.INGEST, NOTIFICATION), () -> await(() -> {
                        JsonNode inbox = call("GET", url(NOTIFICATION) + "/dev/inbox?to=" + encode(memberEmail) + "&limit=20",
                                null, null, 200);
                        Optional<JsonNode> found = DemoViews.receipt(inbox);
                        if (found.isPresent() && "SENT".equals(found.get().path("status").asText())) {
                            return Seen.done(found.get());
                        }
                        return Seen.notYet(found.map(r -> "receipt " + r.path("id").asText() + " is "
                                + r.path("status").asText()).orElse(inbox.size() + " message(s), no receipt yet"));
                    }), r -> "receipt " + r.path("id").asText() + " " + r.path("status").asText() + " at "
                            + DemoViews.text(r, "sentAt")));
        } else {
            skip("notification-service not running: no receipt");
        }

        JsonNode withHistory = step("read the membership with its history (GET /memberships/" + membershipId + ")",
                List.of(MEMBERSHIP), () -> call("GET", membership + "/memberships/" + membershipId, memberToken, null, 200),
                m -> m.path("history").size() + " transition(s)");
        return new Outcome(groupId, tierId, completed, withHistory, access, charge, ledger, receipt);
    }

    /** The charge that paid an invoice, with its balance transaction expanded. */
    private JsonNode chargeOf(String invoiceId) {
        if (invoiceId.isEmpty() || "null".equals(invoiceId)) {
            throw new StepFailure("the paid session names no invoice");
        }
        String auth = "Bearer " + LocalSecrets.API_KEY;
        JsonNode payments = stripe(emulator + "/v1/invoice_payments?invoice=" + encode(invoiceId), auth);
        String paymentIntent = null;
        for (JsonNode payment : payments.path("data")) {
            if ("paid".equals(payment.path("status").asText())) {
                paymentIntent = payment.path("payment").path("payment_intent").asText(null);
            }
        }
        if (paymentIntent == null) {
            throw new StepFailure("no paid invoice payment of " + invoiceId + ": " + abbreviate(payments));
        }
        String chargeId = stripe(emulator + "/v1/payment_intents/" + paymentIntent, auth).path("latest_charge").asText("");
        if (chargeId.isEmpty()) {
            throw new StepFailure("payment intent " + paymentIntent + " has no charge");
        }
        return stripe(emulator + "/v1/charges/" + chargeId + "?expand%5B%5D=balance_transaction", auth);
    }

    private JsonNode stripe(String url, String authorization) {
        Http.Answer answer = Http.get(url, Map.of("Authorization", authorization), CALL_TIMEOUT);
        return parse("GET " + url, answer, 200);
    }

    private void printOutcome(Outcome outcome) {
        JsonNode m = outcome.membership();
        System.out.println();
        System.out.println("Membership " + DemoViews.text(m, "id"));
        System.out.println("  status        " + DemoViews.text(m, "status") + " (legacy status "
                + DemoViews.text(m, "legacyStatus") + ")" + (m.path("cancelAtPeriodEnd").asBoolean()
                        ? ", cancels at period end" : ""));
        System.out.println("  tier          " + TIER_NAME + " (" + outcome.tierId() + ", " + DemoViews.money(TIER_PRICE, CURRENCY)
                + " a month) of \"" + GROUP_NAME + "\" (" + outcome.groupId() + "), seller " + DemoViews.text(m, "sellerId"));
        System.out.println("  holder        " + DemoViews.text(m, "userId") + " <" + memberEmail + ">");
        System.out.println("  period end    " + DemoViews.text(m, "currentPeriodEnd"));
        System.out.println("  subscription  " + DemoViews.text(m, "stripeSubscriptionId") + " (checkout "
                + outcome.checkout().path("id").asText() + ")");
        System.out.println("  access        " + outcome.access().entrySet().stream()
                .map(e -> e.getKey() + (e.getValue() ? " allowed" : " denied")).reduce((a, b) -> a + ", " + b).orElse("-"));
        List<String> history = DemoViews.history(m);
        for (int i = 0; i < history.size(); i++) {
            System.out.println((i == 0 ? "  history       " : "                ") + history.get(i));
        }

        JsonNode charge = outcome.charge();
        String currency = charge.path("currency").asText();
        System.out.println();
        System.out.println("Payment in the emulator: charge " + charge.path("id").asText() + " "
                + DemoViews.money(charge.path("amount").asLong(), currency) + ", Stripe fee "
                + DemoViews.money(charge.path("balance_transaction").path("fee").asLong(), currency) + ", net "
                + DemoViews.money(charge.path("balance_transaction").path("net").asLong(), currency)
                + ", available to the platform from " + DemoViews.epochSeconds(charge.path("balance_transaction").path("available_on")));

        System.out.println();
        if (outcome.ledger().isPresent()) {
            System.out.println("Ledger entries of charge " + charge.path("id").asText() + " (ledger-service):");
            for (JsonNode transaction : outcome.ledger().get()) {
                DemoViews.ledgerTransaction(transaction).forEach(line -> System.out.println("  " + line));
            }
        } else {
            System.out.println("Ledger entries: ledger-service not running, skipped.");
        }

        System.out.println();
        if (outcome.receipt().isPresent()) {
            JsonNode receipt = outcome.receipt().get();
            System.out.println("Receipt e-mail (notification-service /dev/inbox, " + DemoViews.text(receipt, "status") + " to "
                    + DemoViews.text(receipt, "to") + "):");
            System.out.println("  Subject: " + DemoViews.text(receipt, "subject"));
            for (String line : receipt.path("text").asText("").split("\r?\n")) {
                System.out.println("  | " + line);
            }
        } else {
            System.out.println("Receipt: notification-service not running, skipped.");
        }
    }

    /**
     * Prints the step's title with the time since the demo began, runs it, and prints its result and duration. A
     * {@link StepFailure} gets the step's name and services attached.
     */
    private <T> T step(String title, List<String> services, Supplier<T> action, Function<T, String> summary) {
        steps++;
        System.out.printf("  [%5.1f s] %d. %s%n", elapsed(), steps, title);
        long begun = System.nanoTime();
        T result;
        try {
            result = action.get();
        } catch (StepFailure failure) {
            failure.step = steps + ". " + title;
            failure.services = services;
            System.out.printf("            FAILED after %.1f s%n", (System.nanoTime() - begun) / 1e9);
            throw failure;
        }
        String[] lines = summary.apply(result).split("\n");
        System.out.printf("            -> %s (%.1f s)%n", lines[0], (System.nanoTime() - begun) / 1e9);
        for (int i = 1; i < lines.length; i++) {
            System.out.println("            " + lines[i]);
        }
        return result;
    }

    private void skip(String message) {
        System.out.printf("  [%5.1f s] -- %s%n", elapsed(), message);
    }

    /** Polls every half second until {@code probe} is done; fails with what it saw last when {@link #WAIT} is over. */
    private static <T> T await(Supplier<Seen<T>> probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Seen<T> seen;
        while (true) {
            seen = probe.get();
            if (seen.value() != null) {
                return seen.value();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new StepFailure("not within " + WAIT.toSeconds() + " s; last seen: " + seen.description());
            }
            Sleep.millis(500);
        }
    }

    private static JsonNode call(String method, String url, String token, String body, int expected) {
        return call(method, url, token, body, expected, Map.of());
    }

    /** One JSON call; anything but {@code expected} fails the step with what the service answered. */
    private static JsonNode call(String method, String url, String token, String body, int expected,
            Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Accept", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        Http.Answer answer;
        if ("GET".equals(method)) {
            answer = Http.get(url, headers, CALL_TIMEOUT);
        } else {
            headers.put("Content-Type", "application/json");
            answer = Http.post(url, headers, body == null ? "" : body, CALL_TIMEOUT);
        }
        return parse(method + " " + url, answer, expected);
    }

    private static JsonNode parse(String request, Http.Answer answer, int expected) {
        if (!answer.answered()) {
            throw new StepFailure(request + ": no answer (" + answer.body() + ")");
        }
        if (answer.status() != expected) {
            throw new StepFailure(request + " answered HTTP " + answer.status() + " (expected " + expected + "): "
                    + abbreviate(answer.body()));
        }
        try {
            return EventJson.tree(answer.body());
        } catch (RuntimeException e) {
            throw new StepFailure(request + " answered something that is not JSON: " + abbreviate(answer.body()));
        }
    }

    /** A JSON object of alternating names and values. */
    private static String json(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return EventJson.write(body);
    }

    private static String url(String service) {
        return ServiceCatalog.byName(service).orElseThrow().baseUrl();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(Object value) {
        String flat = String.valueOf(value).replaceAll("\\s+", " ").trim();
        return flat.length() <= 400 ? flat : flat.substring(0, 400) + "...";
    }

    private double elapsed() {
        return (System.nanoTime() - startedAt) / 1e9;
    }
}
