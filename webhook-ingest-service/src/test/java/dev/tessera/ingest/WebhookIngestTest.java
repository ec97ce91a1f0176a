package dev.tessera.ingest;

import static dev.tessera.ingest.IngestTestSupport.awaitRecords;
import static dev.tessera.ingest.IngestTestSupport.post;
import static dev.tessera.ingest.IngestTestSupport.postSigned;
import static dev.tessera.ingest.IngestTestSupport.recordsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.StripeHeaders;
import dev.tessera.events.Topics;
import dev.tessera.runtime.outbox.OutboxRelay;
import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.StripeSigner;
import dev.tessera.testing.TopicRecord;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookIngestTest {

    @Inject
    DataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Test
    void aVerifiedEventIsPublishedOnceToItsTopicWithKeyAndHeaders() {
        ObjectNode charge = StripeEventFixtures.object("charge");
        charge.put("id", "ch_ingest_1");
        charge.put("payment_intent", "pi_ingest_1");
        var event = StripeEventFixtures.event("charge.succeeded", charge);

        postSigned(event.json()).statusCode(200).body("outcome", equalTo("stored"));

        List<TopicRecord> records = awaitRecords(Topics.STRIPE_PAYMENTS, event.id(), 1);
        assertThat(records).hasSize(1);
        TopicRecord record = records.get(0);
        assertThat(record.key()).isEqualTo("pi_ingest_1");
        assertThat(record.value()).isEqualTo(event.json());
        assertThat(record.headers())
                .containsEntry(StripeHeaders.EVENT_ID, event.id())
                .containsEntry(StripeHeaders.EVENT_TYPE, "charge.succeeded")
                .containsEntry(StripeHeaders.LIVEMODE, "false")
                .containsKey(StripeHeaders.RECEIVED_AT)
                .doesNotContainKey(StripeHeaders.ACCOUNT);
        assertThat(Instant.parse(record.headers().get(StripeHeaders.RECEIVED_AT))).isBefore(Instant.now());
    }

    @Test
    void aDuplicateIsAcknowledgedAndPublishesNothingNew() {
        var event = StripeEventFixtures.event("customer.subscription.updated", StripeEventFixtures.object("subscription"));

        postSigned(event.json()).statusCode(200).body("outcome", equalTo("stored"));
        awaitRecords(Topics.STRIPE_BILLING, event.id(), 1);
        postSigned(event.json()).statusCode(200).body("outcome", equalTo("duplicate"));
        // re-signed later by Stripe's retry: still the same event
        post("/webhooks/stripe", event.json(), StripeSigner.signatureHeader(event.json(), IngestTestSupport.PLATFORM_SECRET,
                Instant.now().getEpochSecond() - 60)).statusCode(200).body("outcome", equalTo("duplicate"));
        relay.relayOnce();

        assertThat(recordsOf(Topics.STRIPE_BILLING, event.id())).hasSize(1);
        assertThat(storedCount(event.id())).isEqualTo(1);
    }

    @Test
    void everySecretOfARotationIsAccepted() {
        var first = StripeEventFixtures.event("invoice.paid", StripeEventFixtures.object("invoice"));
        var second = StripeEventFixtures.event("invoice.paid", StripeEventFixtures.object("invoice"));

        post("/webhooks/stripe", first.json(), StripeSigner.signatureHeader(first.json(), IngestTestSupport.PLATFORM_SECRET))
                .statusCode(200);
        post("/webhooks/stripe", second.json(), StripeSigner.signatureHeader(second.json(), IngestTestSupport.ROTATED_SECRET))
                .statusCode(200);

        assertThat(storedCount(first.id())).isEqualTo(1);
        assertThat(storedCount(second.id())).isEqualTo(1);
    }

    @Test
    void connectEventsUseTheirOwnEndpointAndSecretAndCarryTheAccount() {
        var event = StripeEventFixtures.event("payout.paid", StripeEventFixtures.object("payout")).account("acct_ingest_9");

        post("/webhooks/stripe/connect", event.json(), StripeSigner.signatureHeader(event.json(), IngestTestSupport.PLATFORM_SECRET))
                .statusCode(400).body("code", equalTo("ingest.signature_mismatch"));
        post("/webhooks/stripe/connect", event.json(), StripeSigner.signatureHeader(event.json(), IngestTestSupport.CONNECT_SECRET))
                .statusCode(200).body("outcome", equalTo("stored"));

        TopicRecord record = awaitRecords(Topics.STRIPE_CONNECT, event.id(), 1).get(0);
        assertThat(record.key()).isEqualTo("acct_ingest_9");
        assertThat(record.headers()).containsEntry(StripeHeaders.ACCOUNT, "acct_ingest_9");
    }

    @Test
    void eventsOfTheOtherModeAreAcknowledgedIgnoredAndNotStored() {
        var live = StripeEventFixtures.event("charge.succeeded", StripeEventFixtures.object("charge")).livemode(true);

        postSigned(live.json()).statusCode(200).body("outcome", equalTo("ignored_livemode"));

        assertThat(storedCount(live.id())).isZero();
    }

    @Test
    void everyStripeResourceInTheFixturesIsStoredAndRouted() {
        for (String resource : StripeEventFixtures.resourceNames()) {
            String type = switch (resource) {
                case "dispute" -> "charge.dispute.updated";
                case "subscription" -> "customer.subscription.updated";
                default -> resource + ".updated";
            };
            var event = StripeEventFixtures.event(type, StripeEventFixtures.object(resource));
            postSigned(event.json()).statusCode(200).body("outcome", equalTo("stored"));
            assertThat(storedTopic(event.id())).as(type).startsWith("stripe.");
        }
    }

    @Test
    void stripeTopicsAreCreatedWithTheConfiguredPartitionsAndUnlimitedRetention() throws Exception {
        var event = StripeEventFixtures.event("charge.dispute.created", StripeEventFixtures.object("dispute"));
        postSigned(event.json()).statusCode(200);
        awaitRecords(Topics.STRIPE_DISPUTES, event.id(), 1);

        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of(
                "bootstrap.servers", dev.tessera.testing.TesseraInfra.get().kafkaBootstrapServers()))) {
            var description = admin.describeTopics(List.of(Topics.STRIPE_DISPUTES)).allTopicNames().get()
                    .get(Topics.STRIPE_DISPUTES);
            assertThat(description.partitions()).hasSize(3);
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.STRIPE_DISPUTES);
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        }
    }

    long storedCount(String eventId) {
        return IngestDb.count(dataSource, "select count(*) from stripe_event where event_id = ?", eventId);
    }

    String storedTopic(String eventId) {
        return IngestDb.text(dataSource, "select topic from stripe_event where event_id = ?", eventId);
    }
}
