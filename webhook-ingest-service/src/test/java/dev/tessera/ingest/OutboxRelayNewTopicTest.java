package dev.tessera.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.runtime.outbox.Outbox;
import dev.tessera.runtime.outbox.OutboxMessage;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TopicReader;
import dev.tessera.testing.TopicRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The relay's first send to a topic it has just created. With several produce requests in flight, the
 * broker could append a later request while the first was refused (the partition was not ready yet)
 * and then refuse every retry of the first as out of order until the delivery timeout; the relay then
 * published the later rows twice (seen once in CI, in GroupCommitTest). The race depends on timing, so
 * this test does not fail every time without the fix; it makes the situation happen on every build.
 * Every message must be on the topic exactly once.
 */
@QuarkusTest
class OutboxRelayNewTopicTest {

    @Inject
    Outbox outbox;

    @Test
    void aBurstToATopicCreatedByTheRelayIsPublishedExactlyOnce() {
        String topic = "tessera.test.relay-burst-" + UUID.randomUUID();
        List<OutboxMessage> messages = IntStream.range(0, 600)
                .mapToObj(i -> new OutboxMessage(topic, "key-" + (i % 17), "{\"n\":" + i + "}", Map.of("n", "" + i)))
                .toList();
        // several commits, so the relay sends in several rounds while the new partitions settle
        for (int from = 0; from < messages.size(); from += 100) {
            List<OutboxMessage> slice = messages.subList(from, from + 100);
            QuarkusTransaction.requiringNew().run(() -> outbox.appendAll(slice));
        }

        Map<String, Long> published = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> countByN(topic), counts -> counts.size() == messages.size());
        assertThat(published.values()).containsOnly(1L);
    }

    private static Map<String, Long> countByN(String topic) {
        List<TopicRecord> records = TopicReader.readAll(TesseraInfra.get().kafkaBootstrapServers(), topic,
                Duration.ofMillis(300));
        return records.stream().map(record -> record.headers().get("n"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
