package dev.tessera.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import dev.tessera.deploy.ChildProcess;
import dev.tessera.deploy.ServiceCatalog;
import dev.tessera.deploy.WatchdogAgentJar;
import dev.tessera.testing.FileTrees;
import dev.tessera.testing.ProcessRecords;
import dev.tessera.testing.TestJwt;
import dev.tessera.testing.TesseraInfra;

/**
 * The whole Tessera suite for end-to-end tests, started once per test JVM on the first {@link #get()}: PostgreSQL
 * and Kafka from platform-testing's {@link TesseraInfra} (free ports, gone with the JVM), the Stripe emulator, and
 * every service whose {@code <module>/target/quarkus-app/quarkus-run.jar} exists and whose module is in the root
 * pom's reactor. Each is a child JVM started as deploy's launcher starts it ({@link ChildProcess} with the agent of
 * {@link WatchdogAgentJar}, recorded in {@link ProcessRecords}): capped heap, output in
 * {@code e2e-tests/target/e2e/logs/<service>.log}, and a stdin lifeline that ends it when this JVM ends, however
 * it ends (the embedded PostgreSQL, which {@code pg_ctl} detaches, gets deploy's shell watchdog: {@link
 * PostgresWatchdog}). Every process gets a free port; nothing collides with a running {@code ./tessera-local up}.
 *
 * <p>The services are configured the twelve-factor way of ARCHITECTURE.md, as the local suite configures them, but
 * trust {@link TestJwt}'s key and issuer, so tests mint tokens with {@code TestJwt.member(...)} and friends. The
 * emulator delivers signed webhooks to the ingest service's two endpoints.
 *
 * <p>System properties: {@code tessera.e2e.services} = {@code built} (every built jar, in the reactor or not) or a
 * comma-separated list of modules to start; {@code tessera.e2e.start-timeout} (ISO-8601 duration, default PT240S).
 */
public final class E2eSuite {

    public static final String SERVICES_PROPERTY = "tessera.e2e.services";
    public static final String API_KEY = "sk_test_e2e";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String READY_PATH = "/q/health/ready";
    private static final String EMULATOR_READY_PATH = "/_emulator/clock";
    private static final int LOG_TAIL_LINES = 60;

    private static E2eSuite instance;
    private static RuntimeException startFailure;

    private final Path root;
    private final Path work;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Map<String, String> absent = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServerSocket> reservations = new LinkedHashMap<>();
    private final String webhookSecret = newSecret();
    private final String connectWebhookSecret = newSecret();
    private ProcessRecords records;
    private Path agent;
    private Path jwtPublicKey;
    private TesseraInfra infra;
    private StripeEmulator emulator;
    private PostgresWatchdog postgresWatchdog;
    private boolean stopped;

    /** One started process: its child JVM and how it was started, so it can be restarted the same way. */
    private record Running(String name, int port, ChildProcess child, List<String> command, Map<String, String> environment) {
    }

    private E2eSuite(Path root) {
        this.root = root;
        this.work = root.resolve("e2e-tests/target/e2e");
    }

    /** The suite of this JVM, started on first use. A failed start fails every later caller at once, too. */
    public static synchronized E2eSuite get() {
        if (instance != null) {
            return instance;
        }
        if (startFailure != null) {
            throw new IllegalStateException("The end-to-end suite failed to start earlier in this JVM: "
                    + startFailure.getMessage(), startFailure);
        }
        E2eSuite suite = new E2eSuite(repositoryRoot());
        Thread hook = new Thread(suite::stop, "tessera-e2e-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            suite.start();
        } catch (RuntimeException | Error e) {
            suite.stop();
            startFailure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            throw e;
        }
        instance = suite;
        return suite;
    }

    /** Stops the suite if it was started; called when the test run ends (and by a shutdown hook, as a fallback). */
    public static synchronized void shutdown() {
        if (instance != null) {
            instance.stop();
        }
    }

    // ------------------------------------------------------------------------------------------------ queries

    public boolean isRunning(String service) {
        return running.containsKey(service);
    }

