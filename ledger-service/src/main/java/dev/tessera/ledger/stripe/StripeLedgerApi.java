package dev.tessera.ledger.stripe;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Stripe reads the ledger needs, as raw JSON (events and objects may carry another API version than
 * stripe-java's, and the ledger reads only a few fields). Calls for a connected account send
 * {@code Stripe-Account}. The only class of the service that imports stripe-java.
 */
@ApplicationScoped
public class StripeLedgerApi {

    private final StripeClients clients;

    StripeLedgerApi(StripeClients clients) {
        this.clients = clients;
    }

    /** A balance transaction: amount, fee, net, currency of settlement, exchange_rate, available_on. */
    public JsonNode balanceTransaction(String id, String account) {
        return get("/v1/balance_transactions/" + encode(id), account);
    }

    public JsonNode charge(String id, String account) {
        return get("/v1/charges/" + encode(id), account);
    }

    public JsonNode paymentIntent(String id, String account) {
        return get("/v1/payment_intents/" + encode(id), account);
    }

    /** The payments of an invoice (API 2025+: invoices name no charge or payment intent themselves). */
    public List<JsonNode> invoicePayments(String invoiceId, String account) {
        JsonNode list = get("/v1/invoice_payments?limit=100&invoice=" + encode(invoiceId), account);
        List<JsonNode> payments = new ArrayList<>();
        list.path("data").forEach(payments::add);
        return payments;
    }

    /** The invoice payments of one payment intent (to find the invoice, hence the attribution, of a charge). */
    public List<JsonNode> invoicePaymentsOfPaymentIntent(String paymentIntentId, String account) {
        JsonNode list = get("/v1/invoice_payments?limit=10&" + encode("payment[type]") + "=payment_intent&"
                + encode("payment[payment_intent]") + "=" + encode(paymentIntentId), account);
        List<JsonNode> payments = new ArrayList<>();
        list.path("data").forEach(payments::add);
        return payments;
    }

    public JsonNode invoice(String id, String account) {
        return get("/v1/invoices/" + encode(id), account);
    }

    /** One page of balance transactions created in [from, to), newest first, after {@code startingAfter}. */
    public Page balanceTransactions(Instant from, Instant to, String startingAfter, int limit, String account) {
        StringBuilder path = new StringBuilder("/v1/balance_transactions?limit=").append(limit)
                .append('&').append(encode("created[gte]")).append('=').append(from.getEpochSecond())
                .append('&').append(encode("created[lt]")).append('=').append(to.getEpochSecond());
        if (startingAfter != null) {
            path.append("&starting_after=").append(encode(startingAfter));
        }
        JsonNode list = get(path.toString(), account);
        List<JsonNode> data = new ArrayList<>();
        list.path("data").forEach(data::add);
        return new Page(data, list.path("has_more").asBoolean(false));
    }

    public record Page(List<JsonNode> data, boolean hasMore) {
    }

    private JsonNode get(String path, String account) {
        RawRequestOptions.RawRequestOptionsBuilder options = RawRequestOptions.builder();
        if (account != null && !account.isBlank()) {
            options.setStripeAccount(account);
        }
        StripeResponse response;
        try {
            response = clients.require().rawRequest(ApiResource.RequestMethod.GET, path, null, options.build());
        } catch (StripeException e) {
            Integer status = e.getStatusCode();
            String reason = e.getStripeError() == null ? e.getMessage() : e.getStripeError().getMessage();
            throw new StripeCallException(status == null ? 0 : status, "GET " + path + " failed: " + reason, e);
        }
        return EventJson.tree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A failed Stripe call; {@link #notFound()} means the object does not exist (asking again will not help). */
    public static final class StripeCallException extends RuntimeException {
        private final int status;

        StripeCallException(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }

        public boolean notFound() {
            return status == 404;
        }
    }
}
