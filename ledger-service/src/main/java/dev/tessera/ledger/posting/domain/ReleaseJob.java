package dev.tessera.ledger.posting.domain;

import static dev.tessera.ledger.journal.domain.AccountKey.of;

import dev.tessera.ledger.LedgerConfig;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.Journal;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import dev.tessera.ledger.posting.persistence.ReleaseRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Moves sellers' shares from pending to available once Stripe's {@code available_on} has passed
 * (Dr seller_payable_pending, Cr seller_payable_available; key: the charge id). Several instances may run
 * it: due rows are claimed with {@code SKIP LOCKED}, and a release is posted at most once anyway.
 */
@ApplicationScoped
public class ReleaseJob {

    private static final Logger LOG = Logger.getLogger(ReleaseJob.class);

    private final ReleaseRepository releases;
    private final Journal journal;
    private final LedgerConfig config;

    ReleaseJob(ReleaseRepository releases, Journal journal, LedgerConfig config) {
        this.releases = releases;
        this.journal = journal;
        this.config = config;
    }

    @Scheduled(every = "${tessera.ledger.release.interval:PT1M}", delayed = "${tessera.ledger.release.interval:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            releaseDue(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("releasing due seller funds failed, will retry: %s", e.toString());
        }
    }

    /** Releases everything due at {@code now}; returns how many releases were posted. */
    public int releaseDue(Instant now) {
        int total = 0;
        while (true) {
            int released = QuarkusTransaction.requiringNew().call(() -> releaseBatch(now));
            total += released;
            if (released < config.release().batchSize()) {
                return total;
            }
        }
    }

    private int releaseBatch(Instant now) {
        List<ReleaseRepository.DueRelease> due = releases.lockDue(now, config.release().batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        List<TransactionDraft> drafts = new ArrayList<>(due.size());
        for (ReleaseRepository.DueRelease release : due) {
            drafts.add(TransactionDraft.builder(release.sourceId(), PostingKind.RELEASE, release.availableOn())
                    .seller(release.sellerId())
                    .description("funds of " + release.sourceId() + " available")
                    .debit(of(AccountType.SELLER_PAYABLE_PENDING, release.sellerId(), release.currency()), release.amount())
                    .credit(of(AccountType.SELLER_PAYABLE_AVAILABLE, release.sellerId(), release.currency()),
                            release.amount())
                    .build());
        }
        journal.post(drafts);
        releases.delete(due.stream().map(ReleaseRepository.DueRelease::sourceTransactionId).toList());
        return due.size();
    }
}
