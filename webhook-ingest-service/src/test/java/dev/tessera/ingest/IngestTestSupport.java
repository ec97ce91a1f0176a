package dev.tessera.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.tessera.testing.StripeSigner;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TopicReader;
import dev.tessera.testing.TopicRecord;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;

/** What the ingest tests share: the secrets of the test profile, posting signed events, reading topics. */
final class IngestTestSupport {

    static final String PLATFORM_SECRET = "whsec_test_primary";
    static final String ROTATED_SECRET = "whsec_test_rotated";
    static final String CONNECT_SECRET = "whsec_test_connect";

    private IngestTestSupport() {
    }

    static ValidatableResponse post(String path, String payload, String signature) {
        var request = given().contentType("application/json; charset=utf-8").body(payload);
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return request.when().post(path).then();
    }

    static ValidatableResponse postSigned(String payload) {
        return post("/webhooks/stripe", payload, StripeSigner.signatureHeader(payload, PLATFORM_SECRET));
    }

    /** Every record of one Stripe event currently on a topic (topics are shared by all tests of this JVM). */
    static List<TopicRecord> recordsOf(String topic, String eventId) {
        return TopicReader.readAll(TesseraInfra.get().kafkaBootstrapServers(), topic, Duration.ofMillis(400))
                .stream()
                .filter(record -> eventId.equals(record.headers().get("stripe-event-id")))
                .toList();
    }

    /** Waits until the event has at least {@code count} records on the topic, and returns them all. */
    static List<TopicRecord> awaitRecords(String topic, String eventId, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> recordsOf(topic, eventId), records -> records.size() >= count);
    }
}
