package dev.tessera.membership.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.StripeMetadata;
import dev.tessera.membership.domain.Attribution;
import dev.tessera.membership.domain.EntitlementService;
import dev.tessera.membership.domain.Fact;
import dev.tessera.membership.domain.FactKind;
import dev.tessera.membership.domain.MembershipStatus;
import java.time.Instant;

/**
 * Reads what this service needs from Stripe objects, as raw JSON of API version 2026-07-29.dahlia (and
 * older shapes where they differ): subscriptions keep their period on items, invoices name their
 * subscription under {@code parent.subscription_details} with a snapshot of its metadata.
 */
public final class StripeObjects {

    private StripeObjects() {
    }

    public static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    /** A reference field: an id, or the expanded object. */
    public static String id(JsonNode node) {
        if (node != null && node.isObject()) {
            return text(node.get("id"));
        }
        return text(node);
    }

    public static Instant epoch(JsonNode node) {
        return node != null && node.canConvertToLong() && !node.isNull() ? Instant.ofEpochSecond(node.asLong()) : null;
    }

    public static Attribution attribution(JsonNode metadata, String sessionId, String guestEmail, String customer,
                                          String account) {
        Integer bps = null;
        String rawBps = text(metadata == null ? null : metadata.get(StripeMetadata.COMMISSION_BPS));
        if (rawBps != null) {
            try {
                bps = Integer.parseInt(rawBps.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("metadata " + StripeMetadata.COMMISSION_BPS + " is not a number: " + rawBps);
            }
        }
        return new Attribution(meta(metadata, StripeMetadata.SELLER_ID), meta(metadata, StripeMetadata.OFFERING_ID),
                meta(metadata, StripeMetadata.OFFERING_KIND), meta(metadata, StripeMetadata.GROUP_ID),
                meta(metadata, StripeMetadata.CHECKOUT_ID), meta(metadata, StripeMetadata.USER_ID),
                EntitlementService.normalize(guestEmail), meta(metadata, StripeMetadata.REPLACES_SUBSCRIPTION),
                meta(metadata, StripeMetadata.PLAN), bps, sessionId, customer, account);
    }

    private static String meta(JsonNode metadata, String key) {
        return metadata == null ? null : text(metadata.get(key));
    }

    // --- subscriptions

    public static Attribution subscriptionAttribution(JsonNode subscription, String account) {
        return attribution(subscription.get("metadata"), null, null, id(subscription.get("customer")), account);
    }

    /** The fact a subscription snapshot states. */
    public static Fact subscriptionFact(String eventId, Instant created, JsonNode subscription, String reason) {
        String stripeStatus = text(subscription.get("status"));
        if (stripeStatus == null) {
            throw new IllegalArgumentException("subscription " + id(subscription) + " has no status");
        }
        MembershipStatus status;
        int precedence;
        boolean endsGrace = false;
        switch (stripeStatus) {
            case "incomplete" -> status = MembershipStatus.PENDING;
            case "trialing", "active" -> status = MembershipStatus.ACTIVE;
            case "past_due" -> status = MembershipStatus.PAST_DUE;
            case "unpaid", "paused" -> {
                status = MembershipStatus.PAST_DUE;
                endsGrace = true;
            }
            case "incomplete_expired" -> status = MembershipStatus.EXPIRED;
            case "canceled" -> status = endedUnpaid(subscription) ? MembershipStatus.EXPIRED : MembershipStatus.CANCELLED;
            default -> throw new IllegalArgumentException("unknown subscription status " + stripeStatus);
        }
        precedence = endsGrace ? 3 : status.precedence();
        String why = reason;
        if (status == MembershipStatus.CANCELLED || status == MembershipStatus.EXPIRED) {
            String cancellation = text(subscription.path("cancellation_details").get("reason"));
            why = cancellation != null ? cancellation : stripeStatus;
        }
        return Fact.of(eventId, FactKind.SUBSCRIPTION, created, status, why)
                .withStripeStatus(stripeStatus, precedence, endsGrace)
                .withCancelAtPeriodEnd(subscription.path("cancel_at_period_end").asBoolean(false))
                .withPeriodEnd(periodEnd(subscription));
    }

    /** Ended because payment failed rather than by anyone's decision. */
    private static boolean endedUnpaid(JsonNode subscription) {
        String reason = text(subscription.path("cancellation_details").get("reason"));
        return "payment_failed".equals(reason) || "payment_disputed".equals(reason);
    }

    /** The end of the paid period: on the items since 2025 (the latest of them), else at the top level. */
    static Instant periodEnd(JsonNode subscription) {
        Instant latest = epoch(subscription.get("current_period_end"));
        for (JsonNode item : subscription.path("items").path("data")) {
            Instant end = epoch(item.get("current_period_end"));
            if (end != null && (latest == null || end.isAfter(latest))) {
                latest = end;
            }
        }
        return latest;
    }

    // --- invoices

    public static String invoiceSubscription(JsonNode invoice) {
        String id = id(invoice.path("parent").path("subscription_details").get("subscription"));
        return id != null ? id : id(invoice.get("subscription"));
    }

    public static Attribution invoiceAttribution(JsonNode invoice, String account) {
        JsonNode metadata = invoice.path("parent").path("subscription_details").get("metadata");
        if (metadata == null || !metadata.isObject() || metadata.isEmpty()) {
            metadata = invoice.get("subscription_details") != null ? invoice.path("subscription_details").get("metadata") : null;
        }
        return attribution(metadata, null, text(invoice.get("customer_email")), id(invoice.get("customer")), account);
    }

    public static Fact invoiceFact(String eventId, Instant created, JsonNode invoice, boolean paid) {
        Instant periodEnd = null;
        for (JsonNode line : invoice.path("lines").path("data")) {
            Instant end = epoch(line.path("period").get("end"));
            if (end != null && (periodEnd == null || end.isAfter(periodEnd))) {
                periodEnd = end;
            }
        }
        Fact fact = paid
                ? Fact.of(eventId, FactKind.INVOICE_PAID, created, MembershipStatus.ACTIVE, "invoice_paid")
                : Fact.of(eventId, FactKind.INVOICE_FAILED, created, MembershipStatus.PAST_DUE, "invoice_payment_failed");
        return fact.withBillingReason(text(invoice.get("billing_reason"))).withPeriodEnd(paid ? periodEnd : null);
    }

    // --- checkout sessions

    public static Attribution sessionAttribution(JsonNode session, String account) {
        String email = text(session.path("customer_details").get("email"));
        if (email == null) {
            email = text(session.get("customer_email"));
        }
        return attribution(session.get("metadata"), text(session.get("id")), email, id(session.get("customer")), account);
    }

    public static boolean sessionPaid(JsonNode session) {
        String status = text(session.get("payment_status"));
        return "paid".equals(status) || "no_payment_required".equals(status);
    }
}
