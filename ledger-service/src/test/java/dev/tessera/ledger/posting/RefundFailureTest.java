package dev.tessera.ledger.posting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.StripeMetadata;
import dev.tessera.ledger.LedgerDb;
import dev.tessera.ledger.Seed;
import dev.tessera.ledger.posting.domain.ChargePoster;
import dev.tessera.ledger.posting.domain.RefundPoster;
import dev.tessera.testing.StripeEventFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A refund that fails after it succeeded gives the money back to the books exactly once. */
@QuarkusTest
class RefundFailureTest {

    @Inject
    ChargePoster charges;

    @Inject
    RefundPoster refunds;

    @Inject
    DataSource dataSource;

    @Test
    void aFailedRefundIsTakenBackAndTheChargeCanStillBeRefundedInFull() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = "sel_rf_" + run;
        String charge = "ch_rf_" + run;
        Instant at = Instant.parse("2026-05-01T10:00:00Z");
        Seed.post(charges, Seed.charge(charge, 10_000, 320, "EUR", seller, StripeMetadata.KIND_COURSE, "u", at));
        Seed.refund(refunds, "re_rf1_" + run, charge, 4_000, "EUR", at.plusSeconds(60));
        assertThat(owed(seller)).isEqualTo(9_000 - 3_600);

        ObjectNode failed = StripeEventFixtures.object("refund");
        failed.put("id", "re_rf1_" + run).put("charge", charge).put("amount", 4_000).put("currency", "eur")
                .put("created", at.plusSeconds(60).getEpochSecond()).put("status", "failed")
                .put("failure_balance_transaction", "txn_fail_" + run);
        QuarkusTransaction.requiringNew().run(() -> refunds.post(failed, null, "evt_fail_" + run));
        QuarkusTransaction.requiringNew().run(() -> refunds.post(failed, null, "evt_fail_again_" + run));
        assertThat(owed(seller)).isEqualTo(9_000);
        assertThat(LedgerDb.count(dataSource, "select count(*) from journal_transaction where source_id = ? "
                + "and kind = 'refund_failure'", "re_rf1_" + run)).isEqualTo(1);

        Seed.refund(refunds, "re_rf2_" + run, charge, 10_000, "EUR", at.plusSeconds(120));
        assertThat(owed(seller)).isZero();
        assertThat(LedgerDb.longValue(dataSource, "select commission_open from ledger_charge where charge_id = ?", charge))
                .isZero();
        assertThat(LedgerDb.longValue(dataSource, "select sum(commission) from seller_earnings_daily where seller_id = ?",
                seller)).isZero();
        assertThat(LedgerDb.unbalanced(dataSource)).isEmpty();
    }

    private long owed(String seller) {
        return LedgerDb.longValue(dataSource, "select pending + available from seller_balance where seller_id = ?", seller);
    }
}
