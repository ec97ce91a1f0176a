package dev.tessera.deploy;

import java.util.List;
import java.util.Optional;

/**
 * Every process the local suite knows, with the ports and databases of the architecture. Public for the end-to-end
 * harness of e2e-tests, which starts the same processes (on ports of its own).
 */
public final class ServiceCatalog {

    /** Where the services find the emulator instead of api.stripe.com. */
    static final int EMULATOR_PORT = 12111;
    public static final String INGEST = "webhook-ingest-service";
    public static final String EMULATOR = "stripe-emulator";

    /**
     * One Quarkus application of the suite.
     *
     * @param name the Maven module, also the name in logs and tables
     * @param database its own PostgreSQL database, or null (the emulator keeps everything in memory)
     */
    public record Service(String name, int port, String database) {

        public boolean isEmulator() {
            return database == null;
        }

        /**
         * Every service has {@code /q/health/ready} (platform-runtime brings smallrye-health); the emulator may
         * not, and then counts as up when it answers HTTP at all. Only the emulator gets that leniency, so that a
         * stranger's application answering 404 on a service's port is never taken for the service.
         */
        boolean mayLackHealthEndpoint() {
            return isEmulator();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** The emulator first; the ports are the local suite's fixed ones. */
    public static final List<Service> ALL = List.of(
            new Service(EMULATOR, EMULATOR_PORT, null),
            new Service(INGEST, 8081, "ingest"),
            new Service("checkout-service", 8082, "checkout"),
            new Service("membership-service", 8083, "membership"),
            new Service("ledger-service", 8084, "ledger"),
            new Service("payout-service", 8085, "payout"),
            new Service("risk-service", 8086, "risk"),
            new Service("notification-service", 8087, "notification"));

    private ServiceCatalog() {
    }

    static List<String> databases() {
        return ALL.stream().map(Service::database).filter(database -> database != null).toList();
    }

    public static Optional<Service> byName(String name) {
        return ALL.stream().filter(service -> service.name().equals(name)).findFirst();
    }
}
