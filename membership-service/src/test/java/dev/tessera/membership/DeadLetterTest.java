package dev.tessera.membership;

import static dev.tessera.membership.StripeData.tier;
import static dev.tessera.membership.StripeData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.StripeHeaders;
import dev.tessera.events.Topics;
import dev.tessera.runtime.messaging.DeadLetterHeaders;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TopicReader;
import dev.tessera.testing.TopicRecord;
import dev.tessera.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A poison message goes to {@code <topic>.dlq} with its error, and the consumer goes on with the next one. */
@QuarkusTest
class DeadLetterTest {

    @Inject
    DataSource dataSource;

    @Test
    void poisonMessagesAreDeadLetteredAndTheConsumerKeepsGoing() {
        String poisonId = unique("evt_poison");
        String key = unique("sub");
        TopicWriter.send(Topics.STRIPE_BILLING, key, "{not json", Map.of(StripeHeaders.EVENT_ID, poisonId,
                StripeHeaders.EVENT_TYPE, "customer.subscription.updated"));
        String contractBreakId = unique("evt_bad");
        TopicWriter.send(Topics.STRIPE_BILLING, key, "{\"id\":\"" + contractBreakId + "\",\"type\":\"customer.subscription.updated\"}",
                Map.of(StripeHeaders.EVENT_ID, contractBreakId, StripeHeaders.EVENT_TYPE, "customer.subscription.updated"));
        TopicWriter.send(Topics.CHECKOUT_EVENTS, "chk_x", "[]", Map.of("event-id", unique("poison-domain")));

        String sub = unique("sub");
        Flows.activeSubscription(sub, tier(unique("sel"), unique("grp"), "off_gold", unique("usr"), unique("chk")),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Db.awaitStatus(dataSource, sub, "active");

        List<TopicRecord> dead = Db.awaitValue(() -> TopicReader.readAll(TesseraInfra.get().kafkaBootstrapServers(),
                        Topics.dlq(Topics.STRIPE_BILLING), Duration.ofMillis(300)).stream()
                .filter(r -> poisonId.equals(r.header(StripeHeaders.EVENT_ID))
                        || contractBreakId.equals(r.header(StripeHeaders.EVENT_ID))).toList(), list -> list.size() >= 2);
        TopicRecord poison = dead.stream().filter(r -> poisonId.equals(r.header(StripeHeaders.EVENT_ID))).findFirst().orElseThrow();
        assertThat(poison.value()).isEqualTo("{not json");
        assertThat(poison.key()).isEqualTo(key);
        assertThat(poison.header(DeadLetterHeaders.CONSUMER)).isEqualTo("membership.stripe-billing");
        assertThat(poison.header(DeadLetterHeaders.SERVICE)).isEqualTo("membership-service");
        assertThat(poison.header(DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.STRIPE_BILLING);
        assertThat(poison.header(DeadLetterHeaders.ERROR)).isNotBlank();

        Db.awaitValue(() -> TopicReader.readAll(TesseraInfra.get().kafkaBootstrapServers(),
                Topics.dlq(Topics.CHECKOUT_EVENTS), Duration.ofMillis(300)).stream()
                .filter(r -> "membership.checkout-events".equals(r.header(DeadLetterHeaders.CONSUMER))).count(), n -> n >= 1);
    }
}
