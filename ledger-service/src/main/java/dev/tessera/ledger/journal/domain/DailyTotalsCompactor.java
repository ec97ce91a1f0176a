package dev.tessera.ledger.journal.domain;

import dev.tessera.ledger.support.Jdbc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Folds the striped slots of past days' account totals into slot 0. Striping only matters while a day is being
 * posted to; afterwards it merely multiplies the rows reports read. Rows are locked in the postings' order
 * (account, day, slot), and a late posting to a compacted day simply upserts a fresh slot row.
 */
@ApplicationScoped
public class DailyTotalsCompactor {

    private static final Logger LOG = Logger.getLogger(DailyTotalsCompactor.class);

    private static final String COMPACT = "with moved as (delete from account_daily where (account_id, day, slot) in "
            + "(select account_id, day, slot from account_daily where day < ? and slot <> 0 "
            + "order by account_id, day, slot limit 50000 for update) "
            + "returning account_id, day, debits, credits, entry_count) "
            + "insert into account_daily (account_id, day, slot, debits, credits, entry_count) "
            + "select account_id, day, 0, sum(debits), sum(credits), sum(entry_count) from moved "
            + "group by account_id, day order by account_id, day "
            + "on conflict (account_id, day, slot) do update set debits = account_daily.debits + excluded.debits, "
            + "credits = account_daily.credits + excluded.credits, entry_count = account_daily.entry_count + excluded.entry_count";

    private final DataSource dataSource;

    DailyTotalsCompactor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(every = "${tessera.ledger.compaction-interval:PT10M}", delayed = "PT1M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            compactBefore(LocalDate.now(ZoneOffset.UTC).minusDays(1));
        } catch (RuntimeException e) {
            LOG.warnf("compacting daily account totals failed, will retry: %s", e.toString());
        }
    }

    /** Compacts every day before {@code day}; returns the number of slot rows folded. */
    public int compactBefore(LocalDate day) {
        int total = 0;
        while (true) {
            int moved = QuarkusTransaction.requiringNew().call(() -> Jdbc.update(dataSource, COMPACT, day));
            total += moved;
            if (moved == 0) {
                return total;
            }
        }
    }
}
