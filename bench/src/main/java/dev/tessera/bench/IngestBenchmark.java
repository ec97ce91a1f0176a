package dev.tessera.bench;

import dev.tessera.events.StripeHeaders;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TopicReader;
import dev.tessera.testing.TopicRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Producer;

/**
 * The webhook-ingest benchmark: starts PostgreSQL and Kafka (TesseraInfra) and the packaged service in
 * a child JVM, measures the insert and the Kafka send alone, then drives the service with signed
 * webhooks (open loop at a fixed rate, a duplicate stream, a closed-loop capacity probe), checks
 * that every acknowledged event reached Kafka exactly once, and writes a results table.
 *
 * <p>Options ({@code --name value} or {@code --name=value}), with defaults:
 * <pre>
 *   --rate 2000            open-loop arrival rate, requests/s
 *   --warmup 5             seconds at that rate before measuring
 *   --duration 30          measured seconds
 *   --dup-unique 2000      unique events posted once before the duplicate stream
 *   --dup-rate 4000        duplicate stream rate, requests/s
 *   --dup-duration 15      duplicate stream seconds
 *   --baseline-seconds 10  measured seconds of each baseline (after 2 s warm-up)
 *   --jdbc-threads 32      connections of the per-event JDBC baseline (one event per transaction); comma list
 *   --baseline-batch 16    events per transaction of the batched JDBC baseline; comma list (first one is the ratios')
 *   --baseline-writers 2   connections of the batched baseline; default the service's writer threads (2, or
 *                          TESSERA_INGEST_WRITER_THREADS from --service-env)
 *   --capacity-seconds 10  closed-loop capacity probe; 0 skips it
 *   --capacity-concurrency 32
 *   --jit-warmup 60        seconds of closed-loop traffic before the open loop, so the service runs compiled code
 *   --max-in-flight 256    open-loop requests in flight at most; later ones wait (their wait counts as latency)
 *   --service-jar PATH     default webhook-ingest-service/target/quarkus-app/quarkus-run.jar
 *   --service-env K=V      extra environment for the service (repeatable), e.g. to try a pool size
 *   --out DIR              default bench/results
 *   --durable              PostgreSQL with fsync, synchronous_commit and full_page_writes on (default: the
 *                          embedded server's test settings, all three off)
 *   --pg-setting K=V       ALTER SYSTEM SET K = V on the bench's own PostgreSQL before the run (repeatable),
 *                          e.g. max_wal_size=8GB; reported with what SHOW says
 * </pre>
 */
public final class IngestBenchmark {

    private static final String SECRET = "whsec_bench_secret";
    private static final String DATABASE = "ingest";
    private static final double P99_TARGET_MS = 20;
    private static final List<String> OPTIONS = List.of("rate", "warmup", "duration", "dup-unique", "dup-rate",
            "dup-duration", "baseline-seconds", "jdbc-threads", "baseline-batch", "baseline-writers", "capacity-seconds",
            "capacity-concurrency", "max-in-flight", "jit-warmup", "service-jar", "service-env", "out", "durable",
            "pg-setting");
    /** Options without a value ({@code --durable}; {@code --durable=false} also works). */
    private static final List<String> FLAGS = List.of("durable");

    private final Map<String, List<String>> options;
    private final StringBuilder report = new StringBuilder();
    private boolean correct = true;

    // what every phase shares, set up by run()
    private TesseraInfra infra;
    private String jdbcUrl;
    private Connection db;
    private WebhookLoad load;
    // the JDK client reads /q/metrics only; the load goes through WebhookLoad's Vert.x client
    private HttpClient client;
    private IngestServiceProcess service;
    private CpuUsage cpu;
    // the batched JDBC baseline (the service's group commit), which the ratios compare with
    private double jdbcRate;
    private String jdbcRateLabel = "insert alone";
    private double kafkaRate;
    private java.time.Instant serviceBuilt;
    private String jitWarmupNote = "none";
    private String postgresNote;

    private IngestBenchmark(Map<String, List<String>> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        int status = new IngestBenchmark(parse(args)).run();
        // exit explicitly: client threads must not keep the JVM (or mvn exec:java) alive; hooks stop the servers
        System.exit(status);
    }

