package dev.tessera.membership;

import dev.tessera.testing.StripeStubs;
import dev.tessera.testing.TesseraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import java.util.Map;

/**
 * The resources of every membership test, declared once so that all test classes share one application
 * start: real PostgreSQL and Kafka, and Stripe's API stubbed at HTTP.
 */
@QuarkusTestResource(value = TesseraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
@QuarkusTestResource(MembershipTestResources.StripeApi.class)
public final class MembershipTestResources {

    private MembershipTestResources() {
    }

    public static final class StripeApi implements QuarkusTestResourceLifecycleManager {

        private static volatile StripeStubs stubs;

        public static StripeStubs stubs() {
            return stubs;
        }

        @Override
        public Map<String, String> start() {
            stubs = StripeStubs.start();
            return Map.of("tessera.stripe.api-base", stubs.baseUrl(), "tessera.stripe.api-key", "sk_test_membership",
                    "tessera.stripe.max-network-retries", "0");
        }

        @Override
        public void stop() {
            if (stubs != null) {
                stubs.close();
            }
        }
    }
}
