package dev.tessera.ingest;

import static dev.tessera.ingest.IngestTestSupport.awaitRecords;
import static dev.tessera.ingest.IngestTestSupport.postSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.events.Topics;
import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.TesseraInfra;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Kafka being down never fails a webhook: events wait in the outbox and go out when Kafka is back. */
@QuarkusTest
class KafkaOutageTest {

    @Test
    void webhooksAreAcknowledgedWhileKafkaIsDownAndPublishedWhenItReturns() {
        var before = StripeEventFixtures.event("payment_intent.succeeded", StripeEventFixtures.object("payment_intent"));
        postSigned(before.json()).statusCode(200);
        awaitRecords(Topics.STRIPE_PAYMENTS, before.id(), 1);

        var during = StripeEventFixtures.event("payment_intent.payment_failed", StripeEventFixtures.object("payment_intent"));
        TesseraInfra.get().kafka().stop();
        try {
            postSigned(during.json()).statusCode(200).body("outcome", equalTo("stored"));
        } finally {
            TesseraInfra.get().kafka().start();
        }

        assertThat(awaitRecords(Topics.STRIPE_PAYMENTS, during.id(), 1)).hasSize(1);
    }
}
