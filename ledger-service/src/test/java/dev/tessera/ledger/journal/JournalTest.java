package dev.tessera.ledger.journal;

import static dev.tessera.ledger.journal.domain.AccountKey.of;
import static dev.tessera.ledger.journal.domain.AccountKey.platform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.ledger.LedgerDb;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.Journal;
import dev.tessera.ledger.journal.domain.PostedTransaction;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The double-entry core against a real PostgreSQL: balance, idempotency, append-only, concurrency on hot accounts. */
@QuarkusTest
class JournalTest {

    @Inject
    Journal journal;

    @Inject
    DataSource dataSource;

    private static TransactionDraft sale(String source, String seller, long gross, long fee, long commission) {
        return TransactionDraft.builder(source, PostingKind.MANUAL, Instant.parse("2026-03-01T10:00:00Z"))
                .seller(seller)
                .debit(platform(AccountType.STRIPE_BALANCE, "EUR"), gross - fee)
                .debit(platform(AccountType.STRIPE_FEES, "EUR"), fee)
                .credit(platform(AccountType.COMMISSION_REVENUE, "EUR"), commission)
                .credit(of(AccountType.SELLER_PAYABLE_AVAILABLE, seller, "EUR"), gross - commission)
                .build();
    }

    @Test
    void postsBalancedTransactionsOnceAndKeepsTotalsEqualToTheEntries() {
        String seller = "sel_j_" + UUID.randomUUID();
        String source = "src_" + UUID.randomUUID();
        PostedTransaction first = QuarkusTransaction.requiringNew().call(() -> journal.post(sale(source, seller, 10_000, 320, 1_000)));
        PostedTransaction again = QuarkusTransaction.requiringNew().call(() -> journal.post(sale(source, seller, 10_000, 320, 1_000)));

        assertThat(first.posted()).isTrue();
        assertThat(again.posted()).isFalse();
        assertThat(again.transactionId()).isEqualTo(first.transactionId());
        assertThat(LedgerDb.count(dataSource, "select count(*) from journal_entry where transaction_id = ?",
                first.transactionId())).isEqualTo(4);
        assertThat(LedgerDb.balance(dataSource, "seller_payable_available", seller, "EUR")).isEqualTo(9_000);
        assertThat(LedgerDb.longValue(dataSource, "select available from seller_balance where seller_id = ?", seller))
                .isEqualTo(9_000);
        assertThat(LedgerDb.unbalanced(dataSource)).isEmpty();
        assertThat(LedgerDb.summaryDrift(dataSource)).isEmpty();
    }

    @Test
    void theBuilderRefusesUnbalancedEntries() {
        assertThatThrownBy(() -> TransactionDraft.builder("x", PostingKind.MANUAL, Instant.now())
                .debit(platform(AccountType.STRIPE_BALANCE, "EUR"), 100)
                .credit(platform(AccountType.COMMISSION_REVENUE, "EUR"), 99)
                .build()).isInstanceOf(TransactionDraft.UnbalancedException.class).hasMessageContaining("EUR");
        // balanced in total but not per currency
        assertThatThrownBy(() -> TransactionDraft.builder("y", PostingKind.MANUAL, Instant.now())
                .debit(platform(AccountType.STRIPE_BALANCE, "EUR"), 100)
                .credit(platform(AccountType.COMMISSION_REVENUE, "USD"), 100)
                .build()).isInstanceOf(TransactionDraft.UnbalancedException.class);
    }

    @Test
    void theDatabaseRefusesUnbalancedTransactionsAtCommit() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            long account = accountId(connection, "stripe_balance", "EUR");
            sql.execute("insert into journal_transaction (source_id, kind, occurred_at) values ('raw-" + UUID.randomUUID()
                    + "', 'manual', now())");
            sql.execute("insert into journal_entry (transaction_id, account_id, currency, amount) "
                    + "values (currval('journal_transaction_id_seq'), " + account + ", 'EUR', 100), "
                    + "(currval('journal_transaction_id_seq'), " + account + ", 'EUR', -99)");
            assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class).hasMessageContaining("does not balance");
            connection.rollback();
        }
    }

    @Test
    void entriesAreAppendOnlyAndCannotBeAddedToACommittedTransaction() throws SQLException {
        PostedTransaction posted = QuarkusTransaction.requiringNew().call(() ->
                journal.post(sale("src_" + UUID.randomUUID(), "sel_j_" + UUID.randomUUID(), 500, 20, 50)));
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            assertThatThrownBy(() -> sql.execute("update journal_entry set amount = amount + 1 where transaction_id = "
                    + posted.transactionId())).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute("delete from journal_entry where transaction_id = "
                    + posted.transactionId())).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute("delete from journal_transaction where id = " + posted.transactionId()))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute("truncate journal_entry")).hasMessageContaining("append-only");
            long account = accountId(connection, "stripe_balance", "EUR");
            assertThatThrownBy(() -> sql.execute("insert into journal_entry (transaction_id, account_id, currency, amount) "
                    + "values (" + posted.transactionId() + ", " + account + ", 'EUR', 5)"))
                    .hasMessageContaining("only be added by the database transaction that created it");
        }
    }

    @Test
    void concurrentPostingsOnHotAccountsAllLandAndBalance() throws Exception {
        String run = UUID.randomUUID().toString();
        long revenueBefore = LedgerDb.balance(dataSource, "commission_revenue", "", "EUR");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> futures = new ArrayList<>();
        for (int thread = 0; thread < 6; thread++) {
            int t = thread;
            futures.add(pool.submit(() -> {
                for (int batch = 0; batch < 5; batch++) {
                    List<TransactionDraft> drafts = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        drafts.add(sale(run + "-" + t + "-" + batch + "-" + i, "sel_hot_" + (i % 3) + "_" + run, 1_000, 59, 100));
                    }
                    QuarkusTransaction.requiringNew().run(() -> journal.post(drafts));
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(LedgerDb.count(dataSource, "select count(*) from journal_transaction where source_id like ?", run + "-%"))
                .isEqualTo(600);
        assertThat(LedgerDb.balance(dataSource, "commission_revenue", "", "EUR") - revenueBefore).isEqualTo(60_000);
        long owed = 0;
        for (int s = 0; s < 3; s++) {
            owed += LedgerDb.longValue(dataSource, "select available from seller_balance where seller_id = ?",
                    "sel_hot_" + s + "_" + run);
        }
        assertThat(owed).isEqualTo(600 * 900);
        assertThat(LedgerDb.unbalanced(dataSource)).isEmpty();
        assertThat(LedgerDb.summaryDrift(dataSource)).isEmpty();
    }

    private static long accountId(Connection connection, String type, String currency) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("insert into ledger_account (type, owner_id, currency) values ('" + type + "', '', '" + currency
                    + "') on conflict do nothing");
            var rs = sql.executeQuery("select id from ledger_account where type = '" + type + "' and owner_id = '' "
                    + "and currency = '" + currency + "'");
            rs.next();
            return rs.getLong(1);
        }
    }
}
