package dev.tessera.membership.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource;
import com.stripe.net.RawRequestOptions;
import com.stripe.net.StripeResponse;
import dev.tessera.events.EventJson;
import dev.tessera.runtime.stripe.StripeClients;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Stripe calls of this service, read and written as raw JSON (events and objects may carry another
 * API version than stripe-java's). Calls for a connected account send {@code Stripe-Account}; every
 * mutating call carries the idempotency key its caller derived from our own records.
 */
@ApplicationScoped
public class StripeSubscriptions {

    /** Stripe answered with an error, or could not be reached. */
    public static class StripeCallException extends RuntimeException {
        private final Integer status;

        public StripeCallException(String message, Integer status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public Integer status() {
            return status;
        }

        /** Stripe refused the request itself (4xx other than 429): retrying the same request cannot help. */
        public boolean permanent() {
            return status != null && status >= 400 && status < 500 && status != 429;
        }
    }

    private final StripeClients clients;

    StripeSubscriptions(StripeClients clients) {
        this.clients = clients;
    }

    public boolean configured() {
        return clients.configured();
    }

    public JsonNode retrieve(String subscriptionId, String account) {
        return call(ApiResource.RequestMethod.GET, "/v1/subscriptions/" + encode(subscriptionId), null, account, null);
    }

    /** Sets or clears {@code cancel_at_period_end}; returns the updated subscription. */
    public JsonNode setCancelAtPeriodEnd(String subscriptionId, boolean cancel, String account, String idempotencyKey) {
        return call(ApiResource.RequestMethod.POST, "/v1/subscriptions/" + encode(subscriptionId),
                "cancel_at_period_end=" + cancel, account, idempotencyKey);
    }

    /**
     * Cancels a subscription now. A subscription Stripe no longer has (404) counts as cancelled, and so does
     * one Stripe refuses to cancel because it is cancelled already (checked by reading it back).
     *
     * @return the cancelled subscription, or empty if Stripe did not know it
     */
    public Optional<JsonNode> cancel(String subscriptionId, boolean prorate, boolean invoiceNow, String account,
                                     String idempotencyKey) {
        try {
            return Optional.of(call(ApiResource.RequestMethod.DELETE, "/v1/subscriptions/" + encode(subscriptionId)
                    + "?prorate=" + prorate + "&invoice_now=" + invoiceNow, null, account, idempotencyKey));
        } catch (StripeCallException e) {
            if (e.status() != null && e.status() == 404) {
                return Optional.empty();
            }
            if (e.permanent()) {
                try {
                    JsonNode current = retrieve(subscriptionId, account);
                    if ("canceled".equals(current.path("status").asText())) {
                        return Optional.of(current);
                    }
                } catch (StripeCallException readFailed) {
                    e.addSuppressed(readFailed);
                }
            }
            throw e;
        }
    }

    /** The subscription a payment intent paid an invoice of, if any (Invoice Payments API). */
    public Optional<String> subscriptionOfPaymentIntent(String paymentIntentId, String account) {
        String query = "?" + encode("payment[type]") + "=payment_intent&" + encode("payment[payment_intent]") + "="
                + encode(paymentIntentId) + "&limit=1&" + encode("expand[]") + "=" + encode("data.invoice");
        JsonNode list = call(ApiResource.RequestMethod.GET, "/v1/invoice_payments" + query, null, account, null);
        for (JsonNode payment : list.path("data")) {
            JsonNode invoice = payment.path("invoice");
            JsonNode subscription = invoice.path("parent").path("subscription_details").path("subscription");
            if (subscription.isTextual()) {
                return Optional.of(subscription.asText());
            }
            if (subscription.isObject() && subscription.path("id").isTextual()) {
                return Optional.of(subscription.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** The payment intent of a charge. */
    public Optional<String> paymentIntentOfCharge(String chargeId, String account) {
        JsonNode charge = call(ApiResource.RequestMethod.GET, "/v1/charges/" + encode(chargeId), null, account, null);
        JsonNode pi = charge.path("payment_intent");
        return pi.isTextual() ? Optional.of(pi.asText()) : Optional.empty();
    }

    private JsonNode call(ApiResource.RequestMethod method, String path, String body, String account,
                          String idempotencyKey) {
        RawRequestOptions.RawRequestOptionsBuilder options = RawRequestOptions.builder();
        if (account != null) {
            options.setStripeAccount(account);
        }
        if (idempotencyKey != null) {
            options.setIdempotencyKey(idempotencyKey);
        }
        try {
            StripeResponse response = clients.require().rawRequest(method, path, body, options.build());
            return EventJson.tree(response.body());
        } catch (StripeException e) {
            String reason = e.getStripeError() == null ? e.getMessage() : e.getStripeError().getMessage();
            throw new StripeCallException("Stripe " + method + " " + path.replaceAll("\\?.*", "") + " failed: " + reason,
                    e.getStatusCode(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
