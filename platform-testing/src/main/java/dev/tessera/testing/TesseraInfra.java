package dev.tessera.testing;

import java.util.Map;
import java.util.function.Function;

/**
 * The PostgreSQL server and Kafka broker shared by every test class in this JVM.
 *
 * <p>Started on the first {@link #get()} (about 3 s, PostgreSQL and Kafka side by side) and stopped when
 * the JVM exits. The same instances are seen from every Quarkus application and class loader of the JVM.
 *
 * <p>External servers replace the embedded ones when the environment (or a system property of the same
 * name) provides them:
 * <ul>
 *   <li>{@value SharedInfra#JDBC_URL_ENV} names a PostgreSQL server, e.g.
 *       {@code jdbc:postgresql://db:5432/postgres}, with {@value SharedInfra#JDBC_USERNAME_ENV} and
 *       {@value SharedInfra#JDBC_PASSWORD_ENV}; per-service databases are created on it;</li>
 *   <li>{@value SharedInfra#KAFKA_BOOTSTRAP_SERVERS_ENV} names a Kafka cluster.</li>
 * </ul>
 */
public final class TesseraInfra {

    public static final String JDBC_URL_ENV = SharedInfra.JDBC_URL_ENV;
    public static final String JDBC_USERNAME_ENV = SharedInfra.JDBC_USERNAME_ENV;
    public static final String JDBC_PASSWORD_ENV = SharedInfra.JDBC_PASSWORD_ENV;
    public static final String KAFKA_BOOTSTRAP_SERVERS_ENV = SharedInfra.KAFKA_BOOTSTRAP_SERVERS_ENV;

    private static volatile TesseraInfra instance;

    private final Function<String, String> jdbcUrls;
    private final String username;
    private final String password;
    private final boolean postgresEmbedded;
    private final String kafkaBootstrapServers;
    // null when Kafka is external.
    private final KafkaBroker kafka;

    @SuppressWarnings("unchecked")
    private TesseraInfra(Map<String, Object> handle) {
        this.jdbcUrls = (Function<String, String>) handle.get(SharedInfra.JDBC_URL);
        this.username = (String) handle.get(SharedInfra.USERNAME);
        this.password = (String) handle.get(SharedInfra.PASSWORD);
        this.postgresEmbedded = (Boolean) handle.get(SharedInfra.POSTGRES_EMBEDDED);
        this.kafkaBootstrapServers = (String) handle.get(SharedInfra.KAFKA_BOOTSTRAP_SERVERS);
        Map<String, Object> broker = (Map<String, Object>) handle.get(SharedInfra.KAFKA_BROKER);
        this.kafka = broker == null ? null : KafkaBroker.sharedView(broker);
    }

    /**
     * The JVM-wide infrastructure, started on first use. Thread-safe.
     *
     * @throws IllegalStateException if it cannot start (then every later call fails at once, too)
     */
    @SuppressWarnings("unchecked")
    public static TesseraInfra get() {
        TesseraInfra result = instance;
        if (result == null) {
            synchronized (TesseraInfra.class) {
                result = instance;
                if (result == null) {
                    result = new TesseraInfra((Map<String, Object>) JvmWide.call(SharedInfra.class, "handle"));
                    instance = result;
                }
            }
        }
        return result;
    }

    /**
     * The JDBC URL of {@code database}, which is created on first use and then reused by every test class
     * of the JVM. Names are lower case letters, digits and {@code _}.
     */
    public String jdbcUrl(String database) {
        return jdbcUrls.apply(PostgresAdmin.requireValidName(database));
    }

    public String username() {
        return username;
    }

    /** The password; empty if an external server is configured without one. */
    public String password() {
        return password;
    }

    public boolean isPostgresEmbedded() {
        return postgresEmbedded;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public boolean isKafkaEmbedded() {
        return kafka != null;
    }

    /**
     * The embedded broker, for tests that stop and restart Kafka. Guard such tests with
     * {@code assumeTrue(TesseraInfra.get().isKafkaEmbedded())} if they may run against an external cluster.
     *
     * @throws IllegalStateException when Kafka is external ({@value SharedInfra#KAFKA_BOOTSTRAP_SERVERS_ENV})
     */
    public KafkaBroker kafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is external (" + KAFKA_BOOTSTRAP_SERVERS_ENV + "="
                    + kafkaBootstrapServers + "); tests cannot stop or start it");
        }
        return kafka;
    }

    @Override
    public String toString() {
        return "TesseraInfra[postgres " + (postgresEmbedded ? "embedded" : "external") + ", kafka "
                + kafkaBootstrapServers + (kafka != null ? " embedded" : " external") + "]";
    }
}
