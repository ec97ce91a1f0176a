package dev.tessera.ledger.journal.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A journal transaction about to be posted: its idempotency key ({@code sourceId}, {@code kind}), what it
 * concerns, its entries, and what it adds to the summaries that are not derivable from the entries alone
 * (the seller's earnings breakdown, a pending release). Built with {@link #builder}, which drops zero
 * amounts and checks the balance.
 */
public record TransactionDraft(String sourceId, PostingKind kind, String sellerId, Instant occurredAt,
                               String description, String causationId, String stripeBalanceTransactionId,
                               Long reversesId, Presentment presentment, List<Entry> entries,
                               List<EarningsDelta> earnings, PendingRelease release) {

    public TransactionDraft {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        entries = List.copyOf(entries);
        earnings = earnings == null ? List.of() : List.copyOf(earnings);
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("sourceId must not be blank");
        }
        List<String> problems = problems(entries);
        if (!problems.isEmpty()) {
            throw new UnbalancedException(kind.dbValue() + " " + sourceId + ": " + String.join("; ", problems));
        }
    }

    /**
     * What is wrong with a set of entries, if anything: fewer than two, or a currency whose debits and credits
     * differ. Used by the builder, by the manual posting API, and mirrored by the database's deferred check.
     */
    public static List<String> problems(List<Entry> entries) {
        List<String> problems = new ArrayList<>();
        if (entries.size() < 2) {
            problems.add("a transaction needs at least two entries, not " + entries.size());
        }
        Map<String, Long> sums = sumsByCurrency(entries);
        sums.forEach((currency, sum) -> {
            if (sum != 0) {
                problems.add(currency + " entries sum to " + sum + " instead of 0");
            }
        });
        return problems;
    }

    public static Map<String, Long> sumsByCurrency(List<Entry> entries) {
        Map<String, Long> sums = new TreeMap<>();
        for (Entry entry : entries) {
            sums.merge(entry.currency(), entry.amount(), Math::addExact);
        }
        return sums;
    }

    public static Builder builder(String sourceId, PostingKind kind, Instant occurredAt) {
        return new Builder(sourceId, kind, occurredAt);
    }

    /** Thrown when entries do not balance: a defect of the posting logic, never of the input. */
    public static final class UnbalancedException extends IllegalStateException {
        public UnbalancedException(String message) {
            super(message);
        }
    }

    public static final class Builder {
        private final String sourceId;
        private final PostingKind kind;
        private final Instant occurredAt;
        private String sellerId;
        private String description;
        private String causationId;
        private String stripeBalanceTransactionId;
        private Long reversesId;
        private Presentment presentment;
        private final List<Entry> entries = new ArrayList<>();
        private final List<EarningsDelta> earnings = new ArrayList<>();
        private PendingRelease release;

        private Builder(String sourceId, PostingKind kind, Instant occurredAt) {
            this.sourceId = sourceId;
            this.kind = kind;
            this.occurredAt = occurredAt;
        }

        public Builder seller(String sellerId) {
            this.sellerId = sellerId;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder causation(String causationId) {
            this.causationId = causationId;
            return this;
        }

        public Builder stripeBalanceTransaction(String id) {
            this.stripeBalanceTransactionId = id;
            return this;
        }

        public Builder reverses(Long transactionId) {
            this.reversesId = transactionId;
            return this;
        }

        public Builder presentment(Presentment presentment) {
            this.presentment = presentment;
            return this;
        }

        /** Debits {@code amount} (a negative amount credits); zero adds nothing. */
        public Builder debit(AccountKey account, long amount) {
            if (amount != 0) {
                entries.add(new Entry(account, amount));
            }
            return this;
        }

        /** Credits {@code amount} (a negative amount debits); zero adds nothing. */
        public Builder credit(AccountKey account, long amount) {
            return debit(account, Math.negateExact(amount));
        }

        public Builder entry(Entry entry) {
            entries.add(entry);
            return this;
        }

        public Builder earnings(EarningsDelta delta) {
            if (delta != null) {
                earnings.add(delta);
            }
            return this;
        }

        public Builder release(PendingRelease release) {
            this.release = release;
            return this;
        }

        public boolean hasEntries() {
            return !entries.isEmpty();
        }

        public TransactionDraft build() {
            return new TransactionDraft(sourceId, kind, sellerId, occurredAt, description, causationId,
                    stripeBalanceTransactionId, reversesId, presentment, entries, earnings, release);
        }
    }
}