    private int run() throws Exception {
        Path root = repositoryRoot();
        Path jar = Path.of(option("service-jar",
                root.resolve("webhook-ingest-service/target/quarkus-app/quarkus-run.jar").toString()));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with "
                    + "./mvnw -B -o -q -pl webhook-ingest-service package -DskipTests");
        }
        serviceBuilt = Files.getLastModifiedTime(jar.getParent().resolve("app")).toInstant()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // Run a private copy: other builds on this machine may rebuild the service's target/ mid-run.
        jar = copyApplication(jar.getParent(), root.resolve("bench/target/ingest-service-app")).resolve(jar.getFileName());
        Map<String, String> serviceOverrides = new LinkedHashMap<>();
        for (String pair : options.getOrDefault("service-env", List.of())) {
            serviceOverrides.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        double rate = number("rate", 2000);
        int maxInFlight = (int) number("max-in-flight", 256);
        EventTemplate charges = EventTemplate.chargeSucceeded("load");
        EventTemplate disputes = EventTemplate.disputeCreated("dup");

        String startLoad = loadAverage();
        log("load average at start: " + startLoad + "; starting PostgreSQL and Kafka");
        infra = TesseraInfra.get();
        jdbcUrl = infra.jdbcUrl(DATABASE);
        String settingsNote = "";
        List<String> pgSettings = options.getOrDefault("pg-setting", List.of());
        if (!pgSettings.isEmpty()) {
            if (!infra.isPostgresEmbedded()) {
                throw new IllegalStateException("--pg-setting changes only the bench's own embedded PostgreSQL");
            }
            settingsNote = "; --pg-setting: " + PostgresSettings.apply(jdbcUrl, infra.username(), infra.password(),
                    pgSettings);
        }
        String durableHow = null;
        if (Boolean.parseBoolean(option("durable", "false"))) {
            log("--durable: turning on fsync, synchronous_commit and full_page_writes");
            durableHow = PostgresSettings.makeDurable(jdbcUrl, infra.username(), infra.password(),
                    infra.isPostgresEmbedded());
        }
        postgresNote = PostgresSettings.describe(jdbcUrl, infra.username(), infra.password())
                + " (SHOW, before the service started; "
                + (durableHow != null ? "--durable: " + durableHow
                        : "the embedded server's test settings; --durable turns them on") + settingsNote + ")";
        log(postgresNote);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", infra.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", infra.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        env.put("STRIPE_WEBHOOK_SECRET", SECRET);
        env.putAll(serviceOverrides);
        Path serviceLog = root.resolve("bench/target/ingest-service.log");
        header(startLoad, serviceOverrides, maxInFlight, charges, disputes);

        // closed in reverse order: the load generator's Vert.x instance first, the service last
        try (IngestServiceProcess started = IngestServiceProcess.start(jar, env, freePort(), serviceLog);
             Connection connection = DriverManager.getConnection(jdbcUrl, infra.username(), infra.password());
             WebhookLoad generator = new WebhookLoad(started.uri("/webhooks/stripe"), SECRET, maxInFlight)) {
            service = started;
            db = connection;
            load = generator;
            service.awaitReady(Duration.ofSeconds(120), serviceLog);
            log("ingest service ready (pid " + service.pid() + ", log " + serviceLog + ")");
            cpu = new CpuUsage(service.pid());
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newSingleThreadExecutor(daemon("bench-metrics-http")))
                    .connectTimeout(Duration.ofSeconds(5)).build();

            baselines();
            jitWarmup();
            WebhookLoad.Result open = openLoop(charges, rate);
            Duplicates dups = duplicateStream(disputes);
            capacityProbe();
            targets(rate, open, dups);
        }
        report.append("\nFinished with load average ").append(loadAverage()).append(".\n");
        Path out = Path.of(option("out", root.resolve("bench/results").toString()));
        Files.createDirectories(out);
        Path file = out.resolve("ingest-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.writeString(file, report);
        System.out.println();
        System.out.println(report);
        log("written " + file + (correct ? "" : " -- CORRECTNESS CHECK FAILED"));
        return correct ? 0 : 1;
    }

    /** The insert alone and the Kafka send alone, while the service idles. */
    private void baselines() throws Exception {
        Duration measure = seconds("baseline-seconds", 10);
        List<Integer> jdbcThreads = Arrays.stream(option("jdbc-threads", "32").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        section("Baselines (alone, same machine and servers, " + measure.toSeconds()
                + " s each after a 2 s warm-up, 5 s for the first Kafka one)");
        table("what", "result");
        int writers = baselineWriters();
        List<Integer> batches = Arrays.stream(option("baseline-batch", "16").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        for (int threads : jdbcThreads) {
            jdbcBaseline(threads, 1, measure, "insert alone, per event: the service's two statements (INSERT_NEW, "
                    + "INSERT_WITH_IDS) for one event per transaction, " + threads + " connections");
        }
        for (int batch : batches) {
            double rows = jdbcBaseline(writers, batch, measure, "insert alone, batched like the service: the same "
                    + "two statements for " + batch + " events per transaction, " + writers + " connections "
                    + "(= writer threads)");
            if (jdbcRate == 0) {
                jdbcRate = rows; // the first batch size is the one the ratios use
                jdbcRateLabel = "insert alone (batched, " + batch + " per transaction, " + writers + " connections)";
            }
        }
        log("Kafka baselines");
        String bootstrap = infra.kafkaBootstrapServers();
        Baselines.createTopic(bootstrap, 3);
        AtomicInteger next = new AtomicInteger();
        EventTemplate records = EventTemplate.chargeSucceeded("kafka");
        double relayShaped;
        try (Producer<String, String> producer = Baselines.relayLikeProducer(bootstrap)) {
            // a longer warm-up for the first Kafka load: the broker runs C1-only and starts cold
            kafkaRate = Baselines.kafkaStreamingPerSecond(producer, Duration.ofSeconds(5), measure, records, next);
            relayShaped = Baselines.kafkaRelayShapedPerSecond(producer, 500, Duration.ofSeconds(2), measure,
                    records, next);
        }
        row("produce alone: idempotent acks=all producer, same records, streaming",
                String.format("%,.0f records/s", kafkaRate));
        row("produce alone, relay-shaped: 500 records, flush, wait for all acks, repeat",
                String.format("%,.0f records/s", relayShaped));
    }

    /** One JDBC baseline and its row: rows/s and PostgreSQL's CPU per row. */
    private double jdbcBaseline(int connections, int batch, Duration measure, String label) throws Exception {
        log("JDBC baseline, " + connections + " connections, " + batch + " events per transaction");
        CompletableFuture<CpuUsage.Snapshot> cpuBefore = snapshotAfter(Duration.ofSeconds(2));
        double rows = Baselines.jdbcRowsPerSecond(jdbcUrl, infra.username(), infra.password(), connections, batch,
                Duration.ofSeconds(2), measure, EventTemplate.chargeSucceeded("jdbc" + connections + "x" + batch + "b"));
        CpuUsage.Usage cpuUsed = CpuUsage.between(cpuBefore.join(), cpu.take());
        row(label, String.format("%,.0f rows/s (PostgreSQL %.2f ms CPU per row; everything else %.0f%%)", rows,
                cpuUsed.of(CpuUsage.POSTGRES) * 10 / rows, cpuUsed.everythingElse()));
        return rows;
    }

    /**
     * A fresh JVM on two busy cores needs about a minute of traffic before its hot paths are compiled
     * (measured at 2,000/s offered: 490/s answered after a 5 s warm-up, 890/s after 30 s, 1,520/s after
     * 60 s, which is also the closed-loop capacity). Production services run warm, so the service gets
     * this closed-loop traffic first; the open loop's own warm-up then only settles the rate.
     */
    private void jitWarmup() throws Exception {
        Duration duration = seconds("jit-warmup", 60);
        if (duration.isZero()) {
            return;
        }
        log("JIT warm-up: closed loop for " + duration.toSeconds() + " s");
        WebhookLoad.Result warm = load.closedLoop("jit warm-up", 32, Duration.ZERO, duration,
                EventTemplate.chargeSucceeded("jit")::body);
        awaitDrain(System.nanoTime());
        jitWarmupNote = String.format("%d s closed loop, 32 in flight, %,.0f/s (%s events, on stripe.payments too)",
                duration.toSeconds(), warm.achievedPerSecond(), warm.outcomes());
    }

    /** Fixed arrival rate; then how long the outbox takes to drain, and whether Kafka got everything once. */
    private WebhookLoad.Result openLoop(EventTemplate charges, double rate) throws Exception {
        Duration warmup = seconds("warmup", 5);
        Duration duration = seconds("duration", 30);
        log(String.format("open loop: %.0f/s for %d s after %d s warm-up", rate, duration.toSeconds(),
                warmup.toSeconds()));
        BacklogSampler sampler = BacklogSampler.start(jdbcUrl, infra.username(), infra.password());
        String loadBefore = loadAverage();
        CompletableFuture<CpuUsage.Snapshot> cpuBefore = snapshotAfter(warmup);
        CompletableFuture<double[]> batchesBefore = writeBatchStatsAfter(warmup);
        double[] httpBefore = webhookHttpStats();
        WebhookLoad.Result open = load.openLoop("open loop", rate, warmup, duration, charges::body);
        double[] httpAfter = webhookHttpStats();
        double[] batchesAfter = writeBatchStats();
        long stopped = System.nanoTime();
        CpuUsage.Usage cpuUsed = CpuUsage.between(cpuBefore.join(), cpu.take());
        long backlogMax = sampler.stop();
        String loadAfter = loadAverage();
        double drainMs = awaitDrain(stopped);
        Map<String, String> serverAck = quantiles(client, service.uri("/q/metrics"), "tessera_ingest_ack_latency_seconds");
        log("reading " + charges.topic());
        TopicCheck.Count published = TopicCheck.count(infra.kafkaBootstrapServers(), charges.topic(), charges,
                open.acked().length);
        correct &= published.ok(open.acked());

        section(String.format(Locale.ROOT, "Open loop: %s at %,.0f/s for %d s (after %d s warm-up)",
                charges.type(), rate, duration.toSeconds(), warmup.toSeconds()));
        table("measure", "result");
        row("service warmed up (JIT) before this phase", jitWarmupNote);
        row("load average (1/5/15 min) before; after the window", loadBefore + "; " + loadAfter);
        loadRows(open);
        row("CPU during the measured window (100% = one core)", cpuUsed.toString());
        row("CPU per acknowledged event: service / PostgreSQL / bench", perEvent(cpuUsed, open.achievedPerSecond()));
        row("service's own view: tessera.ingest.ack.latency (verify + store; recent window)", String.join(" / ",
                serverAck.entrySet().stream().map(e -> "p" + e.getKey() + " " + e.getValue()).toList()));
        row("service's own view: HTTP server time of the webhook POSTs (Vert.x, whole phase), mean / max",
                String.format("%.1f / %.1f ms", 1000 * (httpAfter[1] - httpBefore[1]) / (httpAfter[0] - httpBefore[0]),
                        1000 * httpAfter[2]));
        row(writeBatchLabel("measured window"), writeBatches(batchesBefore.join(), batchesAfter));
        row("sustained rate vs " + jdbcRateLabel + " / produce alone", String.format("%.0f%% / %.0f%%",
                100 * open.achievedPerSecond() / jdbcRate, 100 * open.achievedPerSecond() / kafkaRate));
        row("outbox backlog, max sampled each second during the load", String.format("%,d rows", backlogMax));
        row("publish lag: outbox drained this long after the last answer", String.format("%.0f ms", drainMs));
        row("per event, commit to Kafka (record timestamp - received-at)", published.commitToKafka().summary());
        row("every acknowledged event on " + charges.topic() + " exactly once", published.verdict(open.acked()));
        return open;
    }

    private record Duplicates(WebhookLoad.Result result, boolean nothingTwice, boolean allAnsweredDuplicate) {
    }

    /** Unique events once, then only their duplicates: all must answer 2xx and none reach Kafka again. */
    private Duplicates duplicateStream(EventTemplate disputes) throws Exception {
        int unique = (int) number("dup-unique", 2000);
        double rate = number("dup-rate", 4000);
        Duration duration = seconds("dup-duration", 15);
        log("duplicate stream: " + unique + " unique events, then duplicates only at " + rate + "/s");
        double seedRate = 1000;
        WebhookLoad.Result seed = load.openLoop("seed", seedRate, Duration.ZERO,
                Duration.ofMillis((long) (unique * 1000 / seedRate)), disputes::body);
        awaitDrain(System.nanoTime());
        CompletableFuture<CpuUsage.Snapshot> cpuBefore = snapshotAfter(Duration.ZERO);
        double[] batchesBefore = writeBatchStats();
        WebhookLoad.Result dups = load.openLoop("duplicates", rate, Duration.ZERO, duration,
                i -> disputes.body(i % unique));
        double[] batchesAfter = writeBatchStats();
        CpuUsage.Usage cpuUsed = CpuUsage.between(cpuBefore.join(), cpu.take());
        double drainMs = awaitDrain(System.nanoTime());

        List<TopicRecord> records = TopicReader.readAll(infra.kafkaBootstrapServers(), disputes.topic(),
                Duration.ofSeconds(2));
        Map<String, Long> perEvent = records.stream().collect(
                Collectors.groupingBy(r -> String.valueOf(r.header(StripeHeaders.EVENT_ID)), Collectors.counting()));
        long publishedTwice = perEvent.values().stream().filter(c -> c > 1).count();
        long outboxRows = count(db, "select count(*) from public.outbox_message where topic = '" + disputes.topic() + "'");
        // exactly the seeded events, each once, in Kafka and in the outbox
        boolean nothingTwice = publishedTwice == 0 && records.size() == seed.ok() && perEvent.size() == seed.ok()
                && outboxRows == seed.ok();
        boolean allAnsweredDuplicate = dups.errors() == 0
                && dups.outcomes().getOrDefault("duplicate", 0L) == dups.measuredRequests();
        correct &= nothingTwice;

        section(String.format(Locale.ROOT, "Duplicate stream: %,d %s events once, then only their duplicates "
                + "at %,.0f/s for %d s", unique, disputes.type(), rate, duration.toSeconds()));
        table("measure", "result");
        row("unique events acknowledged (seeded at " + (long) seedRate + "/s)",
                String.format("%,d of %,d", seed.ok(), unique));
        loadRows(dups);
        row("CPU during the stream (100% = one core)", cpuUsed.toString());
        row("CPU per answered duplicate: service / PostgreSQL / bench", perEvent(cpuUsed, dups.achievedPerSecond()));
        row(writeBatchLabel("the duplicate stream"), writeBatches(batchesBefore, batchesAfter));
        row("outbox still draining after the stream", String.format("%.0f ms", drainMs));
        row("records on " + disputes.topic() + " (TopicReader) / distinct event ids / published twice",
                String.format("%,d / %,d / %,d", records.size(), perEvent.size(), publishedTwice));
        row("outbox rows for " + disputes.topic(), String.format("%,d", outboxRows));
        row("nothing published twice, nothing missing", nothingTwice ? "OK" : "FAIL");
        row("every duplicate answered 2xx \"duplicate\"", allAnsweredDuplicate ? "yes" : "NO");
        return new Duplicates(dups, nothingTwice, allAnsweredDuplicate);
    }

    /** Closed loop: what the service can take at all, to compare with the baselines like for like. */
    private void capacityProbe() throws Exception {
        Duration duration = seconds("capacity-seconds", 10);
        int concurrency = (int) number("capacity-concurrency", 32);
        if (duration.isZero()) {
            return;
        }
        log("capacity probe: closed loop, " + concurrency + " in flight");
        CompletableFuture<CpuUsage.Snapshot> cpuBefore = snapshotAfter(Duration.ofSeconds(2));
        CompletableFuture<double[]> batchesBefore = writeBatchStatsAfter(Duration.ofSeconds(2));
        WebhookLoad.Result cap = load.closedLoop("capacity", concurrency, Duration.ofSeconds(2), duration,
                EventTemplate.chargeSucceeded("cap")::body);
        double[] batchesAfter = writeBatchStats();
        CpuUsage.Usage cpuUsed = CpuUsage.between(cpuBefore.join(), cpu.take());
        double drainMs = awaitDrain(System.nanoTime());
        section("Capacity probe: closed loop, " + concurrency + " requests in flight, " + duration.toSeconds()
                + " s (after 2 s warm-up)");
        table("measure", "result");
        row("throughput (2xx/s)", String.format("%,.0f/s", cap.achievedPerSecond()));
        row("latency (from send, closed loop)", cap.latencies().summary());
        row("errors", String.format("%,d", cap.errors()));
        row("CPU during the window (100% = one core)", cpuUsed.toString());
        row("CPU per acknowledged event: service / PostgreSQL / bench", perEvent(cpuUsed, cap.achievedPerSecond()));
        row(writeBatchLabel("measured window"), writeBatches(batchesBefore.join(), batchesAfter));
        row("vs " + jdbcRateLabel + " / produce alone", String.format("%.0f%% / %.0f%%",
                100 * cap.achievedPerSecond() / jdbcRate, 100 * cap.achievedPerSecond() / kafkaRate));
        row("outbox still draining after the probe", String.format("%.0f ms", drainMs));
    }

    private void targets(double rate, WebhookLoad.Result open, Duplicates dups) {
        section("Targets");
        table("target", "result");
        boolean rateMet = open.errors() == 0 && open.achievedPerSecond() >= 0.99 * rate;
        boolean p99Met = open.latencies().percentileMs(99) <= P99_TARGET_MS;
        row(String.format("%,.0f events/s sustained, ack p99 <= %.0f ms", rate, P99_TARGET_MS),
                String.format("%s (%,.0f/s, %d errors, p99 %.1f ms)", rateMet && p99Met ? "MET" : "MISSED",
                        open.achievedPerSecond(), open.errors(), open.latencies().percentileMs(99)));
        WebhookLoad.Result stream = dups.result();
        boolean streamRateMet = dups.allAnsweredDuplicate() && stream.achievedPerSecond() >= 0.99 * stream.targetRate();
        row(String.format("duplicate stream at %,.0f/s publishes nothing twice", stream.targetRate()),
                String.format("%s (nothing twice: %s; kept up: %s at %,.0f/s, p99 %.1f ms)",
                        dups.nothingTwice() && streamRateMet ? "MET" : "MISSED", dups.nothingTwice() ? "yes" : "NO",
                        streamRateMet ? "yes" : "no", stream.achievedPerSecond(), stream.latencies().percentileMs(99)));
    }

    private void loadRows(WebhookLoad.Result result) {
        row("offered / achieved (2xx answers/s received in the window)", String.format("%,.0f/s / %,.0f/s",
                result.targetRate(), result.achievedPerSecond()));
        row("requests measured / errors", String.format("%,d / %,d", result.measuredRequests(), result.errors()));
        row("answers, warm-up included", result.outcomes().toString());
        row("ack latency from intended send time", result.latencies().summary());
        row("outstanding: mean (Little's law, incl. waiting for a connection) / max on the wire; "
                + "generator's worst send lag",
                String.format("%.1f / %d; %.1f ms", result.meanInFlight(), result.maxInFlight(), result.maxSendLagMs()));
    }

    private void header(String startLoad, Map<String, String> overrides, int maxInFlight, EventTemplate charges,
                        EventTemplate disputes) {
        report.append("# Webhook ingest benchmark, ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append("\n\n");
        report.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (nproc), ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(", Java ").append(System.getProperty("java.version"))
                .append("; load average (1/5/15 min) at start ").append(startLoad)
                .append(" (a shared build machine: see \"everything else\" in the CPU rows)\n");
        report.append("- Bench JVM: ").append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
                .append(" (max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB)\n");
        report.append("- Ingest service: `java ").append(String.join(" ", IngestServiceProcess.JVM_FLAGS))
                .append(" -jar quarkus-run.jar` (prod profile, built ").append(serviceBuilt)
                .append("); environment overrides: ")
                .append(overrides.isEmpty() ? "none" : overrides).append('\n');
        report.append("- Kafka: one KRaft broker in a child JVM (platform-testing: -Xmx384m -XX:+UseSerialGC "
                + "-XX:TieredStopAtLevel=1), topics of 3 partitions; " + (infra.isPostgresEmbedded() ? "embedded " : "external ") + postgresNote
                + "\n");
        report.append(String.format("- Payloads: %s %,d bytes (Stripe's example charge), %s %,d bytes; "
                        + "each event unique (own event, charge and payment intent ids)%n",
                charges.type(), charges.bodyLength(), disputes.type(), disputes.bodyLength()));
        report.append(String.format("- HTTP: Vert.x core HttpClient on one event loop (chosen over the JDK HttpClient "
                + "because the generator's CPU per request is taken from the service on the same cores), HTTP/1.1 "
                + "keep-alive, no pipelining, at most %d requests in flight and as many pooled connections (later "
                + "requests wait in the bench; latency counts from the intended send time). JDBC baselines: per "
                + "event from %s connections (32 = the service's quarkus.datasource.jdbc.max-size); batched, %s "
                + "events per transaction from %d connections (= the service's writer threads, "
                + "tessera.ingest.writer-threads: 2 unless --service-env TESSERA_INGEST_WRITER_THREADS=N)%n",
                maxInFlight, option("jdbc-threads", "32"), option("baseline-batch", "16"),
                baselineWriters()));
    }

    // ---- helpers

    /** --baseline-writers, by default the service's writer threads: 2, or what --service-env sets. */
    private int baselineWriters() {
        String serviceWriters = "2";
        for (String pair : options.getOrDefault("service-env", List.of())) {
            if (pair.startsWith("TESSERA_INGEST_WRITER_THREADS=")) {
                serviceWriters = pair.substring(pair.indexOf('=') + 1).trim();
            }
        }
        return Integer.parseInt(option("baseline-writers", serviceWriters));
    }

    /** CPU milliseconds per event of the service, PostgreSQL and the bench, at {@code perSecond} events/s. */
    private static String perEvent(CpuUsage.Usage usage, double perSecond) {
        // percent of a core / 100 = core-seconds per second; * 1000 / rate = ms per event
        return String.format("%.2f / %.2f / %.2f ms", usage.of(CpuUsage.SERVICE) * 10 / perSecond,
                usage.of(CpuUsage.POSTGRES) * 10 / perSecond, usage.of(CpuUsage.BENCH) * 10 / perSecond);
    }

    /** A CPU snapshot taken off the generator's thread once the warm-up is over (reading /proc takes ms). */
    private CompletableFuture<CpuUsage.Snapshot> snapshotAfter(Duration delay) {
        return CompletableFuture.supplyAsync(cpu::take,
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static Path copyApplication(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path path : files.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
        return to;
    }

    /** Waits until the service's outbox has nothing unpublished; returns ms since {@code sinceNanos}. */
    private double awaitDrain(long sinceNanos) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (count(db, "select count(*) from public.outbox_message where published_at is null") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the outbox did not drain within 3 minutes");
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - sinceNanos) / 1e6;
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Samples the outbox backlog once a second on its own connection; {@link #stop()} returns the max. */
    private static final class BacklogSampler {
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static BacklogSampler start(String url, String user, String password) {
            BacklogSampler sampler = new BacklogSampler();
            sampler.thread = new Thread(() -> {
                try (Connection db = DriverManager.getConnection(url, user, password)) {
                    while (sampler.running) {
                        sampler.max.accumulateAndGet(
                                count(db, "select count(*) from public.outbox_message where published_at is null"),
                                Math::max);
                        Thread.sleep(1000);
                    }
                } catch (SQLException | InterruptedException e) {
                    // sampling is best effort
                }
            }, "bench-backlog");
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            return max.get();
        }
    }

    /**
     * Count, sum and max (seconds) of http_server_requests for the webhook URI, over all statuses: from
     * the request's arrival in the service to its response, so the difference to the client's latency
     * is time spent outside the service (client queue, kernel, the bench's own threads).
     */
    private double[] webhookHttpStats() {
        double[] stats = new double[3];
        try {
            String body = client.send(HttpRequest.newBuilder(service.uri("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (!line.contains("uri=\"/webhooks/stripe\"")) {
                    continue;
                }
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("http_server_requests_seconds_count{")) {
                    stats[0] += value;
                } else if (line.startsWith("http_server_requests_seconds_sum{")) {
                    stats[1] += value;
                } else if (line.startsWith("http_server_requests_seconds_max{")) {
                    stats[2] = Math.max(stats[2], value);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            Arrays.fill(stats, Double.NaN);
        }
        return stats;
    }

    /**
     * Count, sum and max of the service's tessera.ingest.write.batch.size (webhook events per write
     * transaction of its group commit); NaN if unavailable. The max is Micrometer's recent-window max.
     */
    private double[] writeBatchStats() {
        double[] stats = new double[3];
        try {
            String body = client.send(HttpRequest.newBuilder(service.uri("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            boolean found = false;
            for (String line : body.split("\n")) {
                String[] names = {"tessera_ingest_write_batch_size_count", "tessera_ingest_write_batch_size_sum",
                        "tessera_ingest_write_batch_size_max"};
                for (int i = 0; i < names.length; i++) {
                    if (line.startsWith(names[i] + " ") || line.startsWith(names[i] + "{")) {
                        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        stats[i] = i == 2 ? Math.max(stats[i], value) : stats[i] + value;
                        found = true;
                    }
                }
            }
            if (!found) {
                Arrays.fill(stats, Double.NaN);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            Arrays.fill(stats, Double.NaN);
        }
        return stats;
    }

    /** {@link #writeBatchStats()} read off the generator's thread after {@code delay} (the warm-up). */
    private CompletableFuture<double[]> writeBatchStatsAfter(Duration delay) {
        return CompletableFuture.supplyAsync(this::writeBatchStats,
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static String writeBatchLabel(String window) {
        return "service's write batches (tessera.ingest.write.batch.size, " + window + ")";
    }

    private static String writeBatches(double[] before, double[] after) {
        double transactions = after[0] - before[0];
        double events = after[1] - before[1];
        if (Double.isNaN(transactions) || Double.isNaN(events)) {
            return "unavailable (no tessera_ingest_write_batch_size in /q/metrics)";
        }
        return String.format("%,.0f transactions, mean %.1f events per transaction (largest in the recent "
                + "window: %.0f)", transactions, transactions > 0 ? events / transactions : 0.0, after[2]);
    }

    /** Quantile lines of one Prometheus summary from /q/metrics, in ms: {"0.5" -> "3.1 ms", ...}. */
    private static Map<String, String> quantiles(HttpClient client, URI metrics, String name) {
        Map<String, String> result = new LinkedHashMap<>();
        try {
            String body = client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            for (String line : body.split("\n")) {
                int at = line.indexOf("quantile=\"");
                if (line.startsWith(name + "{") && at > 0) {
                    String quantile = line.substring(at + 10, line.indexOf('"', at + 10));
                    double seconds = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    String percentile = String.valueOf(Double.parseDouble(quantile) * 100).replaceAll("\\.0$", "");
                    result.put(percentile, String.format("%.1f ms", seconds * 1000));
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            result.put("?", "unavailable: " + e);
        }
        return result;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void section(String title) {
        report.append("\n## ").append(title).append("\n\n");
    }

    private void table(String left, String right) {
        row(left, right);
        row("---", "---");
    }

    private void row(String label, String value) {
        report.append("| ").append(label).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private static void log(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] "
                + message);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The directory holding webhook-ingest-service, from the working directory upwards. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("webhook-ingest-service")) && Files.isDirectory(dir.resolve("bench"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from the Tessera repository (webhook-ingest-service not found above "
                + Path.of("").toAbsolutePath() + ")");
    }

    private static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "; options are --name value");
            }
            String name = args[i].substring(2);
            String value;
            if (name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            } else if (FLAGS.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + OPTIONS);
            }
            parsed.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parsed;
    }

    private String option(String name, String defaultValue) {
        List<String> values = options.get(name);
        return values == null ? defaultValue : values.get(values.size() - 1);
    }

    private double number(String name, double defaultValue) {
        return Double.parseDouble(option(name, Double.toString(defaultValue)));
    }

    private Duration seconds(String name, double defaultValue) {
        return Duration.ofMillis((long) (number(name, defaultValue) * 1000));
    }
}
