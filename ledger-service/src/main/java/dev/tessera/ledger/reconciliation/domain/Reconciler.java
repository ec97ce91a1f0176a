package dev.tessera.ledger.reconciliation.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.ledger.LedgerConfig;
import dev.tessera.ledger.posting.domain.StripeJson;
import dev.tessera.ledger.reconciliation.persistence.ReconciliationRepository;
import dev.tessera.ledger.reconciliation.persistence.ReconciliationRepository.LedgerMovement;
import dev.tessera.ledger.stripe.StripeLedgerApi;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares Stripe's balance transactions of a period with the journal, one by one. Stripe is paged through
 * with {@code created[gte]}, {@code created[lt]} and {@code starting_after}; each balance transaction is matched
 * to the journal transactions that name it and compared on its amount (the ledger's effect on the Stripe balance
 * plus the fees it booked: a difference there is an {@code amount_mismatch}), then on its fee alone.
 * Journal movements of the period that Stripe does not list are reported too. Every difference carries its
 * cause, so that none is left unexplained.
 */
@ApplicationScoped
public class Reconciler {

    /** Balance transaction types the ledger posts, and what it posts them as. */
    static final Map<String, String> POSTED_TYPES = Map.ofEntries(
            Map.entry("charge", "charge"), Map.entry("payment", "charge"),
            Map.entry("refund", "refund"), Map.entry("payment_refund", "refund"),
            Map.entry("refund_failure", "refund failure"), Map.entry("payment_failure_refund", "refund failure"),
            Map.entry("adjustment", "dispute"),
            Map.entry("transfer", "transfer"), Map.entry("transfer_cancel", "transfer reversal"),
            Map.entry("transfer_refund", "transfer reversal"), Map.entry("transfer_failure", "transfer reversal"),
            Map.entry("payout", "payout"), Map.entry("payout_failure", "payout failure"),
            Map.entry("payout_cancel", "payout failure"));

    private final StripeLedgerApi stripe;
    private final ReconciliationRepository repository;
    private final LedgerConfig config;
    private final MeterRegistry registry;

    Reconciler(StripeLedgerApi stripe, ReconciliationRepository repository, LedgerConfig config, MeterRegistry registry) {
        this.stripe = stripe;
        this.repository = repository;
        this.config = config;
        this.registry = registry;
    }

    /** Runs a reconciliation of [from, to) and records it; returns the run's id. */
    public long run(Instant from, Instant to, String account, String requestedBy) {
        long runId = repository.start(from, to, account, requestedBy, now());
        try {
            Outcome outcome = compare(from, to, account);
            repository.finish(runId, outcome.stripeCount, outcome.matched, outcome.differences, outcome.totals(), now());
            registry.counter("tessera.ledger.reconciliation.differences").increment(outcome.differences.size());
            return runId;
        } catch (RuntimeException e) {
            repository.fail(runId, String.valueOf(e.getMessage()), now());
            throw e;
        }
    }

    private static final class Outcome {
        int stripeCount;
        int matched;
        final List<Difference> differences = new ArrayList<>();
        final Map<String, long[]> sums = new TreeMap<>();

        void add(String currency, long stripeNet, long ledgerNet) {
            if (currency == null) {
                return;
            }
            long[] s = sums.computeIfAbsent(currency, c -> new long[2]);
            s[0] += stripeNet;
            s[1] += ledgerNet;
        }

        List<ReconciliationRun.CurrencyTotals> totals() {
            List<ReconciliationRun.CurrencyTotals> totals = new ArrayList<>();
            sums.forEach((c, s) -> totals.add(new ReconciliationRun.CurrencyTotals(c, s[0], s[1], s[0] - s[1])));
            return totals;
        }
    }

