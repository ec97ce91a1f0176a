package dev.tessera.ledger.journal.api;

import dev.tessera.ledger.LedgerErrorCode;
import dev.tessera.ledger.journal.domain.AccountKey;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.Entry;
import dev.tessera.ledger.journal.domain.Journal;
import dev.tessera.ledger.journal.domain.PostedTransaction;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import dev.tessera.ledger.journal.persistence.JournalQueries;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.FieldError;
import dev.tessera.runtime.error.ProblemException;
import dev.tessera.runtime.money.Money;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Journal transactions: look one up, post a manual adjustment, reverse one. */
@Path("/journal/transactions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JournalResource {

    private final Journal journal;
    private final JournalQueries queries;
    private final Caller caller;

    JournalResource(Journal journal, JournalQueries queries, Caller caller) {
        this.journal = journal;
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One journal transaction with its entries (finance, or the seller it concerns)")
    public TransactionView get(@PathParam("id") long id) {
        caller.requireAuthenticated();
        JournalQueries.StoredTransaction transaction = queries.find(id).orElse(null);
        boolean visible = transaction != null && (caller.hasAnyRole(Roles.FINANCE, Roles.OPS)
                || transaction.sellerId() != null && caller.actsForSeller(transaction.sellerId()));
        if (!visible) {
            if (!caller.hasAnyRole(Roles.FINANCE, Roles.OPS, Roles.SELLER)) {
                throw ProblemException.forbidden("You may not read journal transactions.");
            }
            // a seller learns nothing about other sellers' transactions, not even that they exist
            throw new ProblemException(LedgerErrorCode.TRANSACTION_NOT_FOUND, "no journal transaction " + id);
        }
        return TransactionView.of(transaction);
    }

    @POST
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "Post a balanced manual transaction (idempotent by idempotencyKey)")
    public Response post(@Valid @NotNull ManualPostingRequest request) {
        List<Entry> entries = entries(request);
        List<String> problems = TransactionDraft.problems(entries);
        if (!problems.isEmpty()) {
            throw new ProblemException(LedgerErrorCode.UNBALANCED_TRANSACTION, String.join("; ", problems));
        }
        String sellerId = request.sellerId() != null ? request.sellerId() : soleSeller(entries);
        TransactionDraft.Builder draft = TransactionDraft.builder("manual:" + request.idempotencyKey(), PostingKind.MANUAL,
                        request.occurredAt() != null ? request.occurredAt() : Instant.now().truncatedTo(ChronoUnit.MICROS))
                .seller(sellerId)
                .description(request.description())
                .causation("user:" + caller.userId());
        entries.forEach(draft::entry);
        PostedTransaction posted = QuarkusTransaction.requiringNew().call(() -> journal.post(draft.build()));
        TransactionView view = TransactionView.of(queries.find(posted.transactionId()).orElseThrow());
        return Response.status(posted.posted() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/journal/transactions/" + posted.transactionId())).entity(view).build();
    }

    @POST
    @Path("/{id}/reversal")
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "Reverse a manual transaction or a credit redemption with a new, negated transaction")
    public Response reverse(@PathParam("id") long id, @Valid @NotNull ReversalRequest request) {
        String user = caller.userId();
        PostedTransaction posted = QuarkusTransaction.requiringNew().call(() ->
                journal.reverse(id, request.reason(), "user:" + user, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        TransactionView view = TransactionView.of(queries.find(posted.transactionId()).orElseThrow());
        return Response.status(Response.Status.CREATED)
                .location(URI.create("/journal/transactions/" + posted.transactionId())).entity(view).build();
    }

    private static List<Entry> entries(ManualPostingRequest request) {
        List<Entry> entries = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.entries().size(); i++) {
            ManualPostingRequest.EntryRequest entry = request.entries().get(i);
            String path = "entries[" + i + "]";
            AccountType type = AccountType.parse(entry.accountType()).orElse(null);
            if (type == null) {
                errors.add(new FieldError(path + ".accountType", "is not an account type"));
                continue;
            }
            if (entry.amount() == 0) {
                errors.add(new FieldError(path + ".amount", "must not be zero"));
                continue;
            }
            try {
                Money.zero(entry.currency());
                entries.add(new Entry(new AccountKey(type, entry.ownerId(), entry.currency()), entry.amount()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(e.getMessage().contains("owner") ? path + ".ownerId" : path + ".currency",
                        e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(LedgerErrorCode.INVALID_ENTRY, errors.size() == 1 ? "1 entry is invalid."
                    : errors.size() + " entries are invalid.").withFieldErrors(errors);
        }
        return entries;
    }

    private static String soleSeller(List<Entry> entries) {
        Set<String> sellers = new TreeSet<>();
        for (Entry entry : entries) {
            if (entry.account().type().owner() == AccountType.Owner.SELLER) {
                sellers.add(entry.account().ownerId());
            }
        }
        return sellers.size() == 1 ? sellers.iterator().next() : null;
    }
}
