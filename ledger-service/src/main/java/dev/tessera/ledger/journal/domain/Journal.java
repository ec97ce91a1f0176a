package dev.tessera.ledger.journal.domain;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.events.ledger.LedgerEventTypes;
import dev.tessera.events.ledger.SellerBalanceChanged;
import dev.tessera.events.ledger.TransactionPosted;
import dev.tessera.ledger.LedgerConfig;
import dev.tessera.ledger.LedgerErrorCode;
import dev.tessera.ledger.journal.persistence.AccountRepository;
import dev.tessera.ledger.journal.persistence.JournalQueries;
import dev.tessera.ledger.journal.persistence.JournalRepository;
import dev.tessera.ledger.journal.persistence.SummaryRepository.AccountDay;
import dev.tessera.ledger.journal.persistence.SummaryRepository.AccountSlot;
import dev.tessera.ledger.journal.persistence.SummaryRepository.SellerBalanceRow;
import dev.tessera.ledger.journal.persistence.SummaryRepository.SellerDelta;
import dev.tessera.ledger.journal.persistence.SummaryRepository.SellerKey;
import dev.tessera.ledger.journal.persistence.SummaryRepository.Totals;
import dev.tessera.ledger.journal.persistence.SummaryRepository;
import dev.tessera.runtime.error.ProblemException;
import dev.tessera.runtime.outbox.Outbox;
import dev.tessera.runtime.outbox.OutboxMessage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Posts journal transactions. One call posts any number of drafts in the caller's database transaction with
 * a constant number of statements: the transactions (one multi-row insert that skips already posted
 * (source id, kind) keys), their entries (one JDBC batch), and one upsert per summary table with rows
 * aggregated in memory and sorted. It also writes the {@code transaction.posted} and
 * {@code seller.balance.changed} events to the outbox in the same transaction.
 *
 * <p>Balances are never read-modified-written here: totals are added to, so the platform's hot accounts
 * (Stripe balance, fees, commission, touched by nearly every posting) only take row locks on the slot this
 * call picked, and concurrent postings on other slots proceed in parallel.
 */
@ApplicationScoped
public class Journal {

    public static final String SOURCE = "ledger-service";

    private static final Object SLOT_KEY = new Object();

    private final TransactionSynchronizationRegistry transactions;
    private final JournalQueries queries;
    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final SummaryRepository summaries;
    private final Outbox outbox;
    private final LedgerConfig config;
    private final MeterRegistry registry;

    Journal(TransactionSynchronizationRegistry transactions, JournalQueries queries, AccountRepository accounts, JournalRepository journal, SummaryRepository summaries,
            Outbox outbox, LedgerConfig config, MeterRegistry registry) {
        this.transactions = transactions;
        this.queries = queries;
        this.accounts = accounts;
        this.journal = journal;
        this.summaries = summaries;
        this.outbox = outbox;
        this.config = config;
        this.registry = registry;
    }

    /** Kinds that may be reversed by hand; Stripe-driven postings are corrected by Stripe's own events. */
    public static final Set<PostingKind> REVERSIBLE = EnumSet.of(PostingKind.MANUAL, PostingKind.CREDIT_REDEMPTION);

