package dev.tessera.notification;

import static dev.tessera.notification.NotificationTestSupport.awaitOneMessageTo;
import static dev.tessera.notification.NotificationTestSupport.awaitStatuses;
import static dev.tessera.notification.NotificationTestSupport.deliveriesTo;
import static dev.tessera.notification.NotificationTestSupport.messagesTo;
import static dev.tessera.notification.NotificationTestSupport.produceStripe;
import static dev.tessera.notification.NotificationTestSupport.unique;
import static dev.tessera.notification.NotificationTestSupport.uniqueEmail;
import static dev.tessera.testing.TopicWriter.sendStripeEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.testing.StripeEventFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Exactly once per (source, template, recipient): duplicates and replays send nothing again. */
@QuarkusTest
class ExactlyOnceTest {

    @Inject
    DataSource dataSource;

    @Test
    void aDuplicateEventAndAReplayOfTheSameInvoiceSendOneEmail() {
        String email = uniqueEmail("dup");
        String subscriptionId = unique("sub");
        ObjectNode invoice = StripeObjects.paidInvoice(unique("in"), subscriptionId, email, 1999, "eur",
                unique("sel"), unique("off"), null);
        var event = StripeEventFixtures.event("invoice.paid", invoice);

        sendStripeEvent(event.node());
        awaitOneMessageTo(email);
        awaitStatuses(dataSource, email, 1, "SENT");

        // the same event delivered again (a Kafka redelivery, a replay from the ingest store)...
        sendStripeEvent(event.node());
        // ...and the same invoice announced by another event id (a backfill that re-created the event)
        sendStripeEvent(StripeEventFixtures.event("invoice.paid", invoice.deepCopy()).node());
        // a later record of the same subscription (same partition) proves the consumer got past them
        String sentinel = uniqueEmail("dup-sentinel");
        produceStripe("invoice.paid", StripeObjects.paidInvoice(unique("in"), subscriptionId, sentinel, 100, "eur",
                unique("sel"), unique("off"), null));
        awaitOneMessageTo(sentinel);
        awaitStatuses(dataSource, sentinel, 1, "SENT");

        assertThat(messagesTo(email)).hasSize(1);
        assertThat(deliveriesTo(dataSource, email)).hasSize(1);
    }
}
