package dev.tessera.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Owner of the JVM-wide PostgreSQL and Kafka. Only the copy of this class on the system class path is
 * used (through {@link JvmWide}); it publishes what it started as a map of JDK types, which
 * {@link TesseraInfra} in any class loader turns back into its API.
 */
final class SharedInfra {

    static final String JDBC_URL_ENV = "TESSERA_TEST_JDBC_URL";
    static final String JDBC_USERNAME_ENV = "TESSERA_TEST_JDBC_USERNAME";
    static final String JDBC_PASSWORD_ENV = "TESSERA_TEST_JDBC_PASSWORD";
    static final String KAFKA_BOOTSTRAP_SERVERS_ENV = "TESSERA_TEST_KAFKA_BOOTSTRAP_SERVERS";

    static final String POSTGRES_EMBEDDED = "postgres.embedded";
    static final String JDBC_URL = "postgres.jdbcUrl";
    static final String USERNAME = "postgres.username";
    static final String PASSWORD = "postgres.password";
    static final String KAFKA_EMBEDDED = "kafka.embedded";
    static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrapServers";
    static final String KAFKA_BROKER = "kafka.broker";

    private static Map<String, Object> handle;
    private static RuntimeException failure;

    private SharedInfra() {
    }

    /** Called through {@link JvmWide#call}; starts everything on first use. */
    static synchronized Map<String, Object> handle() {
        if (handle == null) {
            if (failure != null) {
                // Fail every later test class at once instead of making each wait for the same timeout.
                throw new IllegalStateException("The Tessera test infrastructure failed to start earlier in this JVM: "
                        + failure.getMessage(), failure);
            }
            try {
                handle = start();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return handle;
    }

    private static Map<String, Object> start() {
        String externalKafka = setting(KAFKA_BOOTSTRAP_SERVERS_ENV);
        // The broker needs 2-3 s and PostgreSQL 1-3 s; start them side by side.
        CompletableFuture<Map<String, Object>> broker = externalKafka != null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(KafkaBroker::startShared, SharedInfra::runOnNewThread);

        Map<String, Object> result = new HashMap<>();
        RuntimeException postgresFailure = null;
        try {
            result.putAll(startPostgres());
        } catch (RuntimeException e) {
            postgresFailure = e;
        }
        Map<String, Object> brokerHandle;
        try {
            brokerHandle = broker.join();
        } catch (CompletionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                    ? runtime : new IllegalStateException(e.getCause());
            if (postgresFailure != null) {
                cause.addSuppressed(postgresFailure);
            }
            throw cause;
        }
        if (postgresFailure != null) {
            throw postgresFailure;
        }
        if (brokerHandle == null) {
            result.put(KAFKA_EMBEDDED, Boolean.FALSE);
            result.put(KAFKA_BOOTSTRAP_SERVERS, externalKafka);
        } else {
            result.put(KAFKA_EMBEDDED, Boolean.TRUE);
            result.put(KAFKA_BOOTSTRAP_SERVERS, KafkaBroker.sharedView(brokerHandle).bootstrapServers());
            result.put(KAFKA_BROKER, brokerHandle);
        }
        return Map.copyOf(result);
    }

    private static Map<String, Object> startPostgres() {
        String externalUrl = setting(JDBC_URL_ENV);
        Map<String, Object> result = new HashMap<>();
        if (externalUrl != null) {
            String username = setting(JDBC_USERNAME_ENV);
            if (username == null) {
                throw new IllegalStateException(JDBC_URL_ENV + " is set, so " + JDBC_USERNAME_ENV + " must be too");
            }
            String password = setting(JDBC_PASSWORD_ENV);
            String passwordOrEmpty = password == null ? "" : password;
            // Validates the URL now rather than in the middle of some test.
            PostgresAdmin.databaseUrl(externalUrl, "postgres");
            result.put(POSTGRES_EMBEDDED, Boolean.FALSE);
            result.put(USERNAME, username);
            result.put(PASSWORD, passwordOrEmpty);
            Set<String> created = ConcurrentHashMap.newKeySet();
            result.put(JDBC_URL, jvmWide(database -> {
                if (!created.contains(database)) {
                    PostgresAdmin.createDatabaseIfMissing(externalUrl, username, passwordOrEmpty, database);
                    created.add(database);
                }
                return PostgresAdmin.databaseUrl(externalUrl, database);
            }));
        } else {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
            result.put(POSTGRES_EMBEDDED, Boolean.TRUE);
            result.put(USERNAME, server.username());
            result.put(PASSWORD, server.password());
            result.put(JDBC_URL, jvmWide(database -> {
                server.createDatabase(database);
                return server.jdbcUrl(database);
            }));
        }
        return result;
    }

    /** An environment variable, or a system property of the same name (handy in surefire configuration). */
    static String setting(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Function<String, String> jvmWide(Function<String, String> function) {
        ClassLoader owner = SharedInfra.class.getClassLoader();
        return argument -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(owner);
            try {
                return function.apply(argument);
            } finally {
                thread.setContextClassLoader(previous);
            }
        };
    }

    private static void runOnNewThread(Runnable task) {
        Thread thread = new Thread(task, "tessera-kafka-start");
        thread.setDaemon(true);
        thread.start();
    }
}
