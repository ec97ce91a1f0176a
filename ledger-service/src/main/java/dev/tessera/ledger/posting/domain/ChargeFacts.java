package dev.tessera.ledger.posting.domain;

import java.time.Instant;

/**
 * A posted charge and what refunds and lost disputes have taken back from it so far (all in the
 * settlement currency except the presentment figures). Invariant: {@code commissionOpen + sellerOpen ==
 * gross - reducedGross}, where for a platform plan the whole remainder is the platform's and for a credit
 * pack the buyer's.
 */
public record ChargeFacts(String chargeId, Attribution.ChargeType chargeType, String sellerId, String buyerId,
                          String offeringKind, String offeringId, String stripeAccount, String presentmentCurrency,
                          long presentmentAmount, String settlementCurrency, long gross, long stripeFee,
                          int commissionBps, long reducedPresentment, long reducedGross, long commissionOpen,
                          long sellerOpen, Instant paidAt, Instant availableOn, long transactionId) {

    public long openGross() {
        return gross - reducedGross;
    }

    /** The seller postings about this charge are filed under: none for a credit pack, its money is the buyer's. */
    public String postingSellerId() {
        return chargeType == Attribution.ChargeType.CREDIT_PACK ? null : sellerId;
    }

    public ChargeFacts reducedBy(Reduction reduction) {
        return reduced(reduction.presentment(), reduction.gross(), reduction.platformPart(), reduction.counterpartPart());
    }

    public ChargeFacts reduced(long presentment, long grossReduction, long commissionReduction, long sellerReduction) {
        return new ChargeFacts(chargeId, chargeType, sellerId, buyerId, offeringKind, offeringId, stripeAccount,
                presentmentCurrency, presentmentAmount, settlementCurrency, gross, stripeFee, commissionBps,
                reducedPresentment + presentment, reducedGross + grossReduction, commissionOpen - commissionReduction,
                sellerOpen - sellerReduction, paidAt, availableOn, transactionId);
    }

    public ChargeFacts withCommission(int bps, long newCommissionOpen) {
        long delta = newCommissionOpen - commissionOpen;
        return new ChargeFacts(chargeId, chargeType, sellerId, buyerId, offeringKind, offeringId, stripeAccount,
                presentmentCurrency, presentmentAmount, settlementCurrency, gross, stripeFee, bps, reducedPresentment,
                reducedGross, newCommissionOpen, sellerOpen - delta, paidAt, availableOn, transactionId);
    }
}
