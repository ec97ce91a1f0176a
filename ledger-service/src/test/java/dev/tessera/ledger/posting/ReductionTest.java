package dev.tessera.ledger.posting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.ledger.posting.domain.Attribution;
import dev.tessera.ledger.posting.domain.ChargeFacts;
import dev.tessera.ledger.posting.domain.Reduction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How refunds and lost disputes split between the seller and the platform (plain unit tests). */
class ReductionTest {

    private static ChargeFacts sale(long presentment, String presentmentCurrency, long gross, String currency, int bps,
                                    long commission) {
        return new ChargeFacts("ch_1", Attribution.ChargeType.SALE, "sel_1", "usr_1", "course", "off_1", null,
                presentmentCurrency, presentment, currency, gross, 0, bps, 0, 0, commission, gross - commission,
                Instant.EPOCH, Instant.EPOCH, 1);
    }

    private static void assertParts(Reduction r, long gross, long platformPart, long counterpartPart) {
        assertThat(r).extracting(Reduction::gross, Reduction::platformPart, Reduction::counterpartPart)
                .containsExactly(gross, platformPart, counterpartPart);
    }

    @Test
    void partialRefundsAddUpToTheFullChargeWhateverTheirOrder() {
        // 99.99 EUR at 12.5%: commission 12.50 (12.49875 half up), seller 87.49
        ChargeFacts charge = sale(9_999, "EUR", 9_999, "EUR", 1_250, 1_250);
        ChargeFacts oneWay = charge;
        long commissionBack = 0;
        long sellerBack = 0;
        for (long amount : new long[] {3_333, 3_333, 3_333}) {
            Reduction r = Reduction.of(oneWay, amount);
            commissionBack += r.platformPart();
            sellerBack += r.counterpartPart();
            oneWay = oneWay.reducedBy(r);
        }
        assertThat(commissionBack).isEqualTo(1_250);
        assertThat(sellerBack).isEqualTo(8_749);
        assertThat(oneWay.commissionOpen()).isZero();
        assertThat(oneWay.sellerOpen()).isZero();

        ChargeFacts otherWay = charge;
        for (long amount : new long[] {1, 9_000, 998}) {
            otherWay = otherWay.reducedBy(Reduction.of(otherWay, amount));
        }
        assertThat(otherWay.commissionOpen()).isZero();
        assertThat(otherWay.sellerOpen()).isZero();
    }

    @Test
    void theCommissionIsReversedInProportion() {
        ChargeFacts charge = sale(5_000, "EUR", 5_000, "EUR", 500, 250);
        assertParts(Reduction.of(charge, 2_000), 2_000, 100, 1_900);
    }

    @Test
    void aRefundInThePresentmentCurrencyIsTakenBackAtTheChargesOwnRate() {
        // paid 90.00 EUR, settled 99.00 USD; half refunded -> 49.50 USD at the charge's rate
        ChargeFacts charge = sale(9_000, "EUR", 9_900, "USD", 1_000, 990);
        assertParts(Reduction.of(charge, 4_500), 4_950, 495, 4_455);
    }

    @Test
    void nothingBeyondTheChargeIsTakenBack() {
        ChargeFacts charge = sale(1_000, "EUR", 1_000, "EUR", 1_000, 100);
        ChargeFacts refunded = charge.reducedBy(Reduction.of(charge, 1_000));
        assertParts(Reduction.of(refunded, 500), 0, 0, 0);
    }
}