    /**
     * Reverses a transaction: a new transaction with every entry negated (and its earnings taken back out),
     * dated {@code at}. The original stays as it was; a transaction is reversed at most once.
     *
     * @throws ProblemException 404 if there is no such transaction, 409 if it is a reversal, not reversible by
     *                          hand, or already reversed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PostedTransaction reverse(long transactionId, String reason, String causationId, Instant at) {
        JournalQueries.StoredTransaction original = queries.find(transactionId).orElseThrow(() ->
                new ProblemException(LedgerErrorCode.TRANSACTION_NOT_FOUND, "no journal transaction " + transactionId));
        if (original.reversedById() != null) {
            throw new ProblemException(LedgerErrorCode.ALREADY_REVERSED, "journal transaction " + transactionId
                    + " was reversed by " + original.reversedById()).with("reversedBy", original.reversedById());
        }
        if (!REVERSIBLE.contains(original.kind())) {
            throw new ProblemException(LedgerErrorCode.NOT_REVERSIBLE, "a " + original.kind().dbValue()
                    + " posting is corrected by Stripe's own events or a manual adjustment, not reversed");
        }
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        TransactionDraft.Builder draft = TransactionDraft.builder(Long.toString(transactionId), PostingKind.REVERSAL, at)
                .seller(original.sellerId())
                .reverses(transactionId)
                .description("reversal of " + transactionId + (reason == null || reason.isBlank() ? "" : ": " + reason))
                .causation(causationId);
        for (JournalQueries.StoredEntry entry : original.entries()) {
            draft.entry(new Entry(entry.account(), Math.negateExact(entry.amount())));
        }
        for (EarningsDelta earnings : original.earnings()) {
            EarningsDelta negated = earnings.negated();
            draft.earnings(new EarningsDelta(negated.sellerId(), negated.currency(), day, negated.offeringKind(),
                    negated.commissionBps(), negated.gross(), negated.stripeFees(), negated.commission(),
                    negated.refunds(), negated.disputes(), negated.net(), negated.sales(), negated.refundCount(),
                    negated.disputeCount()));
        }
        summaries.deleteRelease(transactionId);
        return post(draft.build());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PostedTransaction post(TransactionDraft draft) {
        return post(List.of(draft)).get(0);
    }

    /** Posts the drafts not posted before; returns one result per draft, in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<PostedTransaction> post(List<TransactionDraft> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Set<AccountKey> keys = new TreeSet<>();
        drafts.forEach(draft -> draft.entries().forEach(entry -> keys.add(entry.account())));
        Map<AccountKey, Long> accountIds = accounts.idsOf(keys);

        Map<JournalRepository.Key, Long> inserted = journal.insertNew(drafts, now);
        List<PostedTransaction> results = new ArrayList<>(drafts.size());
        Set<JournalRepository.Key> claimed = new HashSet<>();
        List<JournalRepository.Key> duplicates = new ArrayList<>();
        for (TransactionDraft draft : drafts) {
            JournalRepository.Key key = key(draft);
            Long id = inserted.get(key);
            if (id != null && claimed.add(key)) {
                results.add(new PostedTransaction(draft, id, true));
            } else {
                results.add(null);
                duplicates.add(key);
            }
        }
        if (!duplicates.isEmpty()) {
            Map<JournalRepository.Key, Long> existing = new HashMap<>(journal.existing(duplicates));
            existing.putAll(inserted);
            for (int i = 0; i < drafts.size(); i++) {
                if (results.get(i) == null) {
                    Long id = existing.get(key(drafts.get(i)));
                    results.set(i, new PostedTransaction(drafts.get(i), id == null ? -1 : id, false));
                }
            }
            registry.counter("tessera.ledger.postings.duplicates").increment(duplicates.size());
        }

        int slot = slot();
        List<JournalRepository.EntryRow> entryRows = new ArrayList<>();
        TreeMap<AccountSlot, Totals> balances = new TreeMap<>();
        TreeMap<AccountDay, Totals> daily = new TreeMap<>();
        TreeMap<SellerKey, SellerDelta> sellers = new TreeMap<>();
        Map<EarningsDelta.Key, EarningsDelta> earnings = new LinkedHashMap<>();
        List<SummaryRepository.ReleaseRow> releases = new ArrayList<>();
        List<OutboxMessage> messages = new ArrayList<>();
        int posted = 0;
        for (PostedTransaction result : results) {
            if (!result.posted()) {
                continue;
            }
            posted++;
            TransactionDraft draft = result.draft();
            long transactionId = result.transactionId();
            LocalDate day = draft.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
            for (Entry entry : draft.entries()) {
                long accountId = accountIds.get(entry.account());
                entryRows.add(new JournalRepository.EntryRow(transactionId, accountId, entry));
                balances.computeIfAbsent(new AccountSlot(accountId, slot), k -> new Totals()).add(entry.amount());
                daily.computeIfAbsent(new AccountDay(accountId, day, slot), k -> new Totals()).add(entry.amount());
                addToSeller(sellers, entry, transactionId);
            }
            for (EarningsDelta delta : draft.earnings()) {
                earnings.merge(delta.key(), delta, EarningsDelta::plus);
            }
            if (draft.release() != null && draft.release().amount() != 0) {
                PendingRelease release = draft.release();
                releases.add(new SummaryRepository.ReleaseRow(transactionId, draft.sourceId(), release.sellerId(),
                        release.currency(), release.amount(), release.availableOn()));
            }
            messages.add(Outbox.toMessage(Topics.LEDGER_EVENTS, DomainEvent.of(LedgerEventTypes.TRANSACTION_POSTED,
                    LedgerEventTypes.VERSION, SOURCE, Long.toString(transactionId), draft.causationId(),
                    toEvent(transactionId, draft, now))));
        }
        if (posted == 0) {
            return results;
        }
        journal.insertEntries(entryRows);
        summaries.addToBalances(balances);
        summaries.addToDaily(daily);
        List<SellerBalanceRow> changed = summaries.addToSellerBalances(sellers, now);
        summaries.addToEarnings(earnings.values());
        summaries.insertReleases(releases);
        for (SellerBalanceRow row : changed) {
            messages.add(Outbox.toMessage(Topics.LEDGER_EVENTS, DomainEvent.of(LedgerEventTypes.SELLER_BALANCE_CHANGED,
                    LedgerEventTypes.VERSION, SOURCE, row.sellerId(), causationOf(results, row.lastTransactionId()),
                    new SellerBalanceChanged(row.sellerId(), row.currency(), row.pending(), row.available(),
                            row.paidOut(), row.version(), row.lastTransactionId(), row.updatedAt()))));
        }
        outbox.appendAll(messages);
        registry.counter("tessera.ledger.postings").increment(posted);
        registry.counter("tessera.ledger.entries").increment(entryRows.size());
        return results;
    }

    /**
     * The stripe slot of this database transaction: picked at random once, then kept for every posting of the
     * transaction, so that two transactions that each post twice never take the same rows in opposite orders.
     */
    private int slot() {
        Object slot = transactions.getResource(SLOT_KEY);
        if (slot == null) {
            slot = ThreadLocalRandom.current().nextInt(Math.max(1, config.balanceSlots()));
            transactions.putResource(SLOT_KEY, slot);
        }
        return (Integer) slot;
    }

