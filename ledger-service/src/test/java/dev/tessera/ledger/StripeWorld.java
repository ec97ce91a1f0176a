package dev.tessera.ledger;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeMetadata;
import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.TopicWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds Stripe objects and events from Stripe's own fixtures, stubs the Stripe API reads the ledger makes, and
 * produces events to the Stripe topics as webhook-ingest-service does ({@link TopicWriter}: topic, key and headers
 * from the routing table). Every id carries a per-test suffix, because topics and the database are shared by all
 * tests.
 */
public final class StripeWorld {

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final WireMockServer stripe = StripeApiTestResource.server();
    private final List<String> sent = new ArrayList<>();

    /** {@code prefix_<run>}: an id unique to this test. */
    public String id(String prefix) {
        return prefix + "_" + run;
    }

    public static Map<String, String> saleMetadata(String sellerId, String kind, String userId) {
        return Map.of(StripeMetadata.SELLER_ID, sellerId, StripeMetadata.OFFERING_KIND, kind,
                StripeMetadata.OFFERING_ID, "off_" + kind, StripeMetadata.USER_ID, userId);
    }

    public ObjectNode charge(String id, long amount, String currency, String balanceTransaction, Instant created,
                             Map<String, String> metadata) {
        ObjectNode charge = StripeEventFixtures.object("charge");
        charge.put("id", id).put("amount", amount).put("amount_captured", amount).put("currency", lower(currency))
                .put("balance_transaction", balanceTransaction).put("created", created.getEpochSecond())
                .put("captured", true).put("paid", true).put("status", "succeeded").put("payment_intent", "pi_" + id);
        ObjectNode meta = charge.putObject("metadata");
        metadata.forEach(meta::put);
        return charge;
    }

    public ObjectNode balanceTransaction(String id, long amount, long fee, String currency, String source, String type,
                                         Instant created, Instant availableOn, BigDecimal exchangeRate) {
        ObjectNode txn = StripeEventFixtures.object("balance_transaction");
        txn.put("id", id).put("amount", amount).put("fee", fee).put("net", amount - fee).put("currency", lower(currency))
                .put("source", source).put("type", type).put("reporting_category", type)
                .put("created", created.getEpochSecond()).put("available_on", availableOn.getEpochSecond())
                .put("status", availableOn.isAfter(Instant.now()) ? "pending" : "available");
        if (exchangeRate == null) {
            txn.putNull("exchange_rate");
        } else {
            txn.put("exchange_rate", exchangeRate);
        }
        return txn;
    }

    public ObjectNode refund(String id, String chargeId, long amount, String currency, String balanceTransaction,
                             Instant created) {
        ObjectNode refund = StripeEventFixtures.object("refund");
        refund.put("id", id).put("charge", chargeId).put("amount", amount).put("currency", lower(currency))
                .put("balance_transaction", balanceTransaction).put("created", created.getEpochSecond())
                .put("status", "succeeded").put("payment_intent", "pi_" + chargeId);
        return refund;
    }

    public ObjectNode dispute(String id, String chargeId, long amount, String currency, String status,
                              List<ObjectNode> balanceTransactions) {
        ObjectNode dispute = StripeEventFixtures.object("dispute");
        dispute.put("id", id).put("charge", chargeId).put("amount", amount).put("currency", lower(currency))
                .put("status", status).put("payment_intent", "pi_" + chargeId);
        ArrayNode txns = dispute.putArray("balance_transactions");
        balanceTransactions.forEach(txns::add);
        return dispute;
    }

    public ObjectNode transfer(String id, long amount, String currency, String sellerId, Instant created) {
        ObjectNode transfer = StripeEventFixtures.object("transfer");
        transfer.put("id", id).put("amount", amount).put("currency", lower(currency)).put("created", created.getEpochSecond())
                .put("balance_transaction", "txn_" + id).put("destination", "acct_" + sellerId);
        transfer.putObject("metadata").put(StripeMetadata.SELLER_ID, sellerId);
        return transfer;
    }

    /** Stubs {@code GET /v1/<collection>/<id>} with the object. */
    public void stubObject(String collection, JsonNode object) {
        stripe.stubFor(get(urlPathEqualTo("/v1/" + collection + "/" + object.get("id").asText()))
                .willReturn(okJson(EventJson.write(object))));
    }

    /** Stubs {@code GET /v1/invoice_payments?invoice=...} with one paid payment of {@code paymentIntent}. */
    public void stubInvoicePayment(String invoiceId, String paymentIntent, long amount, String currency) {
        ObjectNode payment = StripeEventFixtures.object("invoice_payment");
        payment.put("id", "inpay_" + invoiceId).put("invoice", invoiceId).put("status", "paid")
                .put("amount_paid", amount).put("currency", lower(currency));
        payment.putObject("payment").put("type", "payment_intent").put("payment_intent", paymentIntent);
        ObjectNode list = EventJson.mapper().createObjectNode().put("object", "list").put("has_more", false)
                .put("url", "/v1/invoice_payments");
        list.putArray("data").add(payment);
        stripe.stubFor(get(urlPathEqualTo("/v1/invoice_payments")).withQueryParam("invoice", equalTo(invoiceId))
                .willReturn(okJson(EventJson.write(list))));
    }

    public ObjectNode event(String type, JsonNode object, Instant created) {
        return StripeEventFixtures.event(type, object).created(created).node();
    }

    /** Produces the event to its Stripe topic with ingest's key and headers; returns the event id. */
    public String send(ObjectNode event) {
        String eventId = TopicWriter.sendStripeEvent(event);
        sent.add(EventJson.write(event));
        return eventId;
    }

    /** Produces a domain event (envelope JSON) to a domain topic, keyed by its subject, as the outbox relay does. */
    public void sendDomain(String topic, DomainEvent event) {
        TopicWriter.sendDomainEvent(topic, event);
    }

    /** Every Stripe event this world sent, as sent. */
    public List<String> sent() {
        return List.copyOf(sent);
    }

    private static String lower(String currency) {
        return currency.toLowerCase(Locale.ROOT);
    }
}