    private Outcome compare(Instant from, Instant to, String account) {
        Outcome outcome = new Outcome();
        Set<String> seen = new HashSet<>();
        String after = null;
        boolean more = true;
        while (more) {
            StripeLedgerApi.Page page = stripe.balanceTransactions(from, to, after, config.reconciliation().pageSize(),
                    account);
            List<String> ids = page.data().stream().map(t -> StripeJson.requireText(t, "id")).toList();
            Map<String, List<LedgerMovement>> ledger = repository.movements(ids);
            for (JsonNode txn : page.data()) {
                outcome.stripeCount++;
                String id = StripeJson.requireText(txn, "id");
                seen.add(id);
                compare(txn, ledger.getOrDefault(id, List.of()), outcome);
            }
            more = page.hasMore() && !page.data().isEmpty();
            after = page.data().isEmpty() ? null : ids.get(ids.size() - 1);
        }
        if (account == null) {
            for (LedgerMovement movement : repository.movementsBetween(from, to)) {
                if (!seen.contains(movement.stripeBalanceTransaction())) {
                    outcome.add(movement.currency(), 0, movement.balance());
                    outcome.differences.add(new Difference(Difference.MISSING_IN_STRIPE, movement.stripeBalanceTransaction(),
                            null, movement.sourceId(), movement.transactionId(), movement.currency(), null,
                            movement.balance(), null, movement.fee(), "the ledger posted " + movement.kind() + " "
                            + movement.sourceId() + " at " + movement.occurredAt()
                            + " but Stripe lists no such balance transaction in the period"));
                }
            }
        }
        return outcome;
    }

    private static void compare(JsonNode txn, List<LedgerMovement> movements, Outcome outcome) {
        String id = StripeJson.requireText(txn, "id");
        String type = StripeJson.text(txn, "type").orElse("unknown");
        String source = StripeJson.id(txn, "source").orElse(null);
        String currency = StripeJson.currency(txn, "currency");
        long net = StripeJson.requireLong(txn, "net");
        long fee = StripeJson.requireLong(txn, "fee");
        if (movements.isEmpty()) {
            outcome.add(currency, net, 0);
            String expected = POSTED_TYPES.get(type);
            if (expected == null) {
                outcome.differences.add(new Difference(Difference.UNKNOWN_TYPE, id, type, source, null, currency, net, null,
                        fee, null, "the ledger does not post " + type + " balance transactions; book it by hand"));
            } else {
                outcome.differences.add(new Difference(Difference.MISSING_IN_LEDGER, id, type, source, null, currency, net,
                        null, fee, null, "no " + expected + " posted for " + (source == null ? id : source)
                        + (type.equals("charge") || type.equals("payment")
                        ? " (not attributable to a Tessera seller, or its event never reached the ledger)" : "")));
            }
            return;
        }
        long ledgerNet = 0;
        long ledgerFee = 0;
        String ledgerCurrency = null;
        for (LedgerMovement movement : movements) {
            ledgerNet += movement.balance();
            ledgerFee += movement.fee();
            ledgerCurrency = movement.currency() == null ? ledgerCurrency : movement.currency();
        }
        LedgerMovement first = movements.get(0);
        if (ledgerCurrency != null && !currency.equals(ledgerCurrency.toUpperCase(Locale.ROOT))) {
            outcome.add(currency, net, 0);
            outcome.add(ledgerCurrency, 0, ledgerNet);
            outcome.differences.add(new Difference(Difference.CURRENCY_MISMATCH, id, type, source, first.transactionId(),
                    currency, net, ledgerNet, fee, ledgerFee, "Stripe settled in " + currency + ", the ledger posted "
                    + ledgerCurrency));
            return;
        }
        outcome.add(currency, net, ledgerNet);
        long amount = StripeJson.requireLong(txn, "amount");
        if (ledgerNet + ledgerFee != amount) {
            outcome.differences.add(new Difference(Difference.AMOUNT_MISMATCH, id, type, source, first.transactionId(),
                    currency, net, ledgerNet, fee, ledgerFee, "Stripe's amount is " + amount + ", the ledger's "
                    + (ledgerNet + ledgerFee) + " (net " + ledgerNet + " on the Stripe balance plus fees " + ledgerFee + ")"));
        } else if (ledgerFee != fee) {
            outcome.differences.add(new Difference(Difference.FEE_MISMATCH, id, type, source, first.transactionId(),
                    currency, net, ledgerNet, fee, ledgerFee, "Stripe's fee is " + fee + ", the ledger's " + ledgerFee));
        } else {
            outcome.matched++;
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
