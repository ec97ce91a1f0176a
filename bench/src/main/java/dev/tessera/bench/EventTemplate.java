package dev.tessera.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeHeaders;
import dev.tessera.events.StripeRoute;
import dev.tessera.events.StripeRouting;
import dev.tessera.testing.StripeEventFixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A realistic Stripe event (Stripe's own example object from the fixtures) in which the event id and
 * the object ids are a numbered slot. Building the JSON once and splicing a fixed-width number in keeps
 * the load generator's CPU cost per request tiny (this machine has two cores, shared with the service,
 * PostgreSQL and Kafka) and every body the same size.
 */
final class EventTemplate {

    private static final String SLOT = "BENCHSLOT";

    private final String type;
    private final String tag;
    private final String[] parts;
    private final String keyPrefix;
    private final String topic;

    private EventTemplate(String type, String tag, String json, String keyPrefix) {
        this.type = type;
        this.tag = tag;
        this.parts = json.split(Pattern.quote(SLOT), -1);
        this.keyPrefix = keyPrefix;
        StripeRoute route = StripeRouting.route(EventJson.tree(body(0)));
        this.topic = route.topic();
        // The bench computes keys without parsing; make sure it agrees with the service's routing table.
        if (!route.key().equals(key(0))) {
            throw new IllegalStateException("routing key " + route.key() + " != " + key(0));
        }
    }

    /** charge.succeeded around Stripe's example charge, with its own charge and payment intent per event. */
    static EventTemplate chargeSucceeded(String tag) {
        ObjectNode charge = StripeEventFixtures.object("charge");
        charge.put("id", "ch_" + SLOT);
        charge.put("payment_intent", "pi_" + SLOT); // stripe.payments is keyed by payment intent
        return new EventTemplate("charge.succeeded", tag, json("charge.succeeded", charge), "pi_");
    }

    /** charge.dispute.created around Stripe's example dispute: goes to its own topic, stripe.disputes. */
    static EventTemplate disputeCreated(String tag) {
        ObjectNode dispute = StripeEventFixtures.object("dispute");
        dispute.put("id", "dp_" + SLOT);
        dispute.put("charge", "ch_" + SLOT);
        return new EventTemplate("charge.dispute.created", tag, json("charge.dispute.created", dispute), "dp_");
    }

    private static String json(String type, ObjectNode object) {
        return StripeEventFixtures.event(type, object).id("evt_" + SLOT).json();
    }

    /** The slot value of event {@code n}: tag plus a zero-padded number, so all bodies have one length. */
    private String slot(int n) {
        String digits = Integer.toString(n);
        return tag + "0".repeat(Math.max(0, 9 - digits.length())) + digits;
    }

    String body(int n) {
        String slot = slot(n);
        StringBuilder body = new StringBuilder(parts.length * 16 + parts[0].length() + parts[parts.length - 1].length()
                + 4096);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                body.append(slot);
            }
            body.append(parts[i]);
        }
        return body.toString();
    }

    String eventId(int n) {
        return "evt_" + slot(n);
    }

    /** The event number back from an event id of this template, or -1 for someone else's id. */
    int number(String eventId) {
        String prefix = "evt_" + tag;
        if (eventId == null || !eventId.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(eventId.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    String key(int n) {
        return keyPrefix + slot(n);
    }

    String type() {
        return type;
    }

    String topic() {
        return topic;
    }

    int bodyLength() {
        return body(0).length();
    }

    /** The headers the service's outbox puts on the record (EventRecorder.message), for the baselines. */
    Map<String, String> headers(int n, String receivedAt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(StripeHeaders.EVENT_ID, eventId(n));
        headers.put(StripeHeaders.EVENT_TYPE, type);
        headers.put(StripeHeaders.LIVEMODE, "false");
        headers.put(StripeHeaders.RECEIVED_AT, receivedAt);
        return headers;
    }
}
