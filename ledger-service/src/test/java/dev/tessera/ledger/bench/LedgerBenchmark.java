package dev.tessera.ledger.bench;

import static dev.tessera.ledger.journal.domain.AccountKey.of;
import static dev.tessera.ledger.journal.domain.AccountKey.platform;
import static io.restassured.RestAssured.given;

import dev.tessera.ledger.LedgerDb;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.DailyTotalsCompactor;
import dev.tessera.ledger.journal.domain.EarningsDelta;
import dev.tessera.ledger.journal.domain.Journal;
import dev.tessera.ledger.journal.domain.PendingRelease;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import dev.tessera.testing.TestJwt;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The ledger's benchmark (a command, not a test; excluded from the normal build):
 *
 * <pre>./mvnw -B -o -f ledger-service/pom.xml -Pbench test</pre>
 *
 * <ol>
 *   <li>Posting throughput in the service alone: sale postings (4 entries each, with the seller's earnings, a
 *       pending release and two outbox events), every one touching the same hot platform accounts (Stripe balance,
 *       fees, commission) and 20% of them one hot seller, posted by several threads in batches, until the journal
 *       holds {@code bench.entries} entries (default 1,000,000). For reference, the same unbatched (one posting per
 *       database transaction, as the Kafka consumers post).</li>
 *   <li>Report latency over that journal: every report through HTTP, JSON (and one CSV), p50/p95/max.</li>
 * </ol>
 * Results go to stdout and {@code target/ledger-bench.md}.
 */
@QuarkusTest
class LedgerBenchmark {

    private static final int SELLERS = 200;
    private static final String HOT_SELLER = "sel_hot";

    @Inject
    Journal journal;

    @Inject
    DailyTotalsCompactor compactor;

    @Inject
    DataSource dataSource;

    @Inject
    dev.tessera.ledger.report.domain.ReportQueries reportQueries;

    @TestHTTPResource("/")
    URI root;

    private String baseUrl;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final StringBuilder report = new StringBuilder();

    @Test
    void benchmark() throws Exception {
        long target = Long.getLong("bench.entries", 1_000_000L);
        int threads = Integer.getInteger("bench.threads", 4);
        int batch = Integer.getInteger("bench.batch", 250);
        line("# Ledger benchmark (" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores)");
        line("");

        post(threads, batch, 20_000); // warm-up
        long before = LedgerDb.count(dataSource, "select count(*) from journal_entry");
        long started = System.nanoTime();
        long posted = post(threads, batch, Math.max(0, target - before));
        double seconds = (System.nanoTime() - started) / 1e9;
        line("## Posting throughput");
        line("");
        line("| mode | threads | postings per db transaction | entries | seconds | entries/s |");
        line("|---|---|---|---|---|---|");
        line(String.format("| batched, hot accounts | %d | %d | %,d | %.1f | **%,.0f** |", threads, batch, posted, seconds,
                posted / seconds));

        long unbatchedStart = System.nanoTime();
        long unbatched = post(2, 1, 8_000);
        double unbatchedSeconds = (System.nanoTime() - unbatchedStart) / 1e9;
        line(String.format("| one posting per db transaction (like a consumer) | 2 | 1 | %,d | %.1f | %,.0f |", unbatched,
                unbatchedSeconds, unbatched / unbatchedSeconds));
        line("");

        long compactStart = System.nanoTime();
        int folded = compactor.compactBefore(java.time.LocalDate.now(ZoneOffset.UTC));
        long entries = LedgerDb.count(dataSource, "select count(*) from journal_entry");
        line(String.format("Journal: %,d entries, %,d transactions; daily totals compacted (%,d slot rows folded in %.1f s); "
                        + "%,d seller earnings rows, %,d daily account rows.", entries,
                LedgerDb.count(dataSource, "select count(*) from journal_transaction"), folded,
                (System.nanoTime() - compactStart) / 1e9,
                LedgerDb.count(dataSource, "select count(*) from seller_earnings_daily"),
                LedgerDb.count(dataSource, "select count(*) from account_daily")));
        try (var connection = dataSource.getConnection(); var sql = connection.createStatement()) {
            sql.execute("analyze");
        }
        line("");
        baseUrl = root.toString().replaceAll("/$", "");
        reports();
        String text = report.toString();
        System.out.println(text);
        Files.writeString(Path.of("target", "ledger-bench.md"), text);
    }

