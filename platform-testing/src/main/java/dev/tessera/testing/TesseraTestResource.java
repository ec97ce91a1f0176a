package dev.tessera.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} application at the JVM-wide PostgreSQL and Kafka of {@link TesseraInfra}
 * and at the {@link TestJwt} signing key.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(value = TesseraTestResource.class,
 *         initArgs = &#64;ResourceArg(name = TesseraTestResource.DATABASE, value = "ingest"))
 * class WebhookResourceTest { ... }
 * </pre>
 *
 * <p>Quarkus calls {@link #start()} once per application start (per distinct profile and resource set);
 * after the first call in a JVM it only looks up values. {@link #stop()} leaves the servers running for
 * the next test class; they stop when the JVM exits.
 */
public final class TesseraTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: the service's database, e.g. {@code ingest}; created on first use. Required. */
    public static final String DATABASE = "database";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        String value = initArgs.get(DATABASE);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(TesseraTestResource.class.getSimpleName()
                    + " needs the init arg @ResourceArg(name = \"" + DATABASE + "\", value = \"<service database>\")");
        }
        database = PostgresAdmin.requireValidName(value.trim());
    }

    @Override
    public Map<String, String> start() {
        if (database == null) {
            throw new IllegalStateException(TesseraTestResource.class.getSimpleName()
                    + " was started without init args; declare it with initArgs = @ResourceArg(name = \"" + DATABASE
                    + "\", value = \"<service database>\")");
        }
        TesseraInfra infra = TesseraInfra.get();
        if (infra.isKafkaEmbedded() && !infra.kafka().isRunning()) {
            // An earlier test class stopped the shared broker and failed before starting it again.
            infra.kafka().start();
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(database),
                "quarkus.datasource.username", infra.username(),
                "quarkus.datasource.password", infra.password(),
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers(),
                "quarkus.devservices.enabled", "false",
                "quarkus.kafka.devservices.enabled", "false",
                "mp.jwt.verify.publickey", TestJwt.publicKeyPem(),
                "mp.jwt.verify.issuer", TestJwt.ISSUER);
    }

    @Override
    public void stop() {
        // The servers belong to the JVM, not to this application; the next test class reuses them.
    }
}
