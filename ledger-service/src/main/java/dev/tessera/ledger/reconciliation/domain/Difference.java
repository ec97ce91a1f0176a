package dev.tessera.ledger.reconciliation.domain;

/**
 * One difference between Stripe's balance transactions and the journal, with its cause:
 * <ul>
 *   <li>{@code missing_in_ledger}: Stripe moved money the ledger did not post;</li>
 *   <li>{@code missing_in_stripe}: the ledger posted a Stripe movement Stripe does not list in the period;</li>
 *   <li>{@code amount_mismatch}: both know it, but the net effect on the Stripe balance differs;</li>
 *   <li>{@code fee_mismatch}: the net agrees or not, but the fee differs;</li>
 *   <li>{@code currency_mismatch}: the ledger posted it in another currency;</li>
 *   <li>{@code unknown_type}: a kind of balance transaction the ledger does not post (Stripe billing fees,
 *       top-ups, ...): to be booked by hand.</li>
 * </ul>
 * Amounts are minor units of {@code currency}: Stripe's net and fee, and the ledger's.
 */
public record Difference(String cause, String stripeBalanceTransaction, String stripeType, String sourceId,
                         Long journalTransactionId, String currency, Long stripeAmount, Long ledgerAmount, Long stripeFee,
                         Long ledgerFee, String detail) {

    public static final String MISSING_IN_LEDGER = "missing_in_ledger";
    public static final String MISSING_IN_STRIPE = "missing_in_stripe";
    public static final String AMOUNT_MISMATCH = "amount_mismatch";
    public static final String FEE_MISMATCH = "fee_mismatch";
    public static final String CURRENCY_MISMATCH = "currency_mismatch";
    public static final String UNKNOWN_TYPE = "unknown_type";
}