    private void reports() throws Exception {
        String token = TestJwt.finance("bench");
        String seller = "/reports/sellers/" + HOT_SELLER;
        HttpClient http = HttpClient.newHttpClient();
        String firstPage = given().auth().oauth2(token).get(seller + "/transactions?limit=50").then().statusCode(200)
                .extract().path("nextCursor");
        Map<String, String> reports = new LinkedHashMap<>();
        reports.put("seller earnings, by day, one year", seller + "/earnings?from=2025-01-01&to=2026-01-01&granularity=day");
        reports.put("seller earnings, by week", seller + "/earnings?from=2025-01-01&to=2026-01-01&granularity=week");
        reports.put("seller earnings, by month, CSV", seller + "/earnings?from=2025-01-01&to=2026-01-01&granularity=month&format=csv");
        reports.put("seller commission breakdown", "/reports/commissions?sellerId=" + HOT_SELLER + "&from=2025-01-01&to=2026-01-01");
        reports.put("commission breakdown, all sellers, one year", "/reports/commissions?from=2025-01-01&to=2026-01-01");
        reports.put("commission breakdown, all sellers, mid-month to mid-month", "/reports/commissions?from=2025-02-15&to=2025-11-15");
        reports.put("seller pending / available / paid", seller + "/balances");
        reports.put("all sellers' balances (page of 100)", "/reports/balances?limit=100");
        reports.put("seller transactions (page of 50)", seller + "/transactions?limit=50");
        reports.put("seller transactions (next page, cursor)", seller + "/transactions?limit=50&cursor=" + firstPage);
        reports.put("all transactions (page of 50)", "/reports/transactions?limit=50");
        reports.put("platform revenue, by day, one year", "/reports/platform-revenue?from=2025-01-01&to=2026-01-01&granularity=day");
        reports.put("platform revenue, by month", "/reports/platform-revenue?from=2025-01-01&to=2026-01-01&granularity=month");
        reports.put("trial balance", "/reports/trial-balance");
        reports.put("trial balance as of 2025-06-30", "/reports/trial-balance?asOf=2025-06-30");
        reports.put("yearly statement", seller + "/statements/2025");
        reports.put("yearly statement, CSV", seller + "/statements/2025?format=csv");
        int runs = 30;
        line("## Report latency (HTTP round trip with java.net.http, " + runs + " runs each after 5 warm-ups; ms)");
        line("");
        line("| report | response bytes | p50 | p95 | max |");
        line("|---|---|---|---|---|");
        for (Map.Entry<String, String> entry : reports.entrySet()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + entry.getValue()))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
            int bytes = 0;
            for (int i = 0; i < 5; i++) {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(entry.getValue() + " answered " + response.statusCode());
                }
                bytes = response.body().length;
            }
            double[] millis = new double[runs];
            for (int i = 0; i < millis.length; i++) {
                long t = System.nanoTime();
                http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                millis[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(millis);
            line(String.format("| %s | %,d | %.1f | %.1f | %.1f |", entry.getKey(), bytes, millis[runs / 2],
                    millis[(int) Math.ceil(runs * 0.95) - 1], millis[runs - 1]));
        }
        line("");
        line("Database work alone (the report query called in-process, no HTTP or JSON; ms):");
        line("");
        line("| query | p50 | p95 |");
        line("|---|---|---|");
        java.time.LocalDate from = java.time.LocalDate.parse("2025-01-01");
        java.time.LocalDate to = java.time.LocalDate.parse("2026-01-01");
        Map<String, Runnable> queries = new LinkedHashMap<>();
        queries.put("seller earnings by day", () -> reportQueries.earnings(HOT_SELLER, from, to,
                dev.tessera.ledger.report.domain.Granularity.DAY, null));
        queries.put("commissions, all sellers", () -> reportQueries.commissions(null, from, to));
        queries.put("platform revenue by day", () -> reportQueries.platformRevenue(from, to,
                dev.tessera.ledger.report.domain.Granularity.DAY));
        queries.put("trial balance", () -> reportQueries.trialBalance(null));
        queries.put("trial balance as of 2025-06-30", () -> reportQueries.trialBalance(java.time.LocalDate.parse("2025-06-30")));
        for (Map.Entry<String, Runnable> query : queries.entrySet()) {
            for (int i = 0; i < 5; i++) {
                query.getValue().run();
            }
            double[] millis = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                query.getValue().run();
                millis[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(millis);
            line(String.format("| %s | %.1f | %.1f |", query.getKey(), millis[runs / 2], millis[(int) Math.ceil(runs * 0.95) - 1]));
        }
    }

    /** Posts sale drafts until about {@code entries} entries are posted; returns the entries posted. */
    private long post(int threads, int batch, long entries) throws Exception {
        long transactions = entries / 4;
        AtomicLong remaining = new AtomicLong(transactions);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                Random random = new Random();
                long posted = 0;
                while (true) {
                    long claimed = remaining.getAndAdd(-batch);
                    if (claimed <= 0) {
                        return posted;
                    }
                    int size = (int) Math.min(batch, claimed);
                    List<TransactionDraft> drafts = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        drafts.add(sale(random));
                    }
                    QuarkusTransaction.requiringNew().run(() -> journal.post(drafts));
                    posted += size * 4L;
                }
            }));
        }
        long total = 0;
        for (Future<Long> future : futures) {
            total += future.get();
        }
        pool.shutdown();
        return total;
    }

    private TransactionDraft sale(Random random) {
        String seller = random.nextInt(5) == 0 ? HOT_SELLER : "sel_" + random.nextInt(SELLERS);
        String currency = random.nextInt(5) == 0 ? "USD" : "EUR";
        long gross = 500 + random.nextInt(20_000);
        long fee = gross * 29 / 1000 + 25;
        int bps = seller.hashCode() % 2 == 0 ? 500 : 1_000;
        long commission = (gross * bps + 5_000) / 10_000;
        long share = gross - commission;
        Instant at = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(365 * 86_400));
        return TransactionDraft.builder("bench-" + run + "-" + sequence.incrementAndGet(), PostingKind.CHARGE, at)
                .seller(seller)
                .description("bench sale")
                .debit(platform(AccountType.STRIPE_BALANCE, currency), gross - fee)
                .debit(platform(AccountType.STRIPE_FEES, currency), fee)
                .credit(platform(AccountType.COMMISSION_REVENUE, currency), commission)
                .credit(of(AccountType.SELLER_PAYABLE_PENDING, seller, currency), share)
                .earnings(new EarningsDelta(seller, currency, at.atZone(ZoneOffset.UTC).toLocalDate(), "event_ticket", bps,
                        gross, fee, commission, 0, 0, share, 1, 0, 0))
                .release(new PendingRelease(seller, currency, share, Instant.now().plus(3_650, ChronoUnit.DAYS)))
                .build();
    }

    private void line(String text) {
        report.append(text).append('\n');
    }
}
