package dev.tessera.ledger.report.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The reports' shapes. Amounts are minor units of the row's {@code currency} (ISO 4217, upper case); the CSV
 * forms show them as decimals in major units.
 */
public final class Reports {

    private Reports() {
    }

    /** A seller's earnings in one period: {@code net} = gross − commission − refunds − disputes (seller's view). */
    public record EarningsRow(LocalDate period, String currency, long gross, long stripeFees, long commission,
                              long refunds, long disputes, long net, long sales, long refundCount, long disputeCount) {
    }

    public record Earnings(String sellerId, LocalDate from, LocalDate to, String granularity, List<EarningsRow> rows,
                           List<EarningsRow> totals) {
    }

    public record CommissionRow(String sellerId, String offeringKind, int commissionBps, String currency, long gross,
                                long commission, long sales, String effectiveRatePercent) {
    }

    public record Commissions(String sellerId, LocalDate from, LocalDate to, List<CommissionRow> rows) {
    }

    public record SellerBalance(String sellerId, String currency, long pending, long available, long paidOut,
                                long version, Instant updatedAt) {
    }

    public record SellerBalances(List<SellerBalance> balances, String nextCursor) {
    }

    public record RevenueRow(LocalDate period, String currency, long commission, long subscriptionRevenue, long refunds,
                             long chargebacks, long stripeFees, long disputeFees, long fx, long net) {
    }

    public record PlatformRevenue(LocalDate from, LocalDate to, String granularity, List<RevenueRow> rows,
                                  List<RevenueRow> totals) {
    }

    /** {@code balance} is debits − credits; {@code normalBalance} the same in the account's normal direction. */
    public record TrialBalanceRow(String account, String accountType, String ownerId, String currency, long debits,
                                  long credits, long balance, long normalBalance) {
    }

    public record CurrencyTotal(String currency, long debits, long credits, boolean balanced) {
    }

    public record TrialBalance(LocalDate asOf, List<TrialBalanceRow> accounts, List<CurrencyTotal> totals) {
    }

    public record BalanceAt(String currency, long pending, long available, long paidOut) {
    }

    public record StatementCurrency(String currency, BalanceAt opening, BalanceAt closing, List<EarningsRow> months,
                                    EarningsRow total, long transferred) {
    }

    public record Statement(String sellerId, int year, List<StatementCurrency> currencies) {
    }
}
