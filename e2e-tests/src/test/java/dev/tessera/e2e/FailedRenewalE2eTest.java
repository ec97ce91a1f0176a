package dev.tessera.e2e;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.tessera.e2e.harness.Actors;
import dev.tessera.e2e.harness.E2e;
import dev.tessera.e2e.harness.E2eSuite;
import dev.tessera.e2e.harness.Journeys;
import dev.tessera.e2e.harness.Shop;
import dev.tessera.e2e.harness.Storefront;

/**
 * The renewal payment is declined: the membership falls past due but the member keeps access through the grace
 * period; Stripe's retry succeeds and the membership is active again. Moves the emulator clock.
 */
@E2e
@Order(110)
class FailedRenewalE2eTest {

    @Test
    void aDeclinedRenewalKeepsAccessDuringGraceAndASuccessfulRetryRecovers(E2eSuite suite) {
        Shop shop = Shop.open(Storefront.direct(suite));
        Journeys.declinedRenewalThenRecovery(suite, shop, shop.tier(900), Actors.member());
    }
}
