package dev.tessera.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.StripeHeaders;
import dev.tessera.events.StripeRouting;
import dev.tessera.events.Topics;
import dev.tessera.runtime.outbox.Outbox;
import dev.tessera.runtime.outbox.OutboxMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicWriterTest {

    @Test
    void writesAStripeEventAsIngestPublishesIt() {
        String subscription = "sub_" + unique();
        ObjectNode invoice = StripeEventFixtures.object("invoice");
        invoice.put("subscription", subscription);
        StripeEventFixtures.Builder event = StripeEventFixtures.event("invoice.paid", invoice);
        Instant before = Instant.now();

        assertThat(TopicWriter.sendStripeEvent(event.node())).isEqualTo(event.id());

        TopicRecord record = recordWithHeader(Topics.STRIPE_BILLING, StripeHeaders.EVENT_ID, event.id());
        assertThat(record.key()).isEqualTo(subscription).isEqualTo(StripeRouting.route(event.node()).key());
        assertThat(record.value()).isEqualTo(event.json());
        assertThat(record.headers()).containsEntry(StripeHeaders.EVENT_TYPE, "invoice.paid")
                .containsEntry(StripeHeaders.LIVEMODE, "false")
                .doesNotContainKey(StripeHeaders.ACCOUNT);
        assertThat(Instant.parse(record.header(StripeHeaders.RECEIVED_AT))).isBetween(before, Instant.now());
    }

    @Test
    void writesAConnectedAccountsEventJsonAsGiven() {
        String account = "acct_" + unique();
        StripeEventFixtures.Builder event = StripeEventFixtures.event("payout.paid", StripeEventFixtures.object("payout"))
                .account(account);
        String json = "  " + event.json() + "\n";

        assertThat(TopicWriter.sendStripeEvent(json)).isEqualTo(event.id());

        TopicRecord record = recordWithHeader(Topics.STRIPE_CONNECT, StripeHeaders.EVENT_ID, event.id());
        assertThat(record.key()).isEqualTo(account);
        assertThat(record.value()).isEqualTo(json);
        assertThat(record.headers()).containsEntry(StripeHeaders.ACCOUNT, account);
    }

    @Test
    void writesADomainEventAsTheOutboxRelayDoes() {
        String topic = "topic-writer-test.domain";
        DomainEvent event = DomainEvent.of("thing.happened", 2, "topic-writer-test", "subject_" + unique(), "evt_cause",
                Map.of("amount", 42));
        OutboxMessage outbox = Outbox.toMessage(topic, event);

        assertThat(TopicWriter.sendDomainEvent(topic, event)).isSameAs(event);

        TopicRecord record = recordWithHeader(topic, "event-id", event.id().toString());
        assertThat(record.key()).isEqualTo(outbox.key());
        assertThat(record.value()).isEqualTo(outbox.payload());
        assertThat(record.headers()).isEqualTo(outbox.headers());
        assertThat(TopicWriter.domainEventHeaders(event)).isEqualTo(outbox.headers());
    }

    @Test
    void writesAnyRecordWithItsHeaders() {
        String topic = "topic-writer-test.raw";
        String marker = unique();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("marker", marker);
        headers.put("empty", null);

        TopicWriter.send(topic, null, "{not json", headers);

        TopicRecord record = recordWithHeader(topic, "marker", marker);
        assertThat(record.key()).isNull();
        assertThat(record.value()).isEqualTo("{not json");
        assertThat(record.headers()).containsEntry("empty", null);
    }

    @Test
    void refusesAStripeEventWithoutIdOrType() {
        assertThatThrownBy(() -> TopicWriter.sendStripeEvent("{\"type\":\"invoice.paid\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"id\"");
    }

    private static TopicRecord recordWithHeader(String topic, String header, String value) {
        List<TopicRecord> records = TopicReader.readAll(TesseraInfra.get().kafkaBootstrapServers(), topic,
                Duration.ofMillis(300));
        assertThat(records).filteredOn(record -> value.equals(record.header(header))).hasSize(1);
        return records.stream().filter(record -> value.equals(record.header(header))).findFirst().orElseThrow();
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
