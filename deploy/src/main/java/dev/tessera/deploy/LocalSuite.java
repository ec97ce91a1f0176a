package dev.tessera.deploy;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import dev.tessera.events.EventJson;
import dev.tessera.testing.ProcessRecords;

/**
 * The one-command local suite of Tessera. Normally run through {@code ./tessera-local}, which builds what is
 * needed first; {@code help} lists the commands.
 */
public final class LocalSuite {

    static final int DEFAULT_POSTGRES_PORT = 15432;
    static final int DEFAULT_KAFKA_PORT = 19092;
    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);

    private static final String USAGE = """
            Usage: ./tessera-local <command> [options]

              up [--fresh] [--smoke|--demo] [--only s1,s2] [--skip s1,s2] [--pg-port N] [--kafka-port N] [--timeout SECONDS]
                  Start PostgreSQL, Kafka, the Stripe emulator and every built service; Ctrl-C stops all.
                  --fresh   delete the databases, topics and logs of earlier runs first
                  --smoke   after startup, run the end-to-end smoke test, print PASS/FAIL, stop, exit 0/1
                  --demo    a new member buys a membership tier through the emulator's checkout; prints the
                            membership, ledger entries and receipt; uses a running suite, else starts and stops one
                  --only    start just these services; --skip: not these (infrastructure always starts)
              smoke       build, then up --smoke
              demo        build (unless a suite is running), then up --demo
              build       build every module (./mvnw -B -q -DskipTests install)
              token --role ops|finance|member|seller[,...] [--sub ID] [--seller-ids s1,s2] [--hours N]
                  Print an RS256 JWT the services accept (default sub: local-<role>, 12 hours).
              replay-group <group> <topic> [--dry-run] [--kafka-port N]
                  Reset a consumer group to the earliest offset of a topic (its service must be stopped).
              replay-ingest --from ISO [--to ISO] [--types a,b] [--ids evt_1,evt_2] [--account acct_...]
                  Republish stored Stripe events through the ingest service's ops API.

            Environment: TESSERA_PG_PORT (15432), TESSERA_KAFKA_PORT (19092; the controller uses the next port).
            State lives in .local/ (see deploy/README.md).
            """;

    private LocalSuite() {
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        int status;
        try {
            status = run(List.of(args));
        } catch (CliException e) {
            System.err.println();
            System.err.println("tessera-local: " + e.getMessage());
            status = 1;
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("tessera-local: unexpected failure");
            e.printStackTrace();
            status = 1;
        }
        // exit, not return: the shutdown hook stops whatever was started, and Kafka's client threads end.
        System.exit(status);
    }

    static int run(List<String> args) {
        if (args.isEmpty()) {
            System.out.print(USAGE);
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "up" -> up(rest);
            case "token" -> token(rest);
            case "replay-group" -> replayGroup(rest);
            case "replay-ingest" -> replayIngest(rest);
            case "help", "--help", "-h" -> {
                System.out.print(USAGE);
                yield 0;
            }
            default -> {
                System.err.print("Unknown command " + args.get(0) + "\n\n" + USAGE);
                yield 2;
            }
        };
    }

    private static int up(List<String> raw) {
        Arguments arguments = Arguments.parse(raw, Set.of("fresh", "smoke", "demo"),
                Set.of("pg-port", "kafka-port", "timeout", "only", "skip"));
        arguments.requireNoPositionals("up");
        if (arguments.flag("smoke") && arguments.flag("demo")) {
            throw new CliException("--smoke and --demo are two runs: use one at a time");
        }
        Suite.Options options = new Suite.Options(
                arguments.integer("pg-port", "TESSERA_PG_PORT", DEFAULT_POSTGRES_PORT),
                arguments.integer("kafka-port", "TESSERA_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                Duration.ofSeconds(arguments.integer("timeout", "TESSERA_READY_TIMEOUT", (int) DEFAULT_READY_TIMEOUT.toSeconds())),
                arguments.flag("fresh"),
                arguments.list("only"),
                arguments.list("skip"));
        SuiteLayout layout = SuiteLayout.fromEnvironment();
        if (arguments.flag("demo")) {
            Optional<ProcessRecords> lock = ProcessRecords.tryLock(layout.runDirectory());
            if (lock.isEmpty()) {
                return demoOnRunningSuite(layout, arguments, options.readyTimeout());
            }
            // Nobody runs the suite here: free the lock again for the suite this run starts.
            lock.get().close();
        }
        Suite suite = new Suite(layout, options);
        // Registered before anything starts, so Ctrl-C during startup also cleans up.
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "tessera-local-shutdown"));

        if (arguments.flag("smoke") && !options.wanted(ServiceCatalog.byName(ServiceCatalog.INGEST).orElseThrow())) {
            throw new CliException("The smoke test goes through " + ServiceCatalog.INGEST + "; do not leave it out");
        }
        System.out.println("Starting the Tessera local suite...");
        suite.start();
        if (arguments.flag("smoke") && !suite.isRunning(ServiceCatalog.INGEST)) {
            throw new CliException("The smoke test goes through " + ServiceCatalog.INGEST + ", which is not built");
        }
        suite.printSummary();
        if (arguments.flag("demo")) {
            Set<String> running = new LinkedHashSet<>();
            ServiceCatalog.ALL.stream().map(ServiceCatalog.Service::name).filter(suite::isRunning).forEach(running::add);
            boolean passed = new Demo(suite.identity(), layout, running).run();
            System.out.println("(To keep the suite running for a look around: ./tessera-local up in one terminal,"
                    + " ./tessera-local demo in another.)");
            return passed ? 0 : 1;
        }
        if (arguments.flag("smoke")) {
            boolean passed = new SmokeTest(suite.secrets(), suite.identity(), suite.kafkaBootstrapServers(),
                    suite.isRunning(ServiceCatalog.EMULATOR)).run();
            System.out.println("Memory after the smoke test: " + suite.memoryReport());
            return passed ? 0 : 1;
        }
        System.out.println();
        System.out.println("The suite is up. Press Ctrl-C to stop it.");
        awaitInterrupt();
        return 0;
    }

    /**
     * {@code --demo} while another launcher runs the suite here (it holds the suite lock): the demo uses that suite
     * and leaves it running. Waits (up to {@code --timeout}) for the services the demo needs, in case the suite is
     * still starting, then takes every service answering its readiness probe as running.
     */
    private static int demoOnRunningSuite(SuiteLayout layout, Arguments arguments, Duration readyTimeout) {
        System.out.println("A Tessera local suite is running here (launcher pid "
                + ProcessRecords.lockHolder(layout.runDirectory()) + "): the demo uses it and leaves it running.");
        if (arguments.flag("fresh") || !arguments.list("only").isEmpty() || !arguments.list("skip").isEmpty()) {
            System.out.println("(--fresh, --only and --skip apply only to a suite this command starts; ignored.)");
        }
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        Set<String> running;
        while (true) {
            running = new LinkedHashSet<>();
            for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
                if (answersReady(service)) {
                    running.add(service.name());
                }
            }
            if (running.containsAll(Demo.REQUIRED) || System.nanoTime() - deadline > 0) {
                break;
            }
            Sleep.millis(1000);
        }
        LocalIdentity identity = new LocalIdentity(layout.jwtDirectory());
        return new Demo(identity, layout, running).run() ? 0 : 1;
    }

    /** The emulator answers its clock once it is up; every service its readiness probe. */
    private static boolean answersReady(ServiceCatalog.Service service) {
        String path = service.isEmulator() ? "/_emulator/clock" : "/q/health/ready";
        return Http.get(service.baseUrl() + path, Map.of(), Duration.ofSeconds(2)).status() == 200;
    }

    private static int token(List<String> raw) {
        Arguments arguments = Arguments.parse(raw, Set.of(), Set.of("role", "sub", "seller-ids", "hours"));
        arguments.requireNoPositionals("token");
        List<String> roles = arguments.list("role");
        if (roles.isEmpty()) {
            throw new CliException("token needs --role ops|finance|member|seller (several: --role ops,finance)");
        }
        String subject = arguments.value("sub").orElse("local-" + String.join("-", roles));
        Duration lifetime = Duration.ofHours(arguments.integer("hours", "TESSERA_TOKEN_HOURS",
                (int) LocalIdentity.DEFAULT_LIFETIME.toHours()));
        LocalIdentity identity = new LocalIdentity(SuiteLayout.fromEnvironment().jwtDirectory());
        System.out.println(identity.token(subject, roles, arguments.list("seller-ids"), lifetime));
        return 0;
    }

    private static int replayGroup(List<String> raw) {
        Arguments arguments = Arguments.parse(raw, Set.of("dry-run"), Set.of("kafka-port"));
        if (arguments.positionals().size() != 2) {
            throw new CliException("usage: replay-group <consumer group> <topic> [--dry-run], e.g. "
                    + "replay-group membership-service stripe.billing");
        }
        return KafkaTools.replayGroup(SuiteLayout.fromEnvironment(), arguments.positionals().get(0),
                arguments.positionals().get(1), arguments.integer("kafka-port", "TESSERA_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                arguments.flag("dry-run"));
    }

    /** {@code POST /ops/events/replay} of the ingest service, with an ops token of the local identity. */
    private static int replayIngest(List<String> raw) {
        Arguments arguments = Arguments.parse(raw, Set.of(), Set.of("from", "to", "types", "ids", "account"));
        arguments.requireNoPositionals("replay-ingest");
        if (arguments.value("from").isEmpty() && arguments.list("ids").isEmpty()) {
            throw new CliException("replay-ingest needs --from ISO-instant (e.g. 2026-11-01T00:00:00Z) or --ids");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("from", arguments.value("from").map(value -> instant("--from", value)).orElse(null));
        request.put("to", arguments.value("to").map(value -> instant("--to", value)).orElse(null));
        request.put("types", arguments.list("types").isEmpty() ? null : arguments.list("types"));
        request.put("ids", arguments.list("ids").isEmpty() ? null : arguments.list("ids"));
        request.put("account", arguments.value("account").orElse(null));
        String body = EventJson.write(request);

        LocalIdentity identity = new LocalIdentity(SuiteLayout.fromEnvironment().jwtDirectory());
        String token = identity.token("tessera-local", List.of("ops"), List.of(), Duration.ofMinutes(5));
        String url = ServiceCatalog.byName(ServiceCatalog.INGEST).orElseThrow().baseUrl() + "/ops/events/replay";
        System.out.println("POST " + url + " " + body);
        Http.Answer answer = Http.post(url, Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json",
                "Accept", "application/json"), body, Duration.ofMinutes(5));
        if (!answer.answered()) {
            throw new CliException("The ingest service does not answer (" + answer.body() + "); is the suite up?");
        }
        System.out.println("HTTP " + answer.status() + " " + answer.body());
        return answer.status() / 100 == 2 ? 0 : 1;
    }

    private static String instant(String option, String value) {
        try {
            return Instant.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw new CliException(option + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z: " + value);
        }
    }

    /**
     * The libraries on the launcher's class path (zonky, kafka-clients) log through slf4j into JBoss LogManager,
     * which must be installed as the JUL manager before anything logs, or it complains. Their INFO chatter (every
     * consumer's configuration, binary extraction) would bury the launcher's own output: warnings and errors only.
     */
    private static void quietLibraryLogging() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }

    private static void awaitInterrupt() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
