package dev.tessera.notification;

import static dev.tessera.notification.NotificationTestSupport.asMember;
import static dev.tessera.notification.NotificationTestSupport.asOps;
import static dev.tessera.notification.NotificationTestSupport.awaitOneMessageTo;
import static dev.tessera.notification.NotificationTestSupport.awaitStatuses;
import static dev.tessera.notification.NotificationTestSupport.messagesTo;
import static dev.tessera.notification.NotificationTestSupport.produceStripe;
import static dev.tessera.notification.NotificationTestSupport.unique;
import static dev.tessera.notification.NotificationTestSupport.uniqueEmail;
import static dev.tessera.notification.NotificationTestSupport.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.tessera.events.StripeHeaders;
import dev.tessera.events.Topics;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TestJwt;
import dev.tessera.testing.TopicReader;
import dev.tessera.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The HTTP API: roles, problem+json on bad input, the delivery log and its redrive. */
@QuarkusTest
class ApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void opsEndpointsNeedTheOpsRole() {
        given().when().get("/ops/deliveries").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthenticated"));
        given().auth().oauth2(TestJwt.member("m1")).when().get("/ops/deliveries").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
        given().auth().oauth2(TestJwt.member("m1")).when().post("/ops/deliveries/1/redrive").then().statusCode(403);
        given().when().get("/me/notifications").then().statusCode(401).contentType("application/problem+json");
        // the dev inbox is open only when configured (local suite); here it is for operators
        given().when().get("/dev/inbox").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.member("m1")).when().get("/dev/inbox").then().statusCode(403);
    }

    @Test
    void badInputIsAProblem() {
        asOps().when().get("/ops/deliveries?status=LOST").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo("status"));
        asOps().when().get("/ops/deliveries?size=0").then().statusCode(400).body("errors[0].field", equalTo("size"));
        asOps().when().get("/ops/deliveries?page=-1").then().statusCode(400).body("errors[0].field", equalTo("page"));
        asOps().when().get("/ops/deliveries/987654321").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("notification.delivery_not_found"));
        asOps().when().post("/ops/deliveries/987654321/redrive").then().statusCode(404)
                .body("code", equalTo("notification.delivery_not_found"));
        asOps().when().get("/ops/deliveries/not-a-number").then().statusCode(404)
                .contentType("application/problem+json");

        asOps().body(Map.of("email", "not an address")).when().put("/sellers/sel_bad/contact").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem("email"));
        asOps().body(Map.of("email", "ok@example.com", "locale", "english please")).when()
                .put("/sellers/sel_bad/contact").then().statusCode(400).body("errors.field", hasItem("locale"));
        asOps().body(Map.of("email", "ok@example.com", "stripeAccountId", "nope")).when()
                .put("/sellers/sel_bad/contact").then().statusCode(400).body("errors.field", hasItem("stripeAccountId"));
        asOps().body("{\"email\": ").when().put("/sellers/sel_bad/contact").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("malformed_json"));
        asOps().when().get("/sellers/sel_never_set/contact").then().statusCode(404)
                .body("code", equalTo("notification.seller_contact_not_found"));

        asMember("m2", "m2@example.com").body(Map.of()).when().put("/me/preferences").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("optOutNonTransactional"));
        asMember("m2", "m2@example.com").body(Map.of("optOutNonTransactional", true, "locale", "de_DE!")).when()
                .put("/me/preferences").then().statusCode(400).body("errors.field", hasItem("locale"));
        asMember("m2", null).when().get("/me/notifications?size=500").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        given().auth().oauth2(TestJwt.ops("o")).when().get("/dev/inbox?limit=0").then().statusCode(400);
    }

    @Test
    void sellersMaintainTheirOwnContactOnly() {
        String sellerId = unique("sel");
        given().auth().oauth2(TestJwt.seller("u1", sellerId)).contentType("application/json")
                .body(Map.of("email", "Owner@Example.com", "displayName", "  Owner  ", "locale", "pt-br",
                        "stripeAccountId", "acct_" + sellerId.substring(4)))
                .when().put("/sellers/" + sellerId + "/contact").then().statusCode(200)
                .body("email", equalTo("owner@example.com")).body("displayName", equalTo("Owner"))
                .body("locale", equalTo("pt-BR"));
        given().auth().oauth2(TestJwt.seller("u2", "sel_other")).contentType("application/json")
                .body(Map.of("email", "x@example.com")).when().put("/sellers/" + sellerId + "/contact").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.seller("u2", "sel_other")).when().get("/sellers/" + sellerId + "/contact")
                .then().statusCode(403);
        // a Stripe account belongs to one seller
        asOps().body(Map.of("email", "y@example.com", "stripeAccountId", "acct_" + sellerId.substring(4))).when()
                .put("/sellers/" + unique("sel") + "/contact").then().statusCode(409)
                .body("code", equalTo("notification.stripe_account_taken"));
        asOps().when().get("/sellers/" + sellerId + "/contact").then().statusCode(200)
                .body("sellerId", equalTo(sellerId));
    }

    @Test
    void deliveriesAreListedByStatusAndDeadOnesCanBeRedrivenOnce() {
        String email = uniqueEmail("redrive");
        produceStripe("invoice.paid", StripeObjects.paidInvoice(unique("in"), unique("sub"), email, 700, "eur",
                unique("sel"), unique("off"), null));
        awaitOneMessageTo(email);
        long id = ((Number) awaitStatuses(dataSource, email, 1, "SENT").get(0).get("id")).longValue();

        asOps().when().get("/ops/deliveries?status=sent&size=5").then().statusCode(200)
                .body("items.status", everyItem(equalTo("SENT"))).body("size", equalTo(5))
                .body("total", greaterThanOrEqualTo(1));
        asOps().when().get("/ops/deliveries/" + id).then().statusCode(200).body("to", equalTo(email))
                .body("text", notNullValue()).body("html", notNullValue());
        asOps().when().post("/ops/deliveries/" + id + "/redrive").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("notification.not_redrivable"));

        // as if every try had failed
        update(dataSource, "update delivery set status = 'DEAD', attempts = 40, last_error = 'x' where id = ?", id);
        asOps().when().get("/ops/deliveries?status=DEAD").then().statusCode(200).body("items.id", hasItem((int) id));
        asOps().when().post("/ops/deliveries/" + id + "/redrive").then().statusCode(200)
                .body("status", equalTo("PENDING")).body("attempts", equalTo(0));

        await().atMost(NotificationTestSupport.WAIT).until(() -> messagesTo(email).size() == 2);
        assertThat(awaitStatuses(dataSource, email, 1, "SENT").get(0).get("sent_at")).isNotNull();
    }

    @Test
    void theInboxShowsWhatWasSentWithItsContent() {
        String email = uniqueEmail("inbox");
        produceStripe("invoice.paid", StripeObjects.paidInvoice(unique("in"), unique("sub"), email, 700, "eur",
                unique("sel"), unique("off"), null));
        awaitStatuses(dataSource, email, 1, "SENT");

        given().auth().oauth2(TestJwt.ops("o")).when().get("/dev/inbox?to=" + email.toUpperCase()).then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].subject", equalTo("Your renewal receipt"))
                .body("[0].status", equalTo("SENT"));
    }

    @Test
    void aMessageThatIsNotJsonIsDeadLetteredWithoutStoppingTheConsumer() {
        String eventId = unique("evt_poison");
        TopicWriter.send(Topics.STRIPE_BILLING, "sub_poison", "{not json", Map.of(StripeHeaders.EVENT_ID, eventId,
                StripeHeaders.EVENT_TYPE, "invoice.paid"));

        await().atMost(NotificationTestSupport.WAIT).pollInterval(Duration.ofMillis(300)).until(() -> TopicReader
                .readAll(TesseraInfra.get().kafkaBootstrapServers(), Topics.dlq(Topics.STRIPE_BILLING),
                        Duration.ofMillis(300))
                .stream().anyMatch(record -> eventId.equals(record.header(StripeHeaders.EVENT_ID))
                        && "notification.stripe-billing".equals(record.header("dlq-consumer"))));

        String email = uniqueEmail("after-poison");
        produceStripe("invoice.paid", StripeObjects.paidInvoice(unique("in"), "sub_poison", email, 100, "eur",
                unique("sel"), unique("off"), null));
        awaitOneMessageTo(email);
    }
}
