package dev.tessera.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.StripeMetadata;
import dev.tessera.testing.StripeEventFixtures;
import java.time.Instant;

/** Stripe's example objects, shaped into the payments of these tests. */
final class StripeObjects {

    private StripeObjects() {
    }

    /** A paid subscription invoice (API 2026-07-29: the subscription and its metadata under parent). */
    static ObjectNode paidInvoice(String invoiceId, String subscriptionId, String email, long amount, String currency,
                                  String sellerId, String offeringId, String userId) {
        ObjectNode invoice = StripeEventFixtures.object("invoice");
        invoice.put("id", invoiceId);
        invoice.put("status", "paid");
        invoice.put("amount_due", amount);
        invoice.put("amount_paid", amount);
        invoice.put("amount_remaining", 0);
        invoice.put("currency", currency);
        invoice.put("customer_email", email);
        invoice.put("billing_reason", "subscription_cycle");
        invoice.put("number", "INV-" + invoiceId.substring(invoiceId.length() - 6).toUpperCase());
        invoice.put("hosted_invoice_url", "https://invoice.stripe.com/i/acct_test/" + invoiceId);
        invoice.put("invoice_pdf", "https://pay.stripe.com/invoice/acct_test/" + invoiceId + "/pdf");
        invoice.withObject("/status_transitions").put("paid_at", Instant.parse("2026-11-21T10:15:30Z").getEpochSecond());
        ObjectNode parent = invoice.putObject("parent");
        parent.put("type", "subscription_details");
        ObjectNode details = parent.putObject("subscription_details");
        details.put("subscription", subscriptionId);
        ObjectNode metadata = details.putObject("metadata");
        metadata.put(StripeMetadata.SELLER_ID, sellerId);
        metadata.put(StripeMetadata.OFFERING_ID, offeringId);
        metadata.put(StripeMetadata.OFFERING_KIND, StripeMetadata.KIND_MEMBERSHIP_TIER);
        if (userId != null) {
            metadata.put(StripeMetadata.USER_ID, userId);
        }
        ObjectNode line = (ObjectNode) invoice.withArray("/lines/data").get(0);
        line.put("amount", amount);
        line.put("currency", currency);
        line.put("description", "1 × Membership (at " + amount + " / month)");
        line.withObject("/period").put("end", Instant.parse("2026-12-21T10:15:30Z").getEpochSecond());
        return invoice;
    }

    /** A succeeded charge of a Tessera one-time checkout (the PaymentIntent's metadata copied onto it). */
    static ObjectNode charge(String chargeId, String paymentIntentId, String email, long amount, String currency,
                             String sellerId, String offeringId, String userId) {
        ObjectNode charge = StripeEventFixtures.object("charge");
        charge.put("id", chargeId);
        charge.put("payment_intent", paymentIntentId);
        charge.put("amount", amount);
        charge.put("amount_captured", amount);
        charge.put("captured", true);
        charge.put("currency", currency);
        charge.put("status", "succeeded");
        charge.put("description", "Ticket: Autumn meetup");
        charge.put("receipt_email", email);
        charge.put("receipt_url", "https://pay.stripe.com/receipts/payment/" + chargeId);
        charge.put("created", Instant.parse("2026-11-20T09:00:00Z").getEpochSecond());
        ObjectNode metadata = charge.putObject("metadata");
        if (offeringId != null) {
            metadata.put(StripeMetadata.SELLER_ID, sellerId);
            metadata.put(StripeMetadata.OFFERING_ID, offeringId);
            metadata.put(StripeMetadata.OFFERING_KIND, StripeMetadata.KIND_EVENT_TICKET);
            metadata.put(StripeMetadata.CHECKOUT_ID, "chk_" + chargeId);
        }
        if (userId != null) {
            metadata.put(StripeMetadata.USER_ID, userId);
        }
        return charge;
    }

    /** A completed, paid Checkout Session in payment mode. */
    static ObjectNode paidSession(String sessionId, String paymentIntentId, String email, long amount, String currency,
                                  String sellerId, String offeringId) {
        ObjectNode session = StripeEventFixtures.object("checkout.session");
        session.put("id", sessionId);
        session.put("mode", "payment");
        session.put("status", "complete");
        session.put("payment_status", "paid");
        session.put("payment_intent", paymentIntentId);
        session.put("amount_total", amount);
        session.put("amount_subtotal", amount);
        session.put("currency", currency);
        session.withObject("/customer_details").put("email", email);
        ObjectNode metadata = session.putObject("metadata");
        metadata.put(StripeMetadata.SELLER_ID, sellerId);
        metadata.put(StripeMetadata.OFFERING_ID, offeringId);
        metadata.put(StripeMetadata.OFFERING_KIND, StripeMetadata.KIND_EVENT_TICKET);
        metadata.put(StripeMetadata.CHECKOUT_ID, "chk_" + sessionId);
        return session;
    }
}
