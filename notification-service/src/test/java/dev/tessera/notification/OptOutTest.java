package dev.tessera.notification;

import static dev.tessera.notification.NotificationTestSupport.asMember;
import static dev.tessera.notification.NotificationTestSupport.awaitMessagesTo;
import static dev.tessera.notification.NotificationTestSupport.awaitStatuses;
import static dev.tessera.notification.NotificationTestSupport.deliveriesTo;
import static dev.tessera.notification.NotificationTestSupport.messagesTo;
import static dev.tessera.notification.NotificationTestSupport.produceStripe;
import static dev.tessera.notification.NotificationTestSupport.subject;
import static dev.tessera.notification.NotificationTestSupport.unique;
import static dev.tessera.notification.NotificationTestSupport.uniqueEmail;
import static dev.tessera.testing.TopicWriter.sendDomainEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.tessera.events.Topics;
import dev.tessera.events.membership.MembershipEventTypes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A person's opt-out silences non-transactional messages only; receipts always go out. */
@QuarkusTest
class OptOutTest {

    @Inject
    DataSource dataSource;

    @Test
    void optOutSuppressesMembershipMessagesButNotReceipts() {
        String userId = unique("usr");
        String email = uniqueEmail("optout");
        asMember(userId, email).body(Map.of("optOutNonTransactional", true)).when().put("/me/preferences").then()
                .statusCode(200).body("optOutNonTransactional", equalTo(true)).body("email", equalTo(email));

        // membership events name the user only; the address comes from what the service learned (here: the token)
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String membershipId = unique("mbr");
        sendDomainEvent(Topics.MEMBERSHIP_EVENTS, Events.membership(MembershipEventTypes.ACTIVATED, membershipId, userId,
                null, "active", now.plus(30, ChronoUnit.DAYS), false, now));
        produceStripe("invoice.paid", StripeObjects.paidInvoice(unique("in"), unique("sub"), email, 900, "eur",
                unique("sel"), unique("off"), userId));

        List<Map<String, Object>> deliveries = awaitStatuses(dataSource, email, 2, "SENT", "SUPPRESSED");
        assertThat(deliveries).extracting(row -> row.get("template") + ":" + row.get("status"))
                .containsExactlyInAnyOrder("membership_activated:SUPPRESSED", "receipt:SENT");
        assertThat(awaitMessagesTo(email, 1)).extracting(NotificationTestSupport::subject)
                .containsExactly("Your renewal receipt");

        asMember(userId, email).when().get("/me/notifications").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.template", hasItems("receipt", "membership_activated"))
                .body("items.status", hasItems("SENT", "SUPPRESSED"));

        // opting back in: the next non-transactional message is sent
        asMember(userId, email).body(Map.of("optOutNonTransactional", false)).when().put("/me/preferences").then()
                .statusCode(200).body("optOutNonTransactional", equalTo(false));
        sendDomainEvent(Topics.MEMBERSHIP_EVENTS, Events.membership(MembershipEventTypes.CANCELLED, membershipId, userId,
                null, "cancelled", now.plus(30, ChronoUnit.DAYS), false, now.plusSeconds(60)));

        awaitMessagesTo(email, 2);
        assertThat(messagesTo(email)).extracting(NotificationTestSupport::subject)
                .contains("Your membership is cancelled");
        assertThat(deliveriesTo(dataSource, email)).hasSize(3);
        assertThat(subject(messagesTo(email).get(1))).isEqualTo("Your membership is cancelled");
    }
}
