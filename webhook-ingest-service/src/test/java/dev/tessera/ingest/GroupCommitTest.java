package dev.tessera.ingest;

import static dev.tessera.ingest.IngestDb.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.Topics;
import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.StripeSigner;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TopicReader;
import dev.tessera.testing.TopicRecord;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Webhooks are stored in batches (group commit) when they arrive together. These tests send them
 * concurrently, so batches form, and check what each request was told against what was stored and
 * published.
 */
@QuarkusTest
class GroupCommitTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void concurrentDeliveriesOfTheSameEventsAreStoredAndPublishedOnceEach() {
        List<StripeEventFixtures.Builder> events = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ObjectNode charge = StripeEventFixtures.object("charge");
            charge.put("id", "ch_group_" + i);
            charge.put("payment_intent", "pi_group_" + i);
            events.add(StripeEventFixtures.event("charge.succeeded", charge));
        }
        // every event three times, interleaved, as Stripe's retries and duplicate deliveries arrive
        List<StripeEventFixtures.Builder> deliveries = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            deliveries.addAll(events);
        }
        Collections.shuffle(deliveries, new java.util.Random(7));
        double batchedBefore = batchSizes().totalAmount();

        List<Answer> answers = sendConcurrently(deliveries);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        Map<String, List<String>> outcomesById = answers.stream().collect(Collectors.groupingBy(Answer::eventId,
                Collectors.mapping(Answer::outcome, Collectors.toList())));
        assertThat(outcomesById).hasSize(120).allSatisfy((id, outcomes) -> assertThat(outcomes)
                .containsExactlyInAnyOrder("stored", "duplicate", "duplicate"));
        Set<String> ids = outcomesById.keySet();
        assertThat(count(dataSource, "select count(*) from stripe_event where event_id = any(?)",
                (Object) ids.toArray(String[]::new))).isEqualTo(120);
        // every delivery went through a writer batch: the summary's total is the number of deliveries
        assertThat(batchSizes().totalAmount() - batchedBefore).isEqualTo(360.0);

        Map<String, Long> published = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> publishedCounts(ids), counts -> counts.size() == 120);
        assertThat(published.values()).containsOnly(1L);
    }

    @Test
    void anEventTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsStored() throws SQLException {
        List<StripeEventFixtures.Builder> good = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            good.add(StripeEventFixtures.event("customer.updated", StripeEventFixtures.object("customer")));
        }
        var poison = StripeEventFixtures.event("tessera.test.refused", StripeEventFixtures.object("customer"));
        List<StripeEventFixtures.Builder> deliveries = new ArrayList<>(good);
        deliveries.add(20, poison);
        execute("create function refuse_test_event() returns trigger language plpgsql as $$ begin "
                + "raise exception 'refused by the test'; end $$");
        execute("create trigger refuse_test_event before insert on stripe_event for each row "
                + "when (new.type = 'tessera.test.refused') execute function refuse_test_event()");
        List<Answer> answers;
        try {
            answers = sendConcurrently(deliveries);
        } finally {
            execute("drop trigger refuse_test_event on stripe_event");
            execute("drop function refuse_test_event()");
        }

        Map<String, Answer> byId = answers.stream().collect(Collectors.toMap(Answer::eventId, Function.identity()));
        assertThat(byId.get(poison.id()).status()).isEqualTo(500);
        assertThat(byId.get(poison.id()).contentType()).startsWith("application/problem+json");
        good.forEach(event -> assertThat(byId.get(event.id()).outcome()).as(event.id()).isEqualTo("stored"));
        assertThat(count(dataSource, "select count(*) from stripe_event where event_id = ?", poison.id())).isZero();

        // Stripe retries the refused one; once the database takes it, it is stored like any other
        Answer retry = sendConcurrently(List.of(poison)).get(0);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.outcome()).isEqualTo("stored");
    }

    private DistributionSummary batchSizes() {
        return registry.get("tessera.ingest.write.batch.size").summary();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Map<String, Long> publishedCounts(Set<String> ids) {
        List<TopicRecord> records = TopicReader.readAll(TesseraInfra.get().kafkaBootstrapServers(),
                Topics.STRIPE_PAYMENTS, Duration.ofMillis(400));
        return records.stream().map(record -> record.headers().get("stripe-event-id")).filter(ids::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private record Answer(String eventId, int status, String contentType, String outcome) {
    }

    /** All at once: the JDK client opens a connection per request in flight, so they overlap in the service. */
    private static List<Answer> sendConcurrently(List<StripeEventFixtures.Builder> deliveries) {
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/webhooks/stripe");
        List<CompletableFuture<Answer>> answers = deliveries.stream().map(event -> {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header(StripeSigner.HEADER, StripeSigner.signatureHeader(event.json(),
                            IngestTestSupport.PLATFORM_SECRET))
                    .POST(HttpRequest.BodyPublishers.ofString(event.json())).build();
            return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> new Answer(
                    event.id(), response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    outcome(response.body())));
        }).toList();
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private static String outcome(String body) {
        int at = body.indexOf("\"outcome\":\"");
        return at < 0 ? null : body.substring(at + 11, body.indexOf('"', at + 11));
    }
}
