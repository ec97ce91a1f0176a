package dev.tessera.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.StripeMetadata;
import dev.tessera.ledger.posting.domain.ChargePoster;
import dev.tessera.ledger.posting.domain.RefundPoster;
import dev.tessera.ledger.posting.domain.TransferPoster;
import dev.tessera.testing.StripeEventFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.Locale;

/**
 * Posts Stripe objects straight through the posting services (no Kafka, no HTTP: balance transactions are
 * embedded, as Stripe does when expanded), for tests about what is done with the ledger rather than how it is fed.
 */
public final class Seed {

    private Seed() {
    }

    public static ObjectNode balanceTransaction(String id, long amount, long fee, String currency, Instant created,
                                                Instant availableOn) {
        ObjectNode txn = StripeEventFixtures.object("balance_transaction");
        txn.put("id", id).put("amount", amount).put("fee", fee).put("net", amount - fee)
                .put("currency", currency.toLowerCase(Locale.ROOT)).put("created", created.getEpochSecond())
                .put("available_on", availableOn.getEpochSecond()).putNull("exchange_rate");
        return txn;
    }

    public static ObjectNode charge(String id, long amount, long fee, String currency, String sellerId, String kind,
                                    String userId, Instant created) {
        ObjectNode charge = StripeEventFixtures.object("charge");
        charge.put("id", id).put("amount", amount).put("amount_captured", amount)
                .put("currency", currency.toLowerCase(Locale.ROOT)).put("created", created.getEpochSecond())
                .put("captured", true).put("status", "succeeded").put("payment_intent", "pi_" + id);
        charge.set("balance_transaction", balanceTransaction("txn_" + id, amount, fee, currency, created, created));
        ObjectNode metadata = charge.putObject("metadata");
        metadata.put(StripeMetadata.OFFERING_KIND, kind).put(StripeMetadata.OFFERING_ID, "off_" + kind);
        if (sellerId != null) {
            metadata.put(StripeMetadata.SELLER_ID, sellerId);
        }
        if (userId != null) {
            metadata.put(StripeMetadata.USER_ID, userId);
        }
        return charge;
    }

    public static void post(ChargePoster poster, ObjectNode charge) {
        QuarkusTransaction.requiringNew().run(() -> poster.post(charge, null, null, "evt_seed_" + charge.get("id").asText())
                .orElseThrow());
    }

    public static void refund(RefundPoster poster, String id, String chargeId, long amount, String currency, Instant created) {
        ObjectNode refund = StripeEventFixtures.object("refund");
        refund.put("id", id).put("charge", chargeId).put("amount", amount).put("currency", currency.toLowerCase(Locale.ROOT))
                .put("created", created.getEpochSecond()).put("status", "succeeded");
        refund.set("balance_transaction", balanceTransaction("txn_" + id, -amount, 0, currency, created, created));
        QuarkusTransaction.requiringNew().run(() -> poster.post(refund, null, "evt_seed_" + id));
    }

    public static void transfer(TransferPoster poster, String id, long amount, String currency, String sellerId,
                                Instant created) {
        ObjectNode transfer = StripeEventFixtures.object("transfer");
        transfer.put("id", id).put("amount", amount).put("currency", currency.toLowerCase(Locale.ROOT))
                .put("created", created.getEpochSecond()).put("balance_transaction", "txn_" + id);
        transfer.putObject("metadata").put(StripeMetadata.SELLER_ID, sellerId);
        QuarkusTransaction.requiringNew().run(() -> poster.process(transfer, "evt_seed_" + id));
    }
}
