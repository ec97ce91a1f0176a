package dev.tessera.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tessera.e2e.harness.Actors.Buyer;

/** membership-service's API as its callers use it, with waits for the asynchronous effects of Stripe's events. */
public final class MembershipApi {

    /** Webhook, ingest, outbox, Kafka and consumer normally take a second or two; a loaded build machine more. */
    public static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(60);

    private final String base;

    public MembershipApi(E2eSuite suite) {
        this.base = suite.url(Services.MEMBERSHIP);
    }

    public List<JsonNode> memberships(Buyer buyer) {
        List<JsonNode> all = new ArrayList<>();
        Http.get(base + "/me/memberships", buyer.token()).require().forEach(all::add);
        return all;
    }

    public List<JsonNode> memberships(String token) {
        List<JsonNode> all = new ArrayList<>();
        Http.get(base + "/me/memberships", token).require().forEach(all::add);
        return all;
    }

    /** One membership with its transition history (the holder, the seller or staff may look). */
    public JsonNode membership(String membershipId, String token) {
        return Http.get(base + "/memberships/" + membershipId, token).require();
    }

    public JsonNode entitlements(String token, boolean includeRevoked) {
        return Http.get(base + "/me/entitlements?includeRevoked=" + includeRevoked, token).require();
    }

    /** {@code GET /access?resource=...} for the buyer: {@code {resource, allowed, validUntil}}. */
    public JsonNode access(Buyer buyer, String resource) {
        return Http.get(base + "/access?resource=" + StripeEmulator.encode(resource), buyer.token()).require();
    }

    public boolean allowed(Buyer buyer, String resource) {
        return access(buyer, resource).path("allowed").asBoolean();
    }

    /** The buyer's membership of a Stripe subscription, if the service knows it yet. */
    public Optional<JsonNode> bySubscription(Buyer buyer, String subscriptionId) {
        return memberships(buyer).stream()
                .filter(m -> subscriptionId.equals(m.path("stripeSubscriptionId").asText()))
                .findFirst();
    }

    /** Waits until the membership of {@code subscriptionId} satisfies {@code condition}; returns it. */
    public JsonNode awaitMembership(Buyer buyer, String subscriptionId, String description, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            await(description).atMost(EFFECT_TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
                Optional<JsonNode> membership = bySubscription(buyer, subscriptionId);
                membership.ifPresent(last::set);
                return membership.isPresent() && condition.test(membership.get());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(description + ": not within " + EFFECT_TIMEOUT.toSeconds() + " s; last seen: "
                    + (last.get() == null ? "no membership for subscription " + subscriptionId : last.get()), e);
        }
        return last.get();
    }

    public JsonNode awaitStatus(Buyer buyer, String subscriptionId, String status) {
        return awaitMembership(buyer, subscriptionId, "membership of " + subscriptionId + " is " + status,
                m -> status.equals(m.path("status").asText()));
    }

    /** Waits until the access check answers {@code allowed}; returns the answer. */
    public JsonNode awaitAccess(Buyer buyer, String resource, boolean allowed) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            await(buyer.userId() + (allowed ? " may enter " : " may not enter ") + resource).atMost(EFFECT_TIMEOUT)
                    .pollInterval(Duration.ofMillis(300)).until(() -> {
                        JsonNode answer = access(buyer, resource);
                        last.set(answer);
                        return answer.path("allowed").asBoolean() == allowed;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("access to " + resource + " for " + buyer.userId() + " did not become " + allowed
                    + " within " + EFFECT_TIMEOUT.toSeconds() + " s; last answer: " + last.get(), e);
        }
        return last.get();
    }

    /** Dead letters of this service for one topic ({@code GET /ops/dlq/{topic}}). */
    public JsonNode deadLetters(String topic, String opsToken) {
        return Http.get(base + "/ops/dlq/" + topic, opsToken).require();
    }

    /** The {@code to} states of a membership's history, in order, with their reasons: {@code active(checkout_completed)}. */
    public static List<String> transitions(JsonNode membershipWithHistory) {
        List<String> steps = new ArrayList<>();
        for (JsonNode step : membershipWithHistory.path("history")) {
            steps.add(step.path("to").asText() + "(" + step.path("reason").asText() + ")");
        }
        return steps;
    }
}
