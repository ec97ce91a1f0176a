package dev.tessera.ledger.report.api;

import dev.tessera.ledger.LedgerConfig;
import dev.tessera.ledger.LedgerErrorCode;
import dev.tessera.ledger.journal.api.TransactionView;
import dev.tessera.ledger.journal.persistence.JournalQueries;
import dev.tessera.ledger.report.domain.CsvTable;
import dev.tessera.ledger.report.domain.Granularity;
import dev.tessera.ledger.report.domain.ReportQueries;
import dev.tessera.ledger.report.domain.Reports;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.FieldError;
import dev.tessera.runtime.error.ProblemException;
import dev.tessera.runtime.money.Money;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Finance reports (role {@code finance}); a seller reads its own seller reports. Every report is JSON or CSV
 * ({@code Accept: text/csv} or {@code ?format=csv}). Periods are UTC dates, {@code from} inclusive and
 * {@code to} exclusive; without them, the last 30 days.
 */
@Path("/reports")
@Produces({MediaType.APPLICATION_JSON, ReportResponses.TEXT_CSV})
public class ReportResource {

    private final ReportQueries reports;
    private final JournalQueries journal;
    private final Caller caller;
    private final LedgerConfig config;

    ReportResource(ReportQueries reports, JournalQueries journal, Caller caller, LedgerConfig config) {
        this.reports = reports;
        this.journal = journal;
        this.caller = caller;
        this.config = config;
    }

    public record TransactionPage(List<TransactionView> transactions, String nextCursor) {
    }

    @GET
    @Path("/sellers/{sellerId}/earnings")
    @Operation(summary = "A seller's earnings by day, week or month: gross, Stripe fees, commission, refunds, disputes, net")
    public Response earnings(@PathParam("sellerId") String sellerId, @QueryParam("from") String from,
                             @QueryParam("to") String to, @QueryParam("granularity") String granularity,
                             @QueryParam("currency") String currency, @QueryParam("format") String format,
                             @Context HttpHeaders headers) {
        caller.requireSellerOrRole(sellerId, Roles.FINANCE);
        Period period = period(from, to);
        Granularity unit = Granularity.parse(granularity).orElseThrow(() -> invalid("granularity", "must be day, week or month"));
        Reports.Earnings earnings = reports.earnings(sellerId, period.from(), period.to(), unit, currency(currency));
        return ReportResponses.render(headers, format, "earnings-" + sellerId, earnings, () -> earningsCsv(earnings.rows()));
    }

    @GET
    @Path("/sellers/{sellerId}/balances")
    @Operation(summary = "A seller's pending, available and paid-out amounts per currency")
    public Response sellerBalances(@PathParam("sellerId") String sellerId, @QueryParam("format") String format,
                                   @Context HttpHeaders headers) {
        caller.requireSellerOrRole(sellerId, Roles.FINANCE);
        List<Reports.SellerBalance> balances = reports.sellerBalances(sellerId);
        return ReportResponses.render(headers, format, "balances-" + sellerId, balances, () -> balancesCsv(balances));
    }

    @GET
    @Path("/sellers/{sellerId}/transactions")
    @Operation(summary = "A seller's journal transactions, newest first, with cursor pagination")
    public Response sellerTransactions(@PathParam("sellerId") String sellerId, @QueryParam("limit") @DefaultValue("50") int limit,
                                       @QueryParam("cursor") String cursor, @QueryParam("format") String format,
                                       @Context HttpHeaders headers) {
        caller.requireSellerOrRole(sellerId, Roles.FINANCE);
        TransactionPage page = transactions(sellerId, limit, cursor);
        return ReportResponses.render(headers, format, "transactions-" + sellerId, page, () -> transactionsCsv(page));
    }

    @GET
    @Path("/sellers/{sellerId}/statements/{year}")
    @Operation(summary = "A seller's yearly earnings statement: months, totals, opening and closing balances")
    public Response statement(@PathParam("sellerId") String sellerId, @PathParam("year") String year,
                              @QueryParam("format") String format, @Context HttpHeaders headers) {
        caller.requireSellerOrRole(sellerId, Roles.FINANCE);
        int y;
        try {
            y = Integer.parseInt(year);
        } catch (NumberFormatException e) {
            throw invalid("year", "must be a year like 2026");
        }
        if (y < 2000 || y > 2200) {
            throw invalid("year", "must be between 2000 and 2200");
        }
        Reports.Statement statement = reports.statement(sellerId, y);
        return ReportResponses.render(headers, format, "statement-" + sellerId + "-" + y, statement,
                () -> statementCsv(statement));
    }