    /** {@code http://127.0.0.1:<port>} of a running process. */
    public String url(String service) {
        Running process = running.get(service);
        if (process == null) {
            throw new IllegalStateException(service + " is not running: " + absent.getOrDefault(service, "unknown module"));
        }
        return "http://127.0.0.1:" + process.port();
    }

    /**
     * Skips the calling test (a JUnit assumption: reported as skipped, with the reason) unless every one of
     * {@code services} runs.
     */
    public void require(String... services) {
        for (String service : services) {
            Assumptions.assumeTrue(isRunning(service), () -> service + " is not running in this end-to-end suite: "
                    + absent.getOrDefault(service, "unknown module"));
        }
    }

    /** Why a service is not running, if it is not. */
    public Optional<String> absenceReason(String service) {
        return Optional.ofNullable(isRunning(service) ? null : absent.getOrDefault(service, "unknown module"));
    }

    /** Fails, with the end of its log, if a process of the suite has died since it started. */
    public void assertAlive() {
        for (Running process : running.values()) {
            if (!process.child().isAlive()) {
                throw new AssertionError(process.name() + " has exited (status " + process.child().exitValue()
                        + "). Last lines of " + process.child().logFile() + ":\n" + process.child().logTail(LOG_TAIL_LINES));
            }
        }
    }

    public Set<String> runningServices() {
        return Set.copyOf(running.keySet());
    }

    public String kafkaBootstrapServers() {
        return infra.kafkaBootstrapServers();
    }

