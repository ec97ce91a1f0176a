package dev.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;

import dev.tessera.e2e.harness.Actors;
import dev.tessera.e2e.harness.E2e;
import dev.tessera.e2e.harness.E2eSuite;
import dev.tessera.e2e.harness.Http;
import dev.tessera.e2e.harness.MembershipApi;
import dev.tessera.e2e.harness.Services;
import dev.tessera.e2e.harness.Shop;
import dev.tessera.e2e.harness.Storefront;
import dev.tessera.e2e.harness.Storefront.Purchase;
import dev.tessera.e2e.harness.StripeEmulator;

/**
 * The ledger's money equals Stripe's money to the cent: after a membership, a course and a refund, the ledger's
 * reconciliation of the period matches every balance transaction the emulator has (amounts, fees, refunds), and its
 * totals per currency equal the sum of those balance transactions computed here from the emulator's own API.
 */
@E2e(requires = {Services.EMULATOR, Services.INGEST, Services.LEDGER})
@Order(60)
class LedgerMatchesStripeE2eTest {

    @Test
    void ledgerTotalsEqualTheEmulatorsBalanceTransactionsToTheCent(E2eSuite suite) {
        StripeEmulator emulator = suite.emulator();
        Instant from = emulator.now().minusSeconds(1);
        Shop shop = Shop.open(Storefront.preferred(suite));
        shop.store().buy(Actors.member(), shop.tier(1990));
        shop.store().buy(Actors.member(), shop.course(4999));
        Purchase refunded = shop.store().buy(Actors.member(), shop.course(1234));
        try {
            emulator.stripe().v1().refunds().create(RefundCreateParams.builder()
                    .setPaymentIntent(refunded.paymentIntentId()).build(),
                    RequestOptions.builder().setIdempotencyKey("e2e:ledger-refund:" + refunded.paymentIntentId()).build());
        } catch (StripeException e) {
            throw new AssertionError("refund refused: " + e.getMessage(), e);
        }
        emulator.awaitDelivered();
        Instant to = emulator.now().plusSeconds(60);

        // Stripe's side, summed here from the emulator's balance transactions of the period.
        List<JsonNode> transactions = emulator.listAll("/v1/balance_transactions",
                Map.of("created[gte]", Long.toString(from.getEpochSecond())));
        assertThat(transactions).as("charges and the refund moved money").hasSizeGreaterThanOrEqualTo(4);
        Map<String, Long> stripeNet = new TreeMap<>();
        transactions.forEach(bt -> stripeNet.merge(bt.path("currency").asText().toUpperCase(Locale.ROOT),
                bt.path("net").asLong(), Long::sum));

        // The ledger's side: a reconciliation run of the same period, repeated until the ledger has posted it all.
        String ledger = suite.url(Services.LEDGER);
        String finance = Actors.finance();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("the ledger reconciles with Stripe to the cent").atMost(MembershipApi.EFFECT_TIMEOUT)
                .pollInterval(Duration.ofSeconds(2)).until(() -> {
                    JsonNode run = Http.post(ledger + "/reconciliations", finance, Http.object()
                            .put("from", from.toString()).put("to", to.toString())).require();
                    last.set(run);
                    return run.path("run").path("differenceCount").asInt(-1) == 0
                            && run.path("run").path("stripeCount").asInt() == transactions.size();
                });
        JsonNode run = last.get().path("run");
        assertThat(run.path("matchedCount").asInt()).isEqualTo(transactions.size());
        Map<String, Long> ledgerNet = new TreeMap<>();
        Map<String, Long> reportedStripeNet = new TreeMap<>();
        for (JsonNode totals : run.path("totals")) {
            String currency = totals.path("currency").asText().toUpperCase(Locale.ROOT);
            ledgerNet.put(currency, totals.path("ledgerNet").asLong());
            reportedStripeNet.put(currency, totals.path("stripeNet").asLong());
            assertThat(totals.path("difference").asLong()).as("difference in " + currency).isZero();
        }
        assertThat(reportedStripeNet).isEqualTo(stripeNet);
        assertThat(ledgerNet).isEqualTo(stripeNet);
    }
}
