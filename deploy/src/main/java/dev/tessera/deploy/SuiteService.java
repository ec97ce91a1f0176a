package dev.tessera.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tessera.deploy.ServiceCatalog.Service;
import dev.tessera.testing.ProcessRecords;

/** One Quarkus application of the suite running as a child JVM: how it is started, configured and probed. */
final class SuiteService {

    /** How far a service has come, as the readiness probe sees it. */
    enum Health {
        STARTING,
        /** {@code /q/health/ready} answered 200. */
        READY,
        /** The application answers HTTP but has no health endpoint (404): as ready as it can tell us. */
        UP_WITHOUT_HEALTH
    }

    private static final String READY_PATH = "/q/health/ready";
    private static final String OPENAPI_PATH = "/q/openapi";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    // Services get SIGTERM together; Quarkus drains requests and closes Kafka clients within a few seconds.
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Service service;
    private final ChildProcess process;
    private Health health = Health.STARTING;
    private String lastProbe = "no answer yet";
    private Boolean openApi;

    private SuiteService(Service service, ChildProcess process) {
        this.service = service;
        this.process = process;
    }

    /** The settings shared by every service, from the infrastructure the launcher started. */
    record Settings(String jdbcUrlPrefix, String kafkaBootstrapServers, LocalSecrets secrets, Path jwtPublicKey,
            Path watchdogAgent) {
    }

    static SuiteService start(Service service, SuiteLayout layout, Settings settings, ProcessRecords records) {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        // Eight JVMs share 2 cores and about 3 GB: small heaps, the serial collector, C1 only (starts fastest
        // and is plenty for local traffic) and small thread stacks (Vert.x, Kafka and pools start many threads).
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xss512k");
        command.add("-javaagent:" + settings.watchdogAgent());
        if (service.isEmulator()) {
            command.addAll(emulatorSystemProperties());
        }
        command.add("-jar");
        command.add(layout.runnerJar(service.name()).toString());

        Path log = layout.freshLogFile(service.name());
        ChildProcess process = ChildProcess.start(service.name(), command, environment(service, settings),
                layout.repository().resolve(service.name()), log, records);
        return new SuiteService(service, process);
    }

    /**
     * The twelve-factor configuration of ARCHITECTURE.md. Variables already set in the launcher's environment are
     * inherited (a way to tweak one run, e.g. {@code QUARKUS_LOG_LEVEL=DEBUG}), but these always win.
     */
    static Map<String, String> environment(Service service, Settings settings) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_PROFILE", "prod");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        // Local only: nothing of the suite is reachable from other machines.
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        if (!service.isEmulator()) {
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", settings.jdbcUrlPrefix() + service.database());
            environment.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USERNAME);
            environment.put("QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
            environment.put("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrapServers());
            environment.put("STRIPE_API_KEY", LocalSecrets.API_KEY);
            environment.put("STRIPE_API_BASE", "http://127.0.0.1:" + ServiceCatalog.EMULATOR_PORT);
            environment.put("TESSERA_JWT_PUBLIC_KEY", settings.jwtPublicKey().toString());
            environment.put("TESSERA_JWT_ISSUER", LocalIdentity.ISSUER);
        }
        if ("notification-service".equals(service.name())) {
            // mail is mocked locally; its inbox is readable over HTTP without a token, on loopback only
            environment.put("TESSERA_NOTIFICATION_DEV_INBOX_OPEN", "true");
        }
        // The emulator signs with these, the ingest service verifies with them.
        environment.put(LocalSecrets.WEBHOOK_SECRET, settings.secrets().webhookSecret());
        environment.put(LocalSecrets.CONNECT_WEBHOOK_SECRET, settings.secrets().connectWebhookSecret());
        return environment;
    }

    /**
     * The emulator's configuration ({@code @ConfigMapping(prefix = "tessera.emulator")}, see
     * stripe-emulator/src/main/java/dev/tessera/stripe/emulator/EmulatorConfig.java): deliver the platform
     * account's events and the connected accounts' events to the ingest service's two endpoints, signed with the
     * secrets the ingest service verifies. The secrets are referenced as {@code ${...}} expressions that SmallRye
     * Config resolves from the environment, so they never appear on a command line ({@code ps} shows it). Indexed
     * list elements are given as system properties because their environment-variable spelling is ambiguous.
     */
    static List<String> emulatorSystemProperties() {
        String ingest = "http://127.0.0.1:" + ServiceCatalog.byName(ServiceCatalog.INGEST).orElseThrow().port();
        String endpoints = "-Dtessera.emulator.webhook-endpoints";
        return List.of(
                "-Dtessera.emulator.public-base-url=http://127.0.0.1:" + ServiceCatalog.EMULATOR_PORT,
                endpoints + "[0].url=" + ingest + "/webhooks/stripe",
                endpoints + "[0].secret=${" + LocalSecrets.WEBHOOK_SECRET + "}",
                endpoints + "[0].connect=false",
                endpoints + "[1].url=" + ingest + "/webhooks/stripe/connect",
                endpoints + "[1].secret=${" + LocalSecrets.CONNECT_WEBHOOK_SECRET + "}",
                endpoints + "[1].connect=true");
    }

    Service service() {
        return service;
    }

    ChildProcess process() {
        return process;
    }

    Health health() {
        return health;
    }

    /** What the last probe saw, for the message naming a service that did not become ready. */
    String lastProbe() {
        return lastProbe;
    }

    /** One readiness probe; returns true once the service is ready (and stays true). */
    boolean probe() {
        if (health != Health.STARTING) {
            return true;
        }
        Http.Answer answer = Http.get(service.baseUrl() + READY_PATH, Map.of(), PROBE_TIMEOUT);
        if (answer.status() == 200) {
            health = Health.READY;
        } else if (answer.status() == 404 && service.mayLackHealthEndpoint()) {
            health = Health.UP_WITHOUT_HEALTH;
        } else {
            lastProbe = answer.answered()
                    ? "GET " + READY_PATH + " answered " + answer.status() + " " + abbreviate(answer.body())
                    : "GET " + READY_PATH + ": " + answer.body();
        }
        return health != Health.STARTING;
    }

    String healthUrl() {
        return health == Health.UP_WITHOUT_HEALTH ? "(no health endpoint)" : service.baseUrl() + READY_PATH;
    }

    /** The OpenAPI document's address, or "-" for an application without one (looked up once). */
    String openApiUrl() {
        if (openApi == null) {
            openApi = Http.get(service.baseUrl() + OPENAPI_PATH, Map.of(), PROBE_TIMEOUT).status() == 200;
        }
        return openApi ? service.baseUrl() + OPENAPI_PATH : "-";
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }
}