    public StripeEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("The Stripe emulator is not running: " + absent.get(Services.EMULATOR));
        }
        return emulator;
    }

    public Path logFile(String service) {
        return work.resolve("logs").resolve(service + ".log");
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    private void start() {
        long begun = System.nanoTime();
        Path logs = FileTrees.createDirectories(work.resolve("logs"));
        deleteChildren(logs);
        Path runDirectory = work.resolve("run");
        records = ProcessRecords.tryLock(runDirectory).orElseGet(() ->
                // Another e2e run holds the usual directory (two runs at once in one checkout): use one of our own.
                ProcessRecords.tryLock(work.resolve("run-" + ProcessHandle.current().pid())).orElseThrow());
        List<String> reaped = records.reapLeftovers();
        if (!reaped.isEmpty()) {
            System.out.println("[e2e] stopped processes left over from a killed earlier run: " + reaped);
        }
        agent = WatchdogAgentJar.write(runDirectory);
        jwtPublicKey = work.resolve("run/jwt-public.pem");
        write(jwtPublicKey, TestJwt.publicKeyPem());

        List<String> selected = select();
        System.out.println("[e2e] starting " + String.join(", ", selected)
                + (absent.isEmpty() ? "" : "; not started: " + absent));
        if (selected.stream().noneMatch(name -> !name.equals(Services.EMULATOR))) {
            System.out.println("[e2e] no service to start; every scenario will be skipped");
        }
        // Each application runs from a copy of its quarkus-app taken now: the workspace is shared, and a rebuild of a
        // module (mvn package replaces target/quarkus-app) must not pull the jars from under a running service.
        Path apps = work.resolve("apps");
        deleteRecursively(apps);
        for (String name : selected) {
            copyRecursively(runnerJar(name).getParent(), apps.resolve(name).resolve("quarkus-app"));
        }
        // Ports are picked now and held (bound) until their process starts, so neither PostgreSQL and Kafka,
        // starting meanwhile on free ports of their own, nor a second pick can take one.
        for (String name : selected) {
            ServerSocket reservation = reservePort();
            reservations.put(name, reservation);
            ports.put(name, reservation.getLocalPort());
        }
        // The emulator needs neither database nor Kafka: let it boot while they start.
        if (selected.contains(Services.EMULATOR)) {
            launch(Services.EMULATOR, emulatorCommand(), emulatorEnvironment());
        }
        long infraBegun = System.nanoTime();
        infra = TesseraInfra.get();
        if (infra.isPostgresEmbedded()) {
            postgresWatchdog = PostgresWatchdog.watch(infra.jdbcUrl("postgres")).orElse(null);
        }
        double infraSeconds = (System.nanoTime() - infraBegun) / 1e9;
        for (String name : selected) {
            if (!name.equals(Services.EMULATOR)) {
                launch(name, serviceCommand(name), serviceEnvironment(name));
            }
        }
        awaitReady(new ArrayList<>(running.values()));
        if (running.containsKey(Services.EMULATOR)) {
            emulator = new StripeEmulator(url(Services.EMULATOR), API_KEY);
        }
        System.out.printf("[e2e] ready in %.1f s (PostgreSQL + Kafka %.1f s): %s%n", (System.nanoTime() - begun) / 1e9,
                infraSeconds, running.values().stream().map(r -> r.name() + " :" + r.port())
                        .collect(Collectors.joining(", ")));
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        List.copyOf(reservations.keySet()).forEach(this::releasePort);
        // Services first (SIGTERM together), then the emulator; PostgreSQL and Kafka belong to TesseraInfra.
        List<Running> services = running.values().stream().filter(r -> !r.name().equals(Services.EMULATOR)).toList();
        services.forEach(r -> r.child().requestStop());
        services.forEach(r -> r.child().awaitStop(STOP_GRACE));
        Running emulatorProcess = running.get(Services.EMULATOR);
        if (emulatorProcess != null) {
            emulatorProcess.child().requestStop();
            emulatorProcess.child().awaitStop(STOP_GRACE);
        }
        if (postgresWatchdog != null) {
            // A normal end: platform-testing stops PostgreSQL itself.
            postgresWatchdog.dismiss();
        }
        if (records != null) {
            records.close();
        }
    }

    /**
     * Stops services (SIGTERM to all of them at once, each shuts down gracefully) and waits until they have exited;
     * {@link #start(List)} brings them back.
     */
    public synchronized void stop(List<String> services) {
        List<Running> alive = services.stream().map(running::get)
                .filter(process -> process != null && process.child().isAlive()).toList();
        alive.forEach(process -> process.child().requestStop());
        alive.forEach(process -> process.child().awaitStop(STOP_GRACE));
    }

    /** Starts stopped services again, same ports, databases and configuration; returns once all are ready. */
    public synchronized void start(List<String> services) {
        List<Running> started = new ArrayList<>();
        for (String service : services) {
            Running process = running.get(service);
            if (process == null) {
                throw new IllegalStateException(service + " was never started");
            }
            if (process.child().isAlive()) {
                continue;
            }
            Running again = new Running(service, process.port(), ChildProcess.start(service, process.command(),
                    process.environment(), moduleDirectory(service), appendLog(service), records), process.command(),
                    process.environment());
            running.put(service, again);
            started.add(again);
        }
        awaitReady(started);
    }

    // --------------------------------------------------------------------------------------- what to start

    private List<String> select() {
        String setting = System.getProperty(SERVICES_PROPERTY, "").trim();
        boolean everyBuilt = setting.equals("built");
        Set<String> listed = setting.isEmpty() || everyBuilt ? Set.of()
                : Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> reactor = reactorModules();
        List<String> selected = new ArrayList<>();
        for (ServiceCatalog.Service entry : ServiceCatalog.ALL) {
            String name = entry.name();
            Path jar = runnerJar(name);
            if (!listed.isEmpty() && !listed.contains(name)) {
                absent.put(name, "left out by -D" + SERVICES_PROPERTY + "=" + setting);
            } else if (!Files.isRegularFile(jar)) {
                absent.put(name, "not built (no " + root.relativize(jar) + ")");
            } else if (listed.isEmpty() && !everyBuilt && !reactor.contains(name)) {
                absent.put(name, "not a module of the root pom.xml yet, so its jar may be a work-in-progress build"
                        + " (-D" + SERVICES_PROPERTY + "=built starts it anyway)");
            } else {
                selected.add(name);
            }
        }
        return selected;
    }

    /** The {@code <module>} entries of the root pom: the services the reactor builds before this module. */
    private Set<String> reactorModules() {
        String pom = read(root.resolve("pom.xml"));
        Set<String> modules = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(pom.replaceAll("(?s)<!--.*?-->", ""));
        while (matcher.find()) {
            modules.add(matcher.group(1));
        }
        return modules;
    }

    private Path runnerJar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The copy of the module's quarkus-app this run starts (see {@link #start()}). */
    private Path copiedJar(String module) {
        return work.resolve("apps").resolve(module).resolve("quarkus-app/quarkus-run.jar");
    }

    private Path moduleDirectory(String module) {
        return root.resolve(module);
    }

    // ------------------------------------------------------------------------------------- how to start them

    private List<String> jvm(String heap) {
        return new ArrayList<>(List.of(ChildProcess.javaExecutable(), heap, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:-UsePerfData", "-javaagent:" + agent));
    }

    private List<String> emulatorCommand() {
        List<String> command = jvm("-Xmx128m");
        String endpoints = "-Dtessera.emulator.webhook-endpoints";
        command.add("-Dtessera.emulator.public-base-url=http://127.0.0.1:" + ports.get(Services.EMULATOR));
        if (ports.containsKey(Services.INGEST)) {
            String ingest = "http://127.0.0.1:" + ports.get(Services.INGEST);
            // As deploy's SuiteService.emulatorSystemProperties(), with the ingest service's port of this run.
            command.addAll(List.of(
                    endpoints + "[0].url=" + ingest + "/webhooks/stripe",
                    endpoints + "[0].secret=${STRIPE_WEBHOOK_SECRET}",
                    endpoints + "[0].connect=false",
                    endpoints + "[1].url=" + ingest + "/webhooks/stripe/connect",
                    endpoints + "[1].secret=${STRIPE_CONNECT_WEBHOOK_SECRET}",
                    endpoints + "[1].connect=true"));
        }
        // The first deliveries may reach the ingest service before it is up: retry soon.
        command.add("-Dtessera.emulator.delivery.initial-backoff=PT0.5S");
        command.add("-Dtessera.emulator.delivery.max-backoff=PT5S");
        command.add("-jar");
        command.add(copiedJar(Services.EMULATOR).toString());
        return command;
    }

    private Map<String, String> emulatorEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_PROFILE", "prod");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(Services.EMULATOR)));
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("STRIPE_WEBHOOK_SECRET", webhookSecret);
        environment.put("STRIPE_CONNECT_WEBHOOK_SECRET", connectWebhookSecret);
        return environment;
    }

    private List<String> serviceCommand(String name) {
        List<String> command = jvm("-Xmx256m");
        command.add("-jar");
        command.add(copiedJar(name).toString());
        return command;
    }

    private Map<String, String> serviceEnvironment(String name) {
        ServiceCatalog.Service entry = ServiceCatalog.byName(name).orElseThrow();
        int port = ports.get(name);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_PROFILE", "prod");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // A database per service, as in production; prefixed so an external test server keeps them apart.
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl("e2e_" + entry.database()));
        environment.put("QUARKUS_DATASOURCE_USERNAME", infra.username());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", infra.password());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        environment.put("STRIPE_API_KEY", API_KEY);
        if (ports.containsKey(Services.EMULATOR)) {
            environment.put("STRIPE_API_BASE", "http://127.0.0.1:" + ports.get(Services.EMULATOR));
        }
        environment.put("STRIPE_WEBHOOK_SECRET", webhookSecret);
        environment.put("STRIPE_CONNECT_WEBHOOK_SECRET", connectWebhookSecret);
        environment.put("TESSERA_JWT_PUBLIC_KEY", jwtPublicKey.toString());
        environment.put("TESSERA_JWT_ISSUER", TestJwt.ISSUER);
        environment.putAll(testSettings(name));
        if (name.equals(Services.CHECKOUT)) {
            String self = "http://127.0.0.1:" + port;
            environment.put("TESSERA_CHECKOUT_PUBLIC_URL", self);
            environment.put("TESSERA_CHECKOUT_CLAIM_URL", self + "/claims/");
            environment.put("TESSERA_CHECKOUT_ALLOWED_REDIRECT_HOSTS", "localhost,127.0.0.1");
            // Catalog changes reach Stripe within 2 s instead of 30 s.
            environment.put("TESSERA_CHECKOUT_SYNC_EVERY", "2s");
        }
        return environment;
    }

    /**
     * Settings that differ from production on purpose, each for a reason of the test environment only. Given as
     * environment variables: a service that no longer has such a property ignores the variable, where an unknown
     * {@code -D} property under a mapped prefix would stop it from starting.
     */
    private static Map<String, String> testSettings(String name) {
        return switch (name) {
            // The emulator does not emulate prorations and refuses DELETE /v1/subscriptions/{id}?prorate=true (its
            // README: "Not emulated"), so the replaced subscription of a tier switch is cancelled without them.
            // Queued cancellations are sent every second instead of every 5 s.
            case Services.MEMBERSHIP -> Map.of(
                    "TESSERA_MEMBERSHIP_TIER_SWITCH_PRORATE", "false",
                    "TESSERA_MEMBERSHIP_CANCELLATION_RETRY_INTERVAL", "1s",
                    "TESSERA_MEMBERSHIP_TIER_SWITCH_RETRY_INTERVAL", "1s");
            default -> Map.of();
        };
    }

    private void launch(String name, List<String> command, Map<String, String> environment) {
        releasePort(name);
        Path log = logFile(name);
        ChildProcess child = ChildProcess.start(name, command, environment, moduleDirectory(name), log, records);
        running.put(name, new Running(name, ports.get(name), child, List.copyOf(command), Map.copyOf(environment)));
    }

    private Path appendLog(String name) {
        Path log = logFile(name);
        try {
            Files.writeString(log, System.lineSeparator() + "===== restarted by the e2e harness =====" + System.lineSeparator(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return log;
    }

    private void awaitReady(List<Running> processes) {
        Duration timeout = Duration.parse(System.getProperty("tessera.e2e.start-timeout", "PT240S"));
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Running> waiting = new ArrayList<>(processes);
        Map<String, Integer> lastStatus = new LinkedHashMap<>();
        while (!waiting.isEmpty()) {
            for (Running process : List.copyOf(waiting)) {
                if (!process.child().isAlive()) {
                    throw new IllegalStateException(process.name() + " exited with status " + process.child().exitValue()
                            + " while starting. Last lines of " + process.child().logFile() + ":\n"
                            + process.child().logTail(LOG_TAIL_LINES));
                }
                boolean emulatorProcess = process.name().equals(Services.EMULATOR);
                int status = Http.probe("http://127.0.0.1:" + process.port()
                        + (emulatorProcess ? EMULATOR_READY_PATH : READY_PATH));
                lastStatus.put(process.name(), status);
                if (status == 200) {
                    waiting.remove(process);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Not ready within " + timeout.toSeconds() + " s: " + waiting.stream()
                        .map(p -> p.name() + " (last probe " + lastStatus.get(p.name()) + "); last lines of "
                                + p.child().logFile() + ":\n" + p.child().logTail(LOG_TAIL_LINES))
                        .collect(Collectors.joining("\n")));
            }
            sleep(250);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Path repositoryRoot() {
        String configured = System.getProperty("tessera.root");
        Path start = Paths.get(configured == null || configured.isBlank() ? "" : configured).toAbsolutePath().normalize();
        for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("platform-bom/pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find the Tessera repository from " + start
                + " (set -Dtessera.root=<repository>)");
    }

    private static ServerSocket reservePort() {
        try {
            ServerSocket socket = new ServerSocket();
            // Released just before the child binds it: no TIME_WAIT is left, as nothing ever connects to it.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private void releasePort(String name) {
        ServerSocket reservation = reservations.remove(name);
        if (reservation != null) {
            try {
                reservation.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot release port " + reservation.getLocalPort(), e);
            }
        }
    }

    /** {@code whsec_} and 48 hex digits, the shape of Stripe's endpoint secrets; new for every run. */
    private static String newSecret() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return "whsec_" + HexFormat.of().formatHex(random);
    }

    private static void copyRecursively(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + from + " (being rebuilt right now?)", e);
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            dev.tessera.testing.FileTrees.deleteRecursively(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }

    private static void deleteChildren(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + directory, e);
        }
    }

    private static void write(Path file, String content) {
        try {
            FileTrees.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