    private static void addToSeller(Map<SellerKey, SellerDelta> sellers, Entry entry, long transactionId) {
        AccountType type = entry.account().type();
        if (type.owner() != AccountType.Owner.SELLER) {
            return;
        }
        SellerDelta delta = sellers.computeIfAbsent(new SellerKey(entry.account().ownerId(), entry.currency()),
                k -> new SellerDelta());
        long owed = Math.negateExact(entry.amount());
        switch (type) {
            case SELLER_PAYABLE_PENDING -> delta.pending = Math.addExact(delta.pending, owed);
            case SELLER_PAYABLE_AVAILABLE -> delta.available = Math.addExact(delta.available, owed);
            case SELLER_PAID_OUT -> delta.paidOut = Math.addExact(delta.paidOut, owed);
            default -> throw new IllegalStateException("unexpected seller account " + type);
        }
        delta.lastTransactionId = Math.max(delta.lastTransactionId, transactionId);
    }

    private static String causationOf(List<PostedTransaction> results, long transactionId) {
        for (PostedTransaction result : results) {
            if (result.transactionId() == transactionId) {
                return result.draft().causationId();
            }
        }
        return null;
    }

    private static JournalRepository.Key key(TransactionDraft draft) {
        return new JournalRepository.Key(draft.sourceId(), draft.kind().dbValue());
    }

    static TransactionPosted toEvent(long transactionId, TransactionDraft draft, Instant postedAt) {
        List<TransactionPosted.Entry> entries = draft.entries().stream()
                .map(e -> new TransactionPosted.Entry(e.account().type().dbValue(), e.account().ownerId(), e.currency(),
                        e.amount()))
                .toList();
        Presentment presentment = draft.presentment();
        return new TransactionPosted(transactionId, draft.kind().dbValue(), draft.sourceId(), draft.sellerId(),
                draft.occurredAt(), postedAt, draft.reversesId(), draft.stripeBalanceTransactionId(),
                presentment == null ? null : presentment.amount(), presentment == null ? null : presentment.currency(),
                presentment == null || presentment.exchangeRate() == null ? null
                        : presentment.exchangeRate().toPlainString(),
                entries);
    }
}
