package dev.tessera.events.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code transaction.posted}, version 1: one balanced journal transaction of the ledger.
 *
 * <p>{@code kind} says what it records ({@code charge}, {@code refund}, {@code dispute_withdrawal},
 * {@code dispute_reinstatement}, {@code dispute_loss}, {@code transfer}, {@code transfer_reversal},
 * {@code payout}, {@code payout_failure}, {@code release}, {@code credit_redemption},
 * {@code commission_adjustment}, {@code manual}, {@code reversal}); {@code (sourceId, kind)} is unique, so a
 * consumer may key on it. {@code sellerId} is the seller the transaction concerns, if any.
 * {@code occurredAt} is when it happened at Stripe (or in Tessera); {@code postedAt} when the ledger
 * recorded it. A reversal names the transaction it reverses in {@code reversesTransactionId}.
 * {@code presentmentAmount}/{@code presentmentCurrency} are what the buyer was charged when it differs from
 * the settlement currency of the entries, and {@code exchangeRate} is Stripe's rate (decimal string).
 */
public record TransactionPosted(
        long transactionId,
        String kind,
        String sourceId,
        String sellerId,
        Instant occurredAt,
        Instant postedAt,
        Long reversesTransactionId,
        String stripeBalanceTransactionId,
        Long presentmentAmount,
        String presentmentCurrency,
        String exchangeRate,
        List<Entry> entries) {

    /**
     * One entry: {@code amount} in minor units of {@code currency} (ISO 4217, upper case), positive for a
     * debit and negative for a credit; the entries of each currency sum to zero. The account is
     * {@code accountType} (e.g. {@code seller_payable_pending}) of {@code ownerId} (a seller id, a buyer id,
     * or empty for the platform's own accounts).
     */
    public record Entry(String accountType, String ownerId, String currency, long amount) {
    }
}
