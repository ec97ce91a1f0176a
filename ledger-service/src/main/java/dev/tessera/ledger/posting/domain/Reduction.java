package dev.tessera.ledger.posting.domain;

import dev.tessera.ledger.journal.domain.AccountKey;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.EarningsDelta;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;

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

    /** Why a charge is reduced: each cause books the platform's part on its own account and earnings column. */
    enum Cause {
        REFUND(AccountType.REFUNDS),
        DISPUTE_LOSS(AccountType.CHARGEBACKS);

        private final AccountType platformAccount;

        Cause(AccountType platformAccount) {
            this.platformAccount = platformAccount;
        }
    }

    /**
     * Adds the entries that take this reduction back from whom the charge credited (the seller and the platform
     * for a sale, the platform for a plan, the buyer for a credit pack), and for a sale the change of the
     * seller's earnings on the day of {@code at}. {@code stripeFee} is Stripe's fee for the reduction itself.
     */
    void takeBack(TransactionDraft.Builder draft, ChargeFacts charge, Cause cause, long stripeFee, Instant at) {
        String currency = charge.settlementCurrency();
        boolean refund = cause == Cause.REFUND;
        switch (charge.chargeType()) {
            case SALE -> draft
                    .debit(AccountKey.of(AccountType.SELLER_PAYABLE_AVAILABLE, charge.sellerId(), currency),
                            counterpartPart)
                    .debit(AccountKey.platform(cause.platformAccount, currency), platformPart)
                    .earnings(new EarningsDelta(charge.sellerId(), currency, at.atZone(ZoneOffset.UTC).toLocalDate(),
                            charge.offeringKind(), charge.commissionBps(), 0, stripeFee, -platformPart,
                            refund ? gross : 0, refund ? 0 : gross, -counterpartPart, 0, refund ? 1 : 0, refund ? 0 : 1));
            case PLATFORM_PLAN -> draft.debit(AccountKey.platform(cause.platformAccount, currency), platformPart);
            case CREDIT_PACK -> draft.debit(AccountKey.of(AccountType.BUYER_CREDITS, charge.buyerId(), currency),
                    counterpartPart);
        }
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
