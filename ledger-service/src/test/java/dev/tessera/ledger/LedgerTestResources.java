package dev.tessera.ledger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tessera.testing.TesseraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import java.util.Map;

/**
 * The resources of every ledger test, declared once so that all test classes share one application start:
 * real PostgreSQL and Kafka, and Stripe's API stubbed at HTTP (balance transactions, invoice payments,
 * charges, the balance transaction list of reconciliation).
 */
@QuarkusTestResource(value = TesseraTestResource.class, initArgs = @ResourceArg(name = "database", value = "ledger"))
@QuarkusTestResource(LedgerTestResources.StripeApiStub.class)
public final class LedgerTestResources {

    private LedgerTestResources() {
    }

    public static final class StripeApiStub implements QuarkusTestResourceLifecycleManager {

        private static volatile WireMockServer server;

        public static WireMockServer server() {
            return server;
        }

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            return Map.of("tessera.stripe.api-base", "http://127.0.0.1:" + server.port(),
                    "tessera.stripe.api-key", "sk_test_ledger",
                    "tessera.stripe.max-network-retries", "0");
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
            }
        }
    }
}
