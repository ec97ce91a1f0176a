package dev.tessera.ledger.posting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.StripeMetadata;
import dev.tessera.ledger.LedgerDb;
import dev.tessera.ledger.Seed;
import dev.tessera.ledger.posting.domain.ChargePoster;
import dev.tessera.ledger.posting.domain.PayoutPoster;
import dev.tessera.ledger.posting.domain.TransferPoster;
import dev.tessera.testing.StripeEventFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Transfers move a seller's money from available to paid (and back when reversed); platform payouts to the bank. */
@QuarkusTest
class TransferAndPayoutTest {

    @Inject
    ChargePoster charges;

    @Inject
    TransferPoster transfers;

    @Inject
    PayoutPoster payouts;

    @Inject
    DataSource dataSource;

    @Test
    void aPartlyReversedTransferLeavesTheRestPaid() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = "sel_tr_" + run;
        Instant at = Instant.parse("2026-06-01T10:00:00Z");
        Seed.post(charges, Seed.charge("ch_tr_" + run, 10_000, 320, "EUR", seller, StripeMetadata.KIND_COURSE, "u", at));
        ObjectNode transfer = StripeEventFixtures.object("transfer");
        transfer.put("id", "tr_" + run).put("amount", 6_000).put("currency", "eur").put("created", at.getEpochSecond())
                .put("balance_transaction", "txn_tr_" + run).put("amount_reversed", 0);
        transfer.putObject("metadata").put(StripeMetadata.SELLER_ID, seller);
        QuarkusTransaction.requiringNew().run(() -> transfers.process(transfer, "evt_tr1_" + run));
        assertThat(balance(seller, "paid_out")).isEqualTo(6_000);

        ObjectNode reversed = transfer.deepCopy().put("amount_reversed", 1_500).put("reversed", false);
        reversed.with("reversals").withArray("data").addObject().put("id", "trr_" + run).put("amount", 1_500)
                .put("currency", "eur").put("created", at.plusSeconds(60).getEpochSecond())
                .put("balance_transaction", "txn_trr_" + run);
        QuarkusTransaction.requiringNew().run(() -> transfers.process(reversed, "evt_tr2_" + run));
        QuarkusTransaction.requiringNew().run(() -> transfers.process(reversed, "evt_tr3_" + run));
        assertThat(balance(seller, "paid_out")).isEqualTo(4_500);
        assertThat(balance(seller, "pending") + balance(seller, "available")).isEqualTo(9_000 - 4_500);

        ObjectNode anonymous = transfer.deepCopy().put("id", "tr_anon_" + run);
        anonymous.putObject("metadata");
        QuarkusTransaction.requiringNew().run(() -> transfers.process(anonymous, "evt_tr4_" + run));
        assertThat(LedgerDb.longValue(dataSource, "select sum(e.amount) from journal_entry e join journal_transaction t "
                + "on t.id = e.transaction_id join ledger_account a on a.id = e.account_id where t.source_id = ? "
                + "and a.type = 'suspense'", "tr_anon_" + run)).isEqualTo(6_000);
        assertThat(LedgerDb.unbalanced(dataSource)).isEmpty();
    }

    @Test
    void platformPayoutsGoToTheBankAndComeBackWhenTheyFailConnectedOnesAreNotOurs() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ObjectNode payout = StripeEventFixtures.object("payout");
        payout.put("id", "po_" + run).put("amount", 7_000).put("currency", "usd")
                .put("created", Instant.parse("2026-06-02T10:00:00Z").getEpochSecond()).put("status", "paid")
                .put("balance_transaction", "txn_po_" + run);
        QuarkusTransaction.requiringNew().run(() -> payouts.process(payout, null, "evt_po1_" + run));
        ObjectNode failed = payout.deepCopy().put("status", "failed").put("failure_balance_transaction", "txn_pof_" + run);
        QuarkusTransaction.requiringNew().run(() -> payouts.process(failed, null, "evt_po2_" + run));
        QuarkusTransaction.requiringNew().run(() -> payouts.process(failed, null, "evt_po3_" + run));
        boolean ours = QuarkusTransaction.requiringNew().call(() ->
                payouts.process(payout.deepCopy().put("id", "po_conn_" + run), "acct_seller", "evt_po4_" + run));

        assertThat(ours).isFalse();
        assertThat(LedgerDb.count(dataSource, "select count(*) from journal_transaction where source_id = ?", "po_" + run))
                .isEqualTo(2);
        assertThat(LedgerDb.count(dataSource, "select count(*) from journal_transaction where source_id = ?",
                "po_conn_" + run)).isZero();
        assertThat(LedgerDb.longValue(dataSource, "select sum(e.amount) from journal_entry e join journal_transaction t "
                + "on t.id = e.transaction_id join ledger_account a on a.id = e.account_id where t.source_id = ? "
                + "and a.type = 'platform_bank'", "po_" + run)).isZero();
    }

    private long balance(String seller, String column) {
        return LedgerDb.longValue(dataSource, "select " + column + " from seller_balance where seller_id = ?", seller);
    }
}
