package dev.tessera.ledger.posting.domain;

import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * How a refund or a lost dispute of {@code presentment} minor units splits, computed on cumulative totals:
 * the settlement equivalent is the charge's gross times the share of the presentment amount taken back so
 * far, and the commission still recognised is the commission on what remains. So the parts of several
 * partial refunds always add up to those of one refund of their sum, whatever their order, and a full refund
 * takes back exactly the commission and share the charge posted.
 *
 * @param presentment    presentment minor units taken back by this reduction (clamped to what was left)
 * @param gross          their settlement equivalent at the charge's own rate
 * @param platformPart   commission (or, for a platform plan, revenue) given back
 * @param counterpartPart the seller's share (or, for a credit pack, the buyer's credits) given back
 */
public record Reduction(long presentment, long gross, long platformPart, long counterpartPart) {

    public static Reduction of(ChargeFacts charge, long requestedPresentment) {
        long before = charge.reducedPresentment();
        long after = Math.min(charge.presentmentAmount(), Math.max(before, before + requestedPresentment));
        long reducedGrossAfter = scale(charge.gross(), after, charge.presentmentAmount());
        long gross = reducedGrossAfter - charge.reducedGross();
        long openAfter = charge.gross() - reducedGrossAfter;
        return switch (charge.chargeType()) {
            case SALE -> {
                long commissionAfter = CommissionPolicy.commission(openAfter, charge.commissionBps(),
                        charge.settlementCurrency());
                long platform = charge.commissionOpen() - commissionAfter;
                yield new Reduction(after - before, gross, platform, gross - platform);
            }
            case PLATFORM_PLAN -> new Reduction(after - before, gross, gross, 0);
            case CREDIT_PACK -> new Reduction(after - before, gross, 0, gross);
        };
    }

    /** {@code value * numerator / denominator}, half up, exact. */
    static long scale(long value, long numerator, long denominator) {
        if (numerator == denominator) {
            return value;
        }
        BigInteger product = BigInteger.valueOf(value).multiply(BigInteger.valueOf(numerator));
        return new java.math.BigDecimal(product).divide(new java.math.BigDecimal(denominator), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
