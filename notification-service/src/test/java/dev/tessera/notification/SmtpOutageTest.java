package dev.tessera.notification;

import static dev.tessera.notification.NotificationTestSupport.WAIT;
import static dev.tessera.notification.NotificationTestSupport.asOps;
import static dev.tessera.notification.NotificationTestSupport.update;
import static dev.tessera.notification.NotificationTestSupport.awaitStatuses;
import static dev.tessera.notification.NotificationTestSupport.deliveriesTo;
import static dev.tessera.notification.NotificationTestSupport.messagesTo;
import static dev.tessera.notification.NotificationTestSupport.produceStripe;
import static dev.tessera.notification.NotificationTestSupport.unique;
import static dev.tessera.notification.NotificationTestSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** While SMTP is down deliveries fail and are retried with backoff; when it is back, each is delivered once. */
@QuarkusTest
class SmtpOutageTest {

    @Inject
    DataSource dataSource;

    @Test
    void smtpDownThenUpDeliversOnce() {
        String email = uniqueEmail("outage");
        NotificationTestResources.Smtp.stopServer();
        try {
            produceStripe("invoice.paid", StripeObjects.paidInvoice(unique("in"), unique("sub"), email, 4200, "usd",
                    unique("sel"), unique("off"), null));

            Map<String, Object> failing = await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> deliveriesTo(dataSource, email), rows -> rows.size() == 1
                            && "FAILED".equals(rows.get(0).get("status")) && (int) rows.get(0).get("attempts") >= 2)
                    .get(0);
            assertThat((String) failing.get("last_error")).isNotBlank();
            assertThat(failing.get("sent_at")).isNull();
        } finally {
            NotificationTestResources.Smtp.restart();
        }

        Map<String, Object> sent = awaitStatuses(dataSource, email, 1, "SENT").get(0);
        assertThat((int) sent.get("attempts")).isGreaterThanOrEqualTo(3);
        await().atMost(WAIT).until(() -> messagesTo(email).size() == 1);
        // and nothing more arrives afterwards
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> messagesTo(email).size() == 1);
    }

    @Test
    void aDeliveryThatFailsEveryTryIsDeadUntilAnOperatorRedrivesIt() {
        String email = uniqueEmail("dead");
        NotificationTestResources.Smtp.stopServer();
        try {
            produceStripe("invoice.paid", StripeObjects.paidInvoice(unique("in"), unique("sub"), email, 100, "usd",
                    unique("sel"), unique("off"), null));
            await().atMost(WAIT).until(() -> deliveriesTo(dataSource, email), rows -> rows.size() == 1
                    && "FAILED".equals(rows.get(0).get("status")));
            // as if it had failed all but its last try (the test profile allows 40)
            update(dataSource, "update delivery set attempts = 39 where recipient_email = ?", email);

            Map<String, Object> dead = awaitStatuses(dataSource, email, 1, "DEAD").get(0);
            assertThat((int) dead.get("attempts")).isEqualTo(40);
        } finally {
            NotificationTestResources.Smtp.restart();
        }
        // SMTP is back, but a dead delivery waits for an operator
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> "DEAD".equals(deliveriesTo(dataSource, email).get(0).get("status")));
        assertThat(messagesTo(email)).isEmpty();

        long id = ((Number) deliveriesTo(dataSource, email).get(0).get("id")).longValue();
        asOps().when().post("/ops/deliveries/" + id + "/redrive").then().statusCode(200);

        awaitStatuses(dataSource, email, 1, "SENT");
        await().atMost(WAIT).until(() -> messagesTo(email).size() == 1);
    }
}
