package dev.tessera.ingest;

import static dev.tessera.ingest.IngestTestSupport.post;
import static dev.tessera.ingest.IngestTestSupport.postSigned;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.tessera.testing.StripeEventFixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ObservabilityTest {

    @Test
    void metricsCountWhatCameInWhatWasRefusedAndWhatWasADuplicate() {
        var event = StripeEventFixtures.event("charge.captured", StripeEventFixtures.object("charge"));
        postSigned(event.json()).statusCode(200);
        postSigned(event.json()).statusCode(200);
        post("/webhooks/stripe", event.json(), "t=1,v1=00").statusCode(400);

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("tessera_ingest_received_total{endpoint=\"platform\""))
                .body(containsString("tessera_ingest_stored_total{endpoint=\"platform\",source=\"webhook\""))
                .body(containsString("tessera_ingest_duplicates_total{endpoint=\"platform\""))
                .body(containsString("tessera_ingest_rejected_total{endpoint=\"platform\",reason=\"signature_mismatch\""))
                .body(containsString("tessera_ingest_ack_latency_seconds"))
                .body(containsString("tessera_outbox_published_total"))
                .body(containsString("tessera_outbox_backlog"))
                .body(containsString("tessera_outbox_publish_lag_seconds"));
    }

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka", "Database connections health check"));
    }

    @Test
    void unknownRoutesAnswerProblemJson() {
        given().when().get("/no/such/route").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/webhooks/stripe").then().statusCode(405).contentType("application/problem+json")
                .body("code", equalTo("method_not_allowed"));
        given().auth().oauth2(dev.tessera.testing.TestJwt.ops("ops-1")).contentType("application/json").body("{")
                .when().post("/ops/events/replay").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("malformed_json"))
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
        given().auth().oauth2("not.a.jwt").when().get("/ops/events/counts").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
