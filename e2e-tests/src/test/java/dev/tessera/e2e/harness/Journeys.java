package dev.tessera.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tessera.e2e.harness.Actors.Buyer;
import dev.tessera.e2e.harness.Storefront.Offering;
import dev.tessera.e2e.harness.Storefront.Purchase;

/** Journeys through time that more than one scenario walks, asserting every stop on the way. */
public final class Journeys {

    /** The emulator's first retry of a declined renewal ({@code tessera.emulator.billing.retry-days}: 3,5,7). */
    public static final Duration FIRST_RETRY = Duration.ofDays(3);

    private Journeys() {
    }

    /** What a journey left behind: the purchase and the membership (with its history) at the end. */
    public record Outcome(Purchase purchase, JsonNode membership) {
    }

    /**
     * Buy a tier; the first renewal is declined (past due, access kept through the grace period); the emulator's
     * first retry succeeds (active again, renewed). Moves the emulator clock forward by about a month and 3 days.
     */
    public static Outcome declinedRenewalThenRecovery(E2eSuite suite, Shop shop, Offering tier, Buyer buyer) {
        StripeEmulator emulator = suite.emulator();
        MembershipApi memberships = new MembershipApi(suite);
        Purchase purchase = shop.store().buy(buyer, tier);
        memberships.awaitStatus(buyer, purchase.subscriptionId(), "active");

        emulator.failNextPayments(purchase.customerId(), 1);
        Instant firstPeriodEnd = emulator.currentPeriodEnd(purchase.subscriptionId());
        emulator.advanceTo(firstPeriodEnd);

        JsonNode pastDue = memberships.awaitStatus(buyer, purchase.subscriptionId(), "past_due");
        assertThat(pastDue.path("legacyStatus").asText()).as("past due within grace counts as active").isEqualTo("active");
        Instant graceUntil = Instant.parse(pastDue.path("graceUntil").asText());
        assertThat(graceUntil).as("grace runs from the failure (Stripe time) for the configured period (14 days)")
                .isAfter(firstPeriodEnd.plus(Duration.ofDays(13)))
                .isBefore(firstPeriodEnd.plus(Duration.ofDays(15)));
        JsonNode during = memberships.awaitAccess(buyer, shop.groupResource(), true);
        assertThat(Instant.parse(during.path("validUntil").asText())).as("access is kept until the grace ends")
                .isEqualTo(graceUntil);
        assertThat(emulator.subscription(purchase.subscriptionId()).path("status").asText()).isEqualTo("past_due");

        emulator.advance(FIRST_RETRY.plusMinutes(2));

        JsonNode recovered = memberships.awaitMembership(buyer, purchase.subscriptionId(),
                "membership of " + purchase.subscriptionId() + " active again after the retry",
                m -> m.path("status").asText().equals("active") && m.path("graceUntil").isNull());
        assertThat(Instant.parse(recovered.path("currentPeriodEnd").asText())).isAfter(firstPeriodEnd);
        JsonNode after = memberships.awaitAccess(buyer, shop.groupResource(), true);
        assertThat(after.path("validUntil").isNull()).as("paid again: no end to the access").isTrue();
        JsonNode detailed = memberships.membership(recovered.path("id").asText(), buyer.token());
        assertThat(MembershipApi.transitions(detailed)).extracting(step -> step.substring(0, step.indexOf('(')))
                .endsWith("active", "past_due", "active");
        return new Outcome(purchase, detailed);
    }
}
