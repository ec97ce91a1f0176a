package dev.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;

import dev.tessera.e2e.harness.Actors;
import dev.tessera.e2e.harness.Actors.Buyer;
import dev.tessera.e2e.harness.E2e;
import dev.tessera.e2e.harness.E2eSuite;
import dev.tessera.e2e.harness.MembershipApi;
import dev.tessera.e2e.harness.Shop;
import dev.tessera.e2e.harness.Storefront;
import dev.tessera.e2e.harness.Storefront.Offering;
import dev.tessera.e2e.harness.Storefront.Purchase;
import dev.tessera.e2e.harness.StripeEmulator;

/** A full refund at Stripe takes back what the payment bought: a membership, or a one-time purchase. */
@E2e
@Order(30)
class RefundE2eTest {

    @Test
    void refundingTheMembershipPaymentRevokesTheMembership(E2eSuite suite) {
        Shop shop = Shop.open(Storefront.preferred(suite));
        Offering tier = shop.tier(2000);
        Buyer buyer = Actors.member();
        MembershipApi memberships = new MembershipApi(suite);
        StripeEmulator emulator = suite.emulator();
        Purchase purchase = shop.store().buy(buyer, tier);
        memberships.awaitStatus(buyer, purchase.subscriptionId(), "active");
        memberships.awaitAccess(buyer, shop.groupResource(), true);

        // The subscription's first invoice was paid by one charge; the refund names its payment intent, and the
        // service finds the membership through Stripe's Invoice Payments API.
        List<JsonNode> charges = emulator.listAll("/v1/charges", Map.of("customer", purchase.customerId()));
        assertThat(charges).hasSize(1);
        refund(emulator, charges.get(0).path("payment_intent").asText());

        JsonNode revoked = memberships.awaitStatus(buyer, purchase.subscriptionId(), "revoked");
        assertThat(revoked.path("legacyStatus").asText()).isEqualTo("suspended");
        memberships.awaitAccess(buyer, shop.groupResource(), false);
        assertThat(memberships.allowed(buyer, Shop.tierResource(tier))).isFalse();
        assertThat(revokedGrants(memberships, buyer)).isNotEmpty()
                .allSatisfy(grant -> assertThat(grant.path("revokeReason").asText()).isEqualTo("refunded"));
    }

    @Test
    void refundingACoursePurchaseRevokesTheCourse(E2eSuite suite) {
        Shop shop = Shop.open(Storefront.preferred(suite));
        Offering course = shop.course(4900);
        Buyer buyer = Actors.member();
        MembershipApi memberships = new MembershipApi(suite);
        String resource = "course:" + course.offeringId();

        Purchase purchase = shop.store().buy(buyer, course);
        assertThat(purchase.paymentIntentId()).startsWith("pi_");
        memberships.awaitAccess(buyer, resource, true);

        refund(suite.emulator(), purchase.paymentIntentId());

        memberships.awaitAccess(buyer, resource, false);
        assertThat(revokedGrants(memberships, buyer)).singleElement()
                .satisfies(grant -> assertThat(grant.path("resource").asText()).isEqualTo(resource));
    }

    private static void refund(StripeEmulator emulator, String paymentIntentId) {
        try {
            Refund refund = emulator.stripe().v1().refunds().create(
                    RefundCreateParams.builder().setPaymentIntent(paymentIntentId).build(),
                    RequestOptions.builder().setIdempotencyKey("e2e:refund:" + paymentIntentId).build());
            assertThat(refund.getStatus()).isEqualTo("succeeded");
        } catch (StripeException e) {
            throw new AssertionError("The emulator refused the refund of " + paymentIntentId + ": " + e.getMessage(), e);
        }
    }

    private static List<JsonNode> revokedGrants(MembershipApi memberships, Buyer buyer) {
        List<JsonNode> revoked = new java.util.ArrayList<>();
        for (JsonNode grant : memberships.entitlements(buyer.token(), true)) {
            if (!grant.path("revokedAt").isNull() && !grant.path("revokedAt").isMissingNode()) {
                revoked.add(grant);
            }
        }
        return revoked;
    }
}
