package dev.tessera.ledger.reconciliation.domain;

import java.time.Instant;
import java.util.List;

/** A reconciliation of [periodStart, periodEnd): how many Stripe balance transactions matched, and the totals. */
public record ReconciliationRun(long id, Instant periodStart, Instant periodEnd, String stripeAccount, String requestedBy,
                                Instant startedAt, Instant finishedAt, String status, int stripeCount, int matchedCount,
                                int differenceCount, List<CurrencyTotals> totals, String error) {

    /** Per currency: the net of Stripe's balance transactions, the ledger's net on the Stripe balance, their gap. */
    public record CurrencyTotals(String currency, long stripeNet, long ledgerNet, long difference) {
    }
}
