package dev.tessera.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tessera.e2e.harness.Actors.Buyer;
import dev.tessera.e2e.harness.Actors.Seller;
import dev.tessera.events.StripeMetadata;

/**
 * Sells through checkout-service's API: the seller creates and activates a group and an offering
 * ({@code /catalog}), checkout-service syncs them to Stripe, the buyer (or a guest, with an e-mail address) opens a
 * checkout with {@code POST /checkouts} and pays its session on the emulator's hosted page.
 */
public final class CheckoutServiceStorefront implements Storefront {

    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(45);

    private final String checkout;
    private final StripeEmulator emulator;

    public CheckoutServiceStorefront(E2eSuite suite) {
        this.checkout = suite.url(Services.CHECKOUT);
        this.emulator = suite.emulator();
        // checkout-service sets expires_at from the wall clock; the emulator refuses it once its clock is ahead.
        Duration ahead = emulator.offset();
        Assumptions.assumeTrue(ahead.compareTo(Duration.ofMinutes(20)) < 0, () -> "the emulator clock is " + ahead
                + " ahead of the wall clock (an earlier scenario moved it), so checkout-service's sessions would be"
                + " refused; scenarios selling through checkout-service run before those that move the clock");
    }

    @Override
    public String name() {
        return "checkout-service";
    }

    @Override
    public Group group(Seller seller) {
        ObjectNode body = Http.object().put("sellerId", seller.sellerId()).put("name", "E2E group " + Actors.id("g"))
                .put("description", "created by the end-to-end tests");
        String groupId = Http.post(checkout + "/catalog/groups", seller.token(), body).require().path("id").asText();
        Http.post(checkout + "/catalog/groups/" + groupId + "/activate", seller.token(), null).require();
        return new Group(seller.sellerId(), groupId);
    }

    @Override
    public Offering offering(Seller seller, Group group, String kind, long amountMinor, String currency, Integer capacity) {
        boolean recurring = kind.equals(StripeMetadata.KIND_MEMBERSHIP_TIER) || kind.equals(StripeMetadata.KIND_PLATFORM_PLAN);
        ObjectNode price = Http.object().put("amountMinor", amountMinor).put("currency", currency.toUpperCase());
        if (recurring) {
            price.put("interval", "month");
        }
        ObjectNode body = Http.object().put("sellerId", seller.sellerId()).put("kind", kind)
                .put("name", "E2E " + kind + " " + Actors.id("o")).put("description", "created by the end-to-end tests");
        if (group != null) {
            body.put("groupId", group.groupId());
        }
        if (capacity != null) {
            body.put("capacity", capacity);
        }
        if (kind.equals(StripeMetadata.KIND_EVENT_TICKET)) {
            body.put("startsAt", Instant.now().plus(Duration.ofDays(30)).toString());
        }
        body.set("price", price);
        String offeringId = Http.post(checkout + "/catalog/offerings", seller.token(), body).require().path("id").asText();
        Http.post(checkout + "/catalog/offerings/" + offeringId + "/activate", seller.token(), null).require();
        AtomicReference<JsonNode> synced = new AtomicReference<>();
        await("offering " + offeringId + " synced to Stripe").atMost(SYNC_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode view = Http.get(checkout + "/catalog/offerings/" + offeringId, seller.token()).require();
                    synced.set(view);
                    return "synced".equals(view.path("syncState").asText()) && view.path("price").path("stripePriceId").isTextual();
                });
        ServiceState.track("offering " + offeringId, Services.CHECKOUT, "/catalog/offerings/" + offeringId, seller.token());
        return new Offering(seller.sellerId(), group == null ? null : group.groupId(), offeringId, kind,
                synced.get().path("price").path("stripePriceId").asText(), amountMinor, currency);
    }

    @Override
    public Purchase buy(Buyer buyer, Offering offering, String replacesSubscriptionId) {
        JsonNode opened = open(buyer, offering, replacesSubscriptionId).require();
        String checkoutId = opened.path("id").asText();
        String sessionId = opened.path("stripeSessionId").asText();
        emulator.pay(sessionId, buyer.email());
        AtomicReference<JsonNode> completed = new AtomicReference<>();
        await("checkout " + checkoutId + " completed").atMost(COMPLETION_TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode view = Http.get(checkout + "/checkouts/" + checkoutId, buyer.token()).require();
                    completed.set(view);
                    return "completed".equals(view.path("status").asText());
                });
        JsonNode session = emulator.get("/v1/checkout/sessions/" + StripeEmulator.encode(sessionId));
        JsonNode view = completed.get();
        return new Purchase(checkoutId, sessionId, DirectStorefront.text(session, "customer"),
                textOrNull(view, "subscriptionId"), textOrNull(view, "paymentIntentId"), session);
    }

    /** {@code POST /checkouts} as the buyer (or as a guest, with the e-mail address), not paid. */
    public Http.Answer open(Buyer buyer, Offering offering, String replacesSubscriptionId) {
        // A guest must give an e-mail address; a signed-in buyer gives it too (TestJwt tokens carry no email claim).
        ObjectNode body = Http.object().put("offeringId", offering.offeringId()).put("quantity", 1)
                .put("email", buyer.email());
        if (replacesSubscriptionId != null) {
            body.put("replacesSubscriptionId", replacesSubscriptionId);
        }
        Http.Answer answer = Http.post(checkout + "/checkouts", buyer.token(), body);
        if (answer.ok()) {
            String id = answer.json().path("id").asText();
            ServiceState.track("checkout " + id, Services.CHECKOUT, "/checkouts/" + id, buyer.token());
        }
        return answer;
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }
}
