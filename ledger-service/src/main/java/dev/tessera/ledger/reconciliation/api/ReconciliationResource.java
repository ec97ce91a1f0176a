package dev.tessera.ledger.reconciliation.api;

import dev.tessera.ledger.LedgerConfig;
import dev.tessera.ledger.LedgerErrorCode;
import dev.tessera.ledger.reconciliation.domain.Difference;
import dev.tessera.ledger.reconciliation.domain.ReconciliationRun;
import dev.tessera.ledger.reconciliation.domain.Reconciler;
import dev.tessera.ledger.reconciliation.persistence.ReconciliationRepository;
import dev.tessera.ledger.report.api.ReportResponses;
import dev.tessera.ledger.report.domain.CsvTable;
import dev.tessera.ledger.stripe.StripeLedgerApi;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.FieldError;
import dev.tessera.runtime.error.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Reconciliation of Stripe's balance transactions with the journal (role finance). */
@Path("/reconciliations")
@RolesAllowed(Roles.FINANCE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private final Reconciler reconciler;
    private final ReconciliationRepository runs;
    private final Caller caller;
    private final LedgerConfig config;

    ReconciliationResource(Reconciler reconciler, ReconciliationRepository runs, Caller caller, LedgerConfig config) {
        this.reconciler = reconciler;
        this.runs = runs;
        this.caller = caller;
        this.config = config;
    }

    /** {@code from} and {@code to}: ISO instants or UTC dates; {@code to} is exclusive. */
    public record ReconciliationRequest(@NotBlank String from, @NotBlank String to, String stripeAccount) {
    }

    public record RunView(ReconciliationRun run, List<Difference> differences) {
    }

    @POST
    @Operation(summary = "Reconcile a period: every Stripe balance transaction against the journal, with causes")
    public Response reconcile(@Valid @NotNull ReconciliationRequest request) {
        Instant from = instant("from", request.from());
        Instant to = instant("to", request.to());
        if (!from.isBefore(to)) {
            throw invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(config.reconciliation().maxPeriod()) > 0) {
            throw invalid("from", "the period may span at most " + config.reconciliation().maxPeriod().toDays() + " days");
        }
        long runId;
        try {
            runId = reconciler.run(from, to, blankToNull(request.stripeAccount()), caller.userId());
        } catch (StripeLedgerApi.StripeCallException e) {
            throw new ProblemException(LedgerErrorCode.STRIPE_UNAVAILABLE, "reading Stripe's balance transactions failed: "
                    + e.getMessage());
        }
        return Response.created(URI.create("/reconciliations/" + runId)).entity(view(runId)).build();
    }

    @GET
    @Operation(summary = "Recent reconciliation runs")
    public List<ReconciliationRun> recent(@QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 200) {
            throw invalid("limit", "must be between 1 and 200");
        }
        return runs.recent(limit);
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, ReportResponses.TEXT_CSV})
    @Operation(summary = "A run and its differences (CSV: the differences)")
    public Response get(@PathParam("id") long id, @QueryParam("format") String format,
                        @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        RunView view = view(id);
        return ReportResponses.render(headers, format, "reconciliation-" + id, view, () -> {
            CsvTable table = new CsvTable("cause", "stripe_balance_transaction", "stripe_type", "source_id",
                    "journal_transaction_id", "currency", "stripe_net", "ledger_net", "stripe_fee", "ledger_fee", "detail");
            for (Difference d : view.differences()) {
                table.row(d.cause(), d.stripeBalanceTransaction(), d.stripeType(), d.sourceId(), d.journalTransactionId(),
                        d.currency(), decimal(d.stripeAmount(), d.currency()), decimal(d.ledgerAmount(), d.currency()),
                        decimal(d.stripeFee(), d.currency()), decimal(d.ledgerFee(), d.currency()), d.detail());
            }
            return table;
        });
    }

    private RunView view(long id) {
        ReconciliationRun run = runs.find(id).orElseThrow(() -> new ProblemException(
                LedgerErrorCode.RECONCILIATION_NOT_FOUND, "no reconciliation run " + id));
        return new RunView(run, runs.differences(id));
    }

    private static String decimal(Long amount, String currency) {
        return amount == null || currency == null ? "" : dev.tessera.runtime.money.Money.of(amount, currency).toDecimalString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Instant instant(String field, String value) {
        try {
            return value.trim().length() == 10 ? LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 instant or a date");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(LedgerErrorCode.INVALID_QUERY, field + " " + message)
                .withFieldErrors(List.of(new FieldError(field, message)));
    }
}
