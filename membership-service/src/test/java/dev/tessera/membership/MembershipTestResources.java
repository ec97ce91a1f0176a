package dev.tessera.membership;

import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.TesseraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The resources of every membership test, declared once so that all test classes share one application
 * start: real PostgreSQL and Kafka, and Stripe's API stubbed at HTTP.
 */
@QuarkusTestResource(value = TesseraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
@QuarkusTestResource(value = StripeApiTestResource.class, initArgs = {
        @ResourceArg(name = StripeApiTestResource.API_KEY, value = "sk_test_membership"),
        @ResourceArg(name = StripeApiTestResource.MAX_NETWORK_RETRIES, value = "0")})
public final class MembershipTestResources {

    private MembershipTestResources() {
    }
}
