package dev.tessera.membership;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeMetadata;
import dev.tessera.testing.StripeEventFixtures;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Stripe objects and events of API version 2026-07-29.dahlia, built from Stripe's own fixtures. */
public final class StripeData {

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private StripeData() {
    }

    public static String unique(String prefix) {
        return prefix + "_" + Long.toString(SEQ.incrementAndGet(), 36);
    }

    public static Map<String, String> tier(String seller, String group, String offering, String user, String checkout) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(StripeMetadata.SELLER_ID, seller);
        m.put(StripeMetadata.GROUP_ID, group);
        m.put(StripeMetadata.OFFERING_ID, offering);
        m.put(StripeMetadata.OFFERING_KIND, StripeMetadata.KIND_MEMBERSHIP_TIER);
        m.put(StripeMetadata.CHECKOUT_ID, checkout);
        if (user != null) {
            m.put(StripeMetadata.USER_ID, user);
        }
        return m;
    }

    public static ObjectNode subscription(String id, String status, Map<String, String> metadata, boolean cancelAtPeriodEnd,
                                          Instant periodEnd, String cancellationReason) {
        ObjectNode sub = StripeEventFixtures.object("subscription");
        sub.put("id", id);
        sub.put("status", status);
        sub.put("cancel_at_period_end", cancelAtPeriodEnd);
        sub.set("metadata", EventJson.toTree(metadata));
        sub.put("customer", "cus_" + id);
        ((ObjectNode) sub.path("cancellation_details")).put("reason", cancellationReason);
        ObjectNode item = (ObjectNode) sub.path("items").path("data").get(0);
        item.put("subscription", id);
        item.put("current_period_end", periodEnd.getEpochSecond());
        item.put("current_period_start", periodEnd.minusSeconds(30L * 86400).getEpochSecond());
        return sub;
    }

    public static ObjectNode invoice(String id, String subscription, Map<String, String> metadata, String billingReason,
                                     Instant periodEnd) {
        ObjectNode invoice = StripeEventFixtures.object("invoice");
        invoice.put("id", id);
        invoice.put("billing_reason", billingReason);
        ObjectNode parent = invoice.putObject("parent");
        parent.put("type", "subscription_details");
        parent.putNull("quote_details");
        ObjectNode details = parent.putObject("subscription_details");
        details.put("subscription", subscription);
        details.set("metadata", EventJson.toTree(metadata));
        ObjectNode line = (ObjectNode) invoice.path("lines").path("data").get(0);
        ((ObjectNode) line.path("period")).put("end", periodEnd.getEpochSecond());
        return invoice;
    }

    public static ObjectNode session(String id, String mode, String subscription, String paymentIntent, String paymentStatus,
                                     Map<String, String> metadata, String email) {
        ObjectNode session = StripeEventFixtures.object("checkout.session");
        session.put("id", id);
        session.put("mode", mode);
        session.put("status", "complete");
        session.put("payment_status", paymentStatus);
        if (subscription == null) {
            session.putNull("subscription");
        } else {
            session.put("subscription", subscription);
        }
        if (paymentIntent == null) {
            session.putNull("payment_intent");
        } else {
            session.put("payment_intent", paymentIntent);
        }
        session.set("metadata", EventJson.toTree(metadata));
        ((ObjectNode) session.path("customer_details")).put("email", email);
        return session;
    }

    public static ObjectNode charge(String id, String paymentIntent, long amount, long refunded) {
        ObjectNode charge = StripeEventFixtures.object("charge");
        charge.put("id", id);
        charge.put("payment_intent", paymentIntent);
        charge.put("amount", amount);
        charge.put("amount_refunded", refunded);
        charge.put("refunded", refunded >= amount);
        return charge;
    }

    public static ObjectNode dispute(String id, String charge, String paymentIntent, String status) {
        ObjectNode dispute = StripeEventFixtures.object("dispute");
        dispute.put("id", id);
        dispute.put("charge", charge);
        dispute.put("payment_intent", paymentIntent);
        dispute.put("status", status);
        return dispute;
    }

    public static String event(String type, ObjectNode object, Instant created) {
        return StripeEventFixtures.event(type, object).created(created).json();
    }

    public static String event(String id, String type, ObjectNode object, Instant created) {
        return StripeEventFixtures.event(type, object).id(id).created(created).json();
    }

    static ArrayNode array() {
        return EventJson.mapper().createArrayNode();
    }
}
