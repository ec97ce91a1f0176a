package dev.tessera.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.tessera.deploy.ServiceCatalog.Service;
import dev.tessera.testing.FileTrees;
import dev.tessera.testing.ProcessRecords;

/**
 * The running local suite: PostgreSQL and Kafka first (in parallel), then the Stripe emulator and every service
 * that has been built (in parallel), then a wait until each answers its readiness probe.
 *
 * <p>{@link #stop()} runs from the shutdown hook (Ctrl-C, {@code kill}, the end of {@code --smoke}) and stops the
 * services first, then Kafka, then PostgreSQL, so nothing loses its broker or database while still shutting down.
 * Components started after a stop has begun are stopped at once.
 */
final class Suite {

    /**
     * What the user asked for with {@code up}.
     *
     * @param only if not empty, start just these services (infrastructure always starts)
     * @param skip services not to start even if built (say, one whose work in progress does not start yet)
     */
    record Options(int postgresPort, int kafkaPort, Duration readyTimeout, boolean fresh, List<String> only,
            List<String> skip) {

        Options {
            for (String name : concat(only, skip)) {
                if (ServiceCatalog.byName(name).isEmpty()) {
                    throw new CliException("Unknown service '" + name + "' in --only/--skip; known: "
                            + String.join(", ", ServiceCatalog.ALL.stream().map(Service::name).toList()));
                }
            }
        }

        boolean wanted(Service service) {
            return (only.isEmpty() || only.contains(service.name())) && !skip.contains(service.name());
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    private static final int LOG_TAIL_LINES = 40;

    private final SuiteLayout layout;
    private final Options options;
    private final long startedAt = System.nanoTime();
    private final List<SuiteService> services = new CopyOnWriteArrayList<>();
    private final List<Service> notBuilt = new ArrayList<>();
    // Written by the two infrastructure threads at once.
    private final Map<String, Double> timings = new ConcurrentHashMap<>();
    private ProcessRecords records;
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private LocalSecrets secrets;
    private LocalIdentity identity;
    private boolean stopping;

    Suite(SuiteLayout layout, Options options) {
        this.layout = layout;
        this.options = options;
    }

    LocalSecrets secrets() {
        return secrets;
    }

    LocalIdentity identity() {
        return identity;
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    boolean isRunning(String serviceName) {
        return services.stream().anyMatch(service -> service.service().name().equals(serviceName));
    }

    /** Starts everything and returns once every service is ready; throws {@link CliException} naming what failed. */
    void start() {
        records = ProcessRecords.tryLock(layout.runDirectory()).orElseThrow(() -> new CliException(
                "A Tessera local suite is already running here (launcher pid "
                        + ProcessRecords.lockHolder(layout.runDirectory()) + "); stop it with Ctrl-C first"));
        List<String> reaped = records.reapLeftovers();
        if (!reaped.isEmpty()) {
            System.out.println("Stopped processes left over from a killed earlier run: " + String.join(", ", reaped));
        }
        if (options.fresh()) {
            System.out.println("--fresh: deleting the PostgreSQL and Kafka data and the logs");
            deleteRecursively(layout.postgresDirectory());
            deleteRecursively(layout.kafkaDirectory());
            deleteRecursively(layout.logDirectory());
        }

        List<Service> runnable = new ArrayList<>();
        List<Service> leftOut = new ArrayList<>();
        for (Service service : ServiceCatalog.ALL) {
            if (!options.wanted(service)) {
                leftOut.add(service);
            } else {
                (Files.isRegularFile(layout.runnerJar(service.name())) ? runnable : notBuilt).add(service);
            }
        }
        if (!leftOut.isEmpty()) {
            System.out.println("Left out by --only/--skip: " + String.join(", ", leftOut.stream().map(Service::name).toList()));
        }
        if (runnable.stream().noneMatch(service -> !service.isEmulator())) {
            throw new CliException("No service to start: none is built (no <module>/target/quarkus-app/quarkus-run.jar;"
                    + " run ./tessera-local build) or --only/--skip left none");
        }
        requireFreePorts(runnable);

        secrets = LocalSecrets.loadOrCreate(layout.secretsFile());
        identity = new LocalIdentity(layout.jwtDirectory());
        Path publicKey = identity.publicKeyFile();
        Path agent = WatchdogAgentJar.write(layout.runDirectory());

        startInfrastructure();
        SuiteService.Settings settings = new SuiteService.Settings(postgres.jdbcUrl(""), kafka.bootstrapServers(), secrets,
                publicKey, agent);
        long servicesStarted = System.nanoTime();
        for (Service service : runnable) {
            adopt(SuiteService.start(service, layout, settings, records));
        }
        awaitReady();
        timings.put("services", seconds(servicesStarted));
        watchForUnexpectedExits();
    }

    private void startInfrastructure() {
        // Independent of each other, and each spends most of its start waiting: start them side by side, on
        // threads of their own (blocking waits do not belong in the common fork-join pool).
        ExecutorService starters = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "tessera-local-infrastructure");
            thread.setDaemon(true);
            return thread;
        });
        CompletableFuture<LocalPostgres> database = CompletableFuture.supplyAsync(() -> {
            long begun = System.nanoTime();
            LocalPostgres server = LocalPostgres.start(layout.postgresDirectory(), options.postgresPort(),
                    layout.freshLogFile("postgres"), records);
            server.createDatabases(ServiceCatalog.databases());
            timings.put("PostgreSQL", seconds(begun));
            return server;
        }, starters);
        CompletableFuture<LocalKafka> broker = CompletableFuture.supplyAsync(() -> {
            long begun = System.nanoTime();
            LocalKafka node = new LocalKafka(layout.kafkaDirectory(), options.kafkaPort(), options.kafkaPort() + 1);
            node.start(layout.freshLogFile("kafka"), records);
            timings.put("Kafka", seconds(begun));
            return node;
        }, starters);
        RuntimeException failure = null;
        try {
            adoptPostgres(database.join());
        } catch (CompletionException e) {
            failure = unwrap(e);
        }
        try {
            adoptKafka(broker.join());
        } catch (CompletionException e) {
            failure = failure == null ? unwrap(e) : failure;
        }
        starters.shutdown();
        if (failure != null) {
            throw failure;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + options.readyTimeout().toNanos();
        while (true) {
            List<SuiteService> waiting = new ArrayList<>();
            for (SuiteService service : services) {
                if (!service.process().isAlive()) {
                    throw new CliException(service.service().name() + " exited with status " + service.process().exitValue()
                            + " while starting. Last lines of " + layout.display(service.process().logFile()) + ":\n"
                            + service.process().logTail(LOG_TAIL_LINES));
                }
                if (!service.probe()) {
                    waiting.add(service);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                StringBuilder message = new StringBuilder("Not ready within " + options.readyTimeout().toSeconds() + " s:");
                for (SuiteService service : waiting) {
                    message.append("\n\n  ").append(service.service().name()).append(" (").append(service.lastProbe())
                            .append("). Last lines of ").append(layout.display(service.process().logFile())).append(":\n")
                            .append(service.process().logTail(LOG_TAIL_LINES));
                }
                throw new CliException(message.toString());
            }
            Sleep.millis(500);
        }
    }

    /** A service that dies while the suite runs is reported at once; the rest keep running. */
    private void watchForUnexpectedExits() {
        for (SuiteService service : services) {
            service.process().handle().onExit().thenRun(() -> {
                synchronized (this) {
                    if (stopping) {
                        return;
                    }
                }
                System.out.println();
                System.out.println("!! " + service.service().name() + " has exited. Last lines of "
                        + layout.display(service.process().logFile()) + ":\n" + service.process().logTail(20));
            });
        }
    }

    /** The table of what runs where, memory, startup time and how to get a token. */
    void printSummary() {
        String format = "  %-24s %-6s %-40s %-34s %s%n";
        System.out.println();
        System.out.printf(format, "SERVICE", "PORT", "HEALTH", "OPENAPI", "LOG");
        for (SuiteService service : services) {
            System.out.printf(format, service.service().name(), service.service().port(), service.healthUrl(),
                    service.openApiUrl(), layout.display(service.process().logFile()));
        }
        if (!notBuilt.isEmpty()) {
            System.out.println("  Not built, not started: " + String.join(", ", notBuilt.stream().map(Service::name).toList()));
        }
        System.out.println();
        System.out.printf("  PostgreSQL 18  %s (user %s, password %s), log %s%n", postgres.jdbcUrl("<database>"),
                LocalPostgres.USERNAME, LocalPostgres.PASSWORD, layout.display(layout.logFile("postgres")));
        System.out.printf("  Kafka          bootstrap %s, log %s%n", kafka.bootstrapServers(),
                layout.display(layout.logFile("kafka")));

        System.out.println();
        System.out.println("Memory: " + memoryReport());
        System.out.printf("Ready in %.1f s (PostgreSQL %.1f s and Kafka %.1f s side by side, then the services %.1f s)%n",
                seconds(startedAt), timings.getOrDefault("PostgreSQL", 0.0), timings.getOrDefault("Kafka", 0.0),
                timings.getOrDefault("services", 0.0));
        System.out.println("State: " + layout.display(layout.home()) + "/ (databases, topics, keys, secrets survive restarts;"
                + " `./tessera-local up --fresh` starts empty)");
        System.out.println();
        System.out.println("Tokens (RS256, issuer " + LocalIdentity.ISSUER + ", valid 12 h):");
        System.out.println("  TOKEN=$(./tessera-local token --role ops --sub alice)");
        System.out.println("  ./tessera-local token --role seller --sub bob --seller-ids seller_1,seller_2");
        System.out.println("  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8081/ops/events/counts");
    }

    /**
     * Resident memory (RSS) per process (PostgreSQL with all its backends), the sum of those, and the proportional
     * total (PSS), which counts memory shared between processes once and is the suite's real footprint.
     */
    String memoryReport() {
        Map<String, Optional<ProcessHandle>> processes = new LinkedHashMap<>();
        processes.put("launcher", Optional.of(ProcessHandle.current()));
        for (SuiteService service : services) {
            processes.put(service.service().name(), Optional.of(service.process().handle()));
        }
        processes.put("kafka", Optional.ofNullable(kafka).flatMap(LocalKafka::process));
        processes.put("postgresql", Optional.ofNullable(postgres).flatMap(LocalPostgres::postmasterHandle));
        List<String> parts = new ArrayList<>();
        long rss = 0;
        long pss = 0;
        for (Map.Entry<String, Optional<ProcessHandle>> entry : processes.entrySet()) {
            // The launcher alone: its children are listed under their own names.
            boolean launcher = entry.getKey().equals("launcher");
            Optional<Long> rssKib = entry.getValue().flatMap(handle -> launcher
                    ? Memory.ownKib(handle, Memory.Measure.RSS) : Memory.treeKib(handle, Memory.Measure.RSS));
            Optional<Long> pssKib = entry.getValue().flatMap(handle -> launcher
                    ? Memory.ownKib(handle, Memory.Measure.PSS) : Memory.treeKib(handle, Memory.Measure.PSS));
            rss += rssKib.orElse(0L);
            pss += pssKib.orElse(0L);
            parts.add(entry.getKey() + " " + Memory.format(rssKib));
        }
        return "RSS total " + Memory.format(Optional.of(rss)) + ", PSS total " + Memory.format(Optional.of(pss))
                + " (RSS: " + String.join(", ", parts) + ")";
    }

    /** Stops everything that was started, services first; safe to call more than once and from any thread. */
    void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        if (records == null) {
            return;
        }
        System.out.println();
        System.out.println("Stopping the local suite...");
        services.forEach(service -> service.process().requestStop());
        for (SuiteService service : services) {
            service.process().awaitStop(SuiteService.STOP_GRACE);
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        records.close();
        System.out.println("Stopped: services, Kafka and PostgreSQL (data kept in " + layout.display(layout.home()) + "/)");
    }

    private synchronized void adopt(SuiteService service) {
        services.add(service);
        if (stopping) {
            service.process().stop(SuiteService.STOP_GRACE);
        }
    }

    private synchronized void adoptPostgres(LocalPostgres server) {
        postgres = server;
        if (stopping) {
            server.close();
        }
    }

    private synchronized void adoptKafka(LocalKafka node) {
        kafka = node;
        if (stopping) {
            node.stop();
        }
    }

    /** Every port the suite binds must be free before anything starts, or the failure would come late and murky. */
    private void requireFreePorts(List<Service> runnable) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(options.postgresPort(), "PostgreSQL (--pg-port)");
        ports.put(options.kafkaPort(), "Kafka (--kafka-port)");
        ports.put(options.kafkaPort() + 1, "the Kafka controller (--kafka-port + 1)");
        runnable.forEach(service -> ports.put(service.port(), service.name()));
        List<String> taken = new ArrayList<>();
        ports.forEach((port, user) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                taken.add(port + " (for " + user + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new CliException("Ports already in use: " + String.join(", ", taken)
                    + ". Stop whatever holds them (a service in dev mode?), or move PostgreSQL and Kafka with --pg-port"
                    + " and --kafka-port.");
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : e;
    }

    private static void deleteRecursively(Path root) {
        try {
            FileTrees.deleteRecursively(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
