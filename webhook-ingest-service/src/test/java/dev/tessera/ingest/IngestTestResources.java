package dev.tessera.ingest;

import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.TesseraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The resources of every ingest test, declared once so that all test classes share one application start:
 * real PostgreSQL and Kafka, and Stripe's API stubbed at HTTP for backfill ({@link StripeApiTestResource#server()}).
 */
@QuarkusTestResource(value = TesseraTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
@QuarkusTestResource(value = StripeApiTestResource.class,
        initArgs = @ResourceArg(name = StripeApiTestResource.API_KEY, value = "sk_test_ingest"))
public final class IngestTestResources {

    private IngestTestResources() {
    }
}
