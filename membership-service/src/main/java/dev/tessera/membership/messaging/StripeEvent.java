package dev.tessera.membership.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeHeaders;
import dev.tessera.runtime.messaging.MessageProcessor;
import dev.tessera.runtime.messaging.PoisonMessageException;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A Stripe event from a Stripe topic: the parts every handler needs. */
record StripeEvent(String id, String type, Instant created, String account, JsonNode object) {

    static StripeEvent of(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.value().isBlank()) {
            throw new PoisonMessageException("empty Stripe event");
        }
        JsonNode event = EventJson.tree(record.value());
        String id = StripeObjects.text(event.get("id"));
        String type = StripeObjects.text(event.get("type"));
        Instant created = StripeObjects.epoch(event.get("created"));
        JsonNode object = event.path("data").get("object");
        if (id == null || type == null || created == null || object == null || !object.isObject()) {
            throw new PoisonMessageException("not a Stripe event (id, type, created and data.object are required)");
        }
        String account = MessageProcessor.header(record, StripeHeaders.ACCOUNT);
        if (account == null) {
            account = StripeObjects.text(event.get("account"));
        }
        return new StripeEvent(id, type, created, account, object);
    }

    String objectId() {
        String objectId = StripeObjects.text(object.get("id"));
        if (objectId == null) {
            throw new PoisonMessageException(type + " " + id + " has no object id");
        }
        return objectId;
    }
}
