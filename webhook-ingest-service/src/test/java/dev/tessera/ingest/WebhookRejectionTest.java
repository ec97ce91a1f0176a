package dev.tessera.ingest;

import static dev.tessera.ingest.IngestTestSupport.PLATFORM_SECRET;
import static dev.tessera.ingest.IngestTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.StripeSigner;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every refusal answers its status with a problem body and stores nothing. */
@QuarkusTest
class WebhookRejectionTest {

    @Inject
    DataSource dataSource;

    private long storedBefore;

    @BeforeEach
    void countStored() {
        storedBefore = stored();
    }

    private final StripeEventFixtures.Builder event =
            StripeEventFixtures.event("charge.succeeded", StripeEventFixtures.object("charge"));

    @Test
    void missingSignature() {
        assertRejected(post("/webhooks/stripe", event.json(), null), 400, "ingest.signature_missing");
    }

    @Test
    void malformedSignatureHeader() {
        assertRejected(post("/webhooks/stripe", event.json(), "v1=abc"), 400, "ingest.signature_malformed");
    }

    @Test
    void signatureWithAnUnknownSecret() {
        assertRejected(post("/webhooks/stripe", event.json(), StripeSigner.signatureHeader(event.json(), "whsec_other")),
                400, "ingest.signature_mismatch");
    }

    @Test
    void tamperedBody() {
        String signature = StripeSigner.signatureHeader(event.json(), PLATFORM_SECRET);
        String tampered = event.json().replace("\"livemode\":false", "\"livemode\":false ");
        assertRejected(post("/webhooks/stripe", tampered, signature), 400, "ingest.signature_mismatch");
    }

    @Test
    void expiredTimestamp() {
        long sixMinutesAgo = Instant.now().getEpochSecond() - 360;
        assertRejected(post("/webhooks/stripe", event.json(), StripeSigner.signatureHeader(event.json(), PLATFORM_SECRET, sixMinutesAgo)),
                400, "ingest.timestamp_outside_tolerance");
    }

    @Test
    void malformedJsonEvenWhenSigned() {
        String broken = "{\"id\":\"evt_broken\",";
        assertRejected(post("/webhooks/stripe", broken, StripeSigner.signatureHeader(broken, PLATFORM_SECRET)),
                400, "ingest.malformed_event");
    }

    @Test
    void signedJsonThatIsNotAStripeEvent() {
        String notAnEvent = "{\"id\":\"cus_1\",\"object\":\"customer\"}";
        assertRejected(post("/webhooks/stripe", notAnEvent, StripeSigner.signatureHeader(notAnEvent, PLATFORM_SECRET)),
                400, "ingest.malformed_event");
    }

    @Test
    void identifiersLongerThanStripeEverSendsAreRefusedNotStored() {
        // an id this long would also break the primary-key index; it must be a 400, never a 500 on write
        String longId = StripeEventFixtures.event("customer.updated", StripeEventFixtures.object("customer"))
                .id("evt_" + "x".repeat(300)).json();
        assertRejected(post("/webhooks/stripe", longId, StripeSigner.signatureHeader(longId, PLATFORM_SECRET)),
                400, "ingest.malformed_event");
        String longType = StripeEventFixtures.event("customer." + "x".repeat(300), StripeEventFixtures.object("customer"))
                .json();
        assertRejected(post("/webhooks/stripe", longType, StripeSigner.signatureHeader(longType, PLATFORM_SECRET)),
                400, "ingest.malformed_event");
    }

    @Test
    void bodyOverTheConfiguredLimit() {
        String huge = "{\"padding\":\"" + "x".repeat(70_000) + "\"}";
        assertRejected(post("/webhooks/stripe", huge, StripeSigner.signatureHeader(huge, PLATFORM_SECRET)),
                413, "ingest.payload_too_large");
    }

    private void assertRejected(io.restassured.response.ValidatableResponse response, int status, String code) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("title", not(equalTo(null)))
                .body(not(containsString("Exception")));
        assertThat(stored()).isEqualTo(storedBefore);
    }

    private long stored() {
        return IngestDb.count(dataSource, "select count(*) from stripe_event");
    }
}
