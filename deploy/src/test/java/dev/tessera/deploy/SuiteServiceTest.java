package dev.tessera.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tessera.deploy.ServiceCatalog.Service;

class SuiteServiceTest {

    private static final SuiteService.Settings SETTINGS = new SuiteService.Settings(
            "jdbc:postgresql://127.0.0.1:15432/", "127.0.0.1:19092", new LocalSecrets("whsec_a", "whsec_b"),
            Path.of("/repo/.local/jwt/public.pem"), Path.of("/repo/.local/run/parent-watchdog.jar"));

    @Test
    void aServiceGetsTheTwelveFactorConfigurationOfTheArchitecture() {
        Service ledger = ServiceCatalog.byName("ledger-service").orElseThrow();

        Map<String, String> environment = SuiteService.environment(ledger, SETTINGS);

        assertThat(environment).containsEntry("QUARKUS_PROFILE", "prod")
                .containsEntry("QUARKUS_HTTP_PORT", "8084")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:15432/ledger")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "postgres")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")
                .containsEntry("STRIPE_API_KEY", "sk_test_local")
                .containsEntry("STRIPE_API_BASE", "http://127.0.0.1:12111")
                .containsEntry("STRIPE_WEBHOOK_SECRET", "whsec_a")
                .containsEntry("STRIPE_CONNECT_WEBHOOK_SECRET", "whsec_b")
                .containsEntry("TESSERA_JWT_PUBLIC_KEY", "/repo/.local/jwt/public.pem")
                .containsEntry("TESSERA_JWT_ISSUER", "https://tessera.local/issuer");
    }

    @Test
    void theEmulatorDeliversToBothIngestEndpointsWithoutSecretsOnItsCommandLine() {
        Service emulator = ServiceCatalog.byName(ServiceCatalog.EMULATOR).orElseThrow();

        assertThat(SuiteService.environment(emulator, SETTINGS)).containsEntry("QUARKUS_HTTP_PORT", "12111")
                .containsEntry("STRIPE_WEBHOOK_SECRET", "whsec_a").doesNotContainKey("QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(SuiteService.emulatorSystemProperties())
                .contains("-Dtessera.emulator.webhook-endpoints[0].url=http://127.0.0.1:8081/webhooks/stripe",
                        "-Dtessera.emulator.webhook-endpoints[0].secret=${STRIPE_WEBHOOK_SECRET}",
                        "-Dtessera.emulator.webhook-endpoints[1].url=http://127.0.0.1:8081/webhooks/stripe/connect",
                        "-Dtessera.emulator.webhook-endpoints[1].secret=${STRIPE_CONNECT_WEBHOOK_SECRET}",
                        "-Dtessera.emulator.webhook-endpoints[1].connect=true")
                .noneMatch(property -> property.contains("whsec_"));
    }

    @Test
    void everyServiceHasItsOwnPortAndDatabase() {
        assertThat(ServiceCatalog.ALL).extracting(Service::port).doesNotHaveDuplicates();
        assertThat(ServiceCatalog.databases()).containsExactly("ingest", "checkout", "membership", "ledger", "payout",
                "risk", "notification");
    }
}