    @GET
    @Path("/commissions")
    @Operation(summary = "Commission by seller, offering kind and rate (a seller: its own, with sellerId)")
    public Response commissions(@QueryParam("sellerId") String sellerId, @QueryParam("from") String from,
                                @QueryParam("to") String to, @QueryParam("format") String format,
                                @Context HttpHeaders headers) {
        if (sellerId == null || sellerId.isBlank()) {
            requireFinance();
            sellerId = null;
        } else {
            caller.requireSellerOrRole(sellerId, Roles.FINANCE);
        }
        Period period = period(from, to);
        Reports.Commissions commissions = reports.commissions(sellerId, period.from(), period.to());
        return ReportResponses.render(headers, format, "commissions", commissions, () -> {
            CsvTable table = new CsvTable("seller_id", "offering_kind", "commission_bps", "currency", "gross", "commission",
                    "sales", "effective_rate_percent");
            commissions.rows().forEach(r -> table.row(r.sellerId(), r.offeringKind(), r.commissionBps(), r.currency(),
                    decimal(r.gross(), r.currency()), decimal(r.commission(), r.currency()), r.sales(),
                    r.effectiveRatePercent()));
            return table;
        });
    }

    @GET
    @Path("/balances")
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "Every seller's pending, available and paid-out amounts, by seller id with a cursor")
    public Response allBalances(@QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("cursor") String cursor,
                                @QueryParam("format") String format, @Context HttpHeaders headers) {
        checkLimit(limit);
        String after = cursor == null || cursor.isBlank() ? null : decode(cursor);
        List<Reports.SellerBalance> balances = reports.allSellerBalances(after, limit + 1);
        long sellers = balances.stream().map(Reports.SellerBalance::sellerId).distinct().count();
        String next = null;
        if (sellers > limit) {
            String last = balances.stream().map(Reports.SellerBalance::sellerId).distinct().skip(limit - 1).findFirst().orElseThrow();
            balances = balances.stream().filter(b -> b.sellerId().compareTo(last) <= 0).toList();
            next = encode(last);
        }
        Reports.SellerBalances page = new Reports.SellerBalances(balances, next);
        List<Reports.SellerBalance> rows = balances;
        return ReportResponses.render(headers, format, "seller-balances", page, () -> balancesCsv(rows));
    }

    @GET
    @Path("/platform-revenue")
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "The platform's revenue by period: commission, plans, minus refunds, chargebacks, fees, FX")
    public Response platformRevenue(@QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("granularity") String granularity, @QueryParam("format") String format,
                                    @Context HttpHeaders headers) {
        Period period = period(from, to);
        Granularity unit = Granularity.parse(granularity).orElseThrow(() -> invalid("granularity", "must be day, week or month"));
        Reports.PlatformRevenue revenue = reports.platformRevenue(period.from(), period.to(), unit);
        return ReportResponses.render(headers, format, "platform-revenue", revenue, () -> {
            CsvTable table = new CsvTable("period", "currency", "commission", "subscription_revenue", "refunds", "chargebacks",
                    "stripe_fees", "dispute_fees", "fx", "net");
            revenue.rows().forEach(r -> table.row(r.period(), r.currency(), decimal(r.commission(), r.currency()),
                    decimal(r.subscriptionRevenue(), r.currency()), decimal(r.refunds(), r.currency()),
                    decimal(r.chargebacks(), r.currency()), decimal(r.stripeFees(), r.currency()),
                    decimal(r.disputeFees(), r.currency()), decimal(r.fx(), r.currency()), decimal(r.net(), r.currency())));
            return table;
        });
    }

    @GET
    @Path("/trial-balance")
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "Every account's debits, credits and balance (optionally as of the end of a UTC day)")
    public Response trialBalance(@QueryParam("asOf") String asOf, @QueryParam("format") String format,
                                 @Context HttpHeaders headers) {
        Reports.TrialBalance balance = reports.trialBalance(asOf == null || asOf.isBlank() ? null : date("asOf", asOf));
        return ReportResponses.render(headers, format, "trial-balance", balance, () -> {
            CsvTable table = new CsvTable("account", "account_type", "owner_id", "currency", "debits", "credits", "balance");
            balance.accounts().forEach(r -> table.row(r.account(), r.accountType(), r.ownerId(), r.currency(),
                    decimal(r.debits(), r.currency()), decimal(r.credits(), r.currency()), decimal(r.balance(), r.currency())));
            return table;
        });
    }

    @GET
    @Path("/transactions")
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "All journal transactions, newest first, with cursor pagination")
    public Response allTransactions(@QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor,
                                    @QueryParam("format") String format, @Context HttpHeaders headers) {
        TransactionPage page = transactions(null, limit, cursor);
        return ReportResponses.render(headers, format, "transactions", page, () -> transactionsCsv(page));
    }

    private TransactionPage transactions(String sellerId, int limit, String cursor) {
        checkLimit(limit);
        Long before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(decode(cursor));
            } catch (NumberFormatException e) {
                throw invalid("cursor", "is not a cursor of this listing");
            }
        }
        List<JournalQueries.StoredTransaction> rows = journal.page(sellerId, before, limit + 1);
        boolean more = rows.size() > limit;
        List<TransactionView> views = rows.stream().limit(limit).map(TransactionView::of).toList();
        return new TransactionPage(views, more ? encode(Long.toString(views.get(views.size() - 1).id())) : null);
    }

    private void checkLimit(int limit) {
        if (limit < 1 || limit > config.reports().maxPageSize()) {
            throw invalid("limit", "must be between 1 and " + config.reports().maxPageSize());
        }
    }

    private void requireFinance() {
        caller.requireAuthenticated();
        if (!caller.hasRole(Roles.FINANCE)) {
            throw ProblemException.forbidden("This report is for finance; a seller passes its sellerId.");
        }
    }

    private record Period(LocalDate from, LocalDate to) {
    }

    private Period period(String from, String to) {
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(ZoneOffset.UTC).plusDays(1) : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(30) : date("from", from);
        if (!start.isBefore(end)) {
            throw invalid("to", "must be after from");
        }
        if (ChronoUnit.DAYS.between(start, end) > config.reports().maxDays()) {
            throw invalid("from", "the period may span at most " + config.reports().maxDays() + " days");
        }
        return new Period(start, end);
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be a date like 2026-01-31");
        }
    }

    private static String currency(String currency) {
        if (currency == null || currency.isBlank()) {
            return null;
        }
        try {
            return Money.zero(currency.trim()).currency();
        } catch (IllegalArgumentException e) {
            throw invalid("currency", "must be an ISO 4217 code");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(LedgerErrorCode.INVALID_QUERY, field + " " + message)
                .withFieldErrors(List.of(new FieldError(field, message)));
    }

    private static String encode(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "is not a cursor of this listing");
        }
    }

    static String decimal(long amount, String currency) {
        return Money.of(amount, currency).toDecimalString();
    }

    private static CsvTable earningsCsv(List<Reports.EarningsRow> rows) {
        CsvTable table = new CsvTable("period", "currency", "gross", "stripe_fees", "commission", "refunds", "disputes", "net",
                "sales", "refund_count", "dispute_count");
        for (Reports.EarningsRow r : rows) {
            String c = r.currency();
            table.row(r.period(), c, decimal(r.gross(), c), decimal(r.stripeFees(), c), decimal(r.commission(), c),
                    decimal(r.refunds(), c), decimal(r.disputes(), c), decimal(r.net(), c), r.sales(), r.refundCount(),
                    r.disputeCount());
        }
        return table;
    }

    private static CsvTable balancesCsv(List<Reports.SellerBalance> balances) {
        CsvTable table = new CsvTable("seller_id", "currency", "pending", "available", "paid_out", "version", "updated_at");
        balances.forEach(b -> table.row(b.sellerId(), b.currency(), decimal(b.pending(), b.currency()),
                decimal(b.available(), b.currency()), decimal(b.paidOut(), b.currency()), b.version(), b.updatedAt()));
        return table;
    }

    private static CsvTable transactionsCsv(TransactionPage page) {
        CsvTable table = new CsvTable("transaction_id", "occurred_at", "kind", "source_id", "seller_id", "account", "currency",
                "debit", "credit", "description");
        for (TransactionView t : page.transactions()) {
            for (TransactionView.EntryView e : t.entries()) {
                table.row(t.id(), t.occurredAt(), t.kind(), t.sourceId(), t.sellerId(), e.account(), e.currency(),
                        e.amount() > 0 ? decimal(e.amount(), e.currency()) : "",
                        e.amount() < 0 ? decimal(-e.amount(), e.currency()) : "", t.description());
            }
        }
        return table;
    }

    private static CsvTable statementCsv(Reports.Statement statement) {
        CsvTable table = new CsvTable("currency", "line", "gross", "stripe_fees", "commission", "refunds", "disputes", "net",
                "pending", "available", "paid_out");
        for (Reports.StatementCurrency s : statement.currencies()) {
            String c = s.currency();
            table.row(c, "opening balance", "", "", "", "", "", "", decimal(s.opening().pending(), c),
                    decimal(s.opening().available(), c), decimal(s.opening().paidOut(), c));
            for (Reports.EarningsRow m : s.months()) {
                table.row(c, m.period().getMonth().toString().toLowerCase(Locale.ROOT), decimal(m.gross(), c),
                        decimal(m.stripeFees(), c), decimal(m.commission(), c), decimal(m.refunds(), c),
                        decimal(m.disputes(), c), decimal(m.net(), c), "", "", "");
            }
            Reports.EarningsRow t = s.total();
            table.row(c, "year total", decimal(t.gross(), c), decimal(t.stripeFees(), c), decimal(t.commission(), c),
                    decimal(t.refunds(), c), decimal(t.disputes(), c), decimal(t.net(), c), "", "", "");
            table.row(c, "closing balance", "", "", "", "", "", "", decimal(s.closing().pending(), c),
                    decimal(s.closing().available(), c), decimal(s.closing().paidOut(), c));
        }
        return table;
    }
}
