package dev.tessera.notification.messaging;

import static dev.tessera.notification.messaging.Json.at;
import static dev.tessera.notification.messaging.Json.id;
import static dev.tessera.notification.messaging.Json.instant;
import static dev.tessera.notification.messaging.Json.number;
import static dev.tessera.notification.messaging.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeMetadata;
import dev.tessera.notification.NotificationConfig;
import dev.tessera.notification.domain.Directory;
import dev.tessera.notification.domain.Notice;
import dev.tessera.notification.domain.Notifier;
import dev.tessera.notification.domain.Recipient;
import dev.tessera.notification.domain.RefundNotices;
import dev.tessera.notification.domain.SellerNotices;
import dev.tessera.notification.domain.Template;
import dev.tessera.notification.persistence.ContactRepository;
import dev.tessera.runtime.messaging.PoisonMessageException;
import dev.tessera.runtime.money.Money;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * What Stripe events mean for the people involved. Payloads are read from the raw JSON (events may carry
 * another API version than stripe-java's), defensively.
 *
 * <ul>
 *   <li>One-time purchases: {@code charge.succeeded} (of a payment carrying Tessera's checkout metadata) and
 *       {@code checkout.session.completed}/{@code async_payment_succeeded} (payment mode, paid) announce the same
 *       purchase: the receipt is keyed by the payment intent, so it is sent once. The charge brings Stripe's receipt
 *       link; a receipt created from the session waits {@code receipt-link-grace} for it.</li>
 *   <li>Subscriptions, first payment and every renewal: {@code invoice.paid} (of an invoice with a subscription
 *       parent), with the hosted invoice and PDF links. The charges of such invoices carry no checkout metadata and
 *       send nothing.</li>
 *   <li>{@code invoice.payment_failed}: one message per failed attempt, with the hosted invoice link.</li>
 *   <li>Refunds: keyed by the Stripe refund id, from {@code refund.created}/{@code refund.updated} and the refunds
 *       listed on {@code charge.refunded} (and risk-service's {@code refund.issued}); the buyer is found from the
 *       charge.</li>
 *   <li>{@code charge.dispute.created}: the seller's dispute message, keyed by the dispute id, as risk-service's
 *       {@code dispute.opened} is.</li>
 * </ul>
 */
@ApplicationScoped
public class StripeHandlers {

    private static final Logger LOG = Logger.getLogger(StripeHandlers.class);
    private static final Set<String> ISSUED_REFUND_STATUSES = Set.of("succeeded", "pending");

    private final Notifier notifier;
    private final Directory directory;
    private final ContactRepository contacts;
    private final NotificationConfig config;
    private final RefundNotices refunds;
    private final SellerNotices sellers;

    StripeHandlers(Notifier notifier, Directory directory, ContactRepository contacts, NotificationConfig config,
                   RefundNotices refunds, SellerNotices sellers) {
        this.notifier = notifier;
        this.directory = directory;
        this.contacts = contacts;
        this.config = config;
        this.refunds = refunds;
        this.sellers = sellers;
    }

    /** A Stripe event, as the handlers need it. */
    record Event(String id, String type, Instant created, String account, JsonNode object) {
    }

    public void handle(ConsumerRecord<String, String> record) {
        JsonNode json = EventJson.tree(record.value());
        String type = text(json, "type");
        String id = text(json, "id");
        JsonNode object = at(json, "data", "object");
        if (type == null || id == null || object == null) {
            throw new PoisonMessageException("not a Stripe event: no type, id or data.object");
        }
        Instant created = instant(json, "created");
        Event event = new Event(id, type, created == null ? Instant.now() : created, text(json, "account"), object);
        switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> sessionPaid(event);
            case "charge.succeeded" -> chargeSucceeded(event);
            case "charge.refunded" -> chargeRefunded(event);
            case "refund.created", "refund.updated" -> refund(event);
            case "invoice.paid" -> invoicePaid(event);
            case "invoice.payment_failed" -> invoicePaymentFailed(event);
            case "charge.dispute.created" -> disputeCreated(event);
            default -> LOG.tracef("ignoring %s %s", type, id);
        }
    }

    private void sessionPaid(Event event) {
        JsonNode session = event.object();
        JsonNode metadata = at(session, "metadata");
        String userId = text(metadata, StripeMetadata.USER_ID);
        String email = Json.firstText(at(session, "customer_details"), "email");
        if (email == null) {
            email = text(session, "customer_email");
        }
        String locale = text(session, "locale");
        directory.learnBuyer(userId, email, locale);
        if (!"payment".equals(text(session, "mode")) || !"paid".equals(text(session, "payment_status"))) {
            return;
        }
        String key = purchaseKey(id(session, "payment_intent"), text(session, "id"));
        if (notifier.exists(key, Template.RECEIPT)) {
            return;
        }
        Long total = number(session, "amount_total");
        String currency = text(session, "currency");
        if (total == null || currency == null) {
            LOG.warnf("checkout session %s has no amount_total/currency; no receipt from it", text(session, "id"));
            return;
        }
        String sellerId = text(metadata, StripeMetadata.SELLER_ID);
        Optional<Recipient> recipient = directory.buyer(email, userId, sellerId, locale, Template.RECEIPT, key);
        if (recipient.isEmpty()) {
            return;
        }
        Map<String, Object> data = new HashMap<>();
        data.put("itemName", directory.itemName(text(metadata, StripeMetadata.OFFERING_ID), null));
        data.put("sellerName", directory.sellerName(sellerId));
        data.put("amount", Money.of(total, currency));
        data.put("paidAt", event.created());
        data.put("reference", text(session, "id"));
        notifier.notify(new Notice(key, event.id(), event.type(), Template.RECEIPT, recipient.get(), data,
                Instant.now().plus(config.receiptLinkGrace())));
    }

    private void chargeSucceeded(Event event) {
        JsonNode charge = event.object();
        JsonNode metadata = at(charge, "metadata");
        String chargeId = text(charge, "id");
        String paymentIntentId = id(charge, "payment_intent");
        String userId = text(metadata, StripeMetadata.USER_ID);
        String sellerId = text(metadata, StripeMetadata.SELLER_ID);
        String offeringId = text(metadata, StripeMetadata.OFFERING_ID);
        String email = buyerEmail(charge);
        contacts.learnPayment(chargeId, paymentIntentId, Notifier.normaliseEmail(email).orElse(null), userId, sellerId,
                offeringId, text(charge, "description"), null);
        directory.learnBuyer(userId, email, null);
        if (offeringId == null && text(metadata, StripeMetadata.CHECKOUT_ID) == null) {
            // not a Tessera one-time purchase (a subscription invoice's charge: invoice.paid sends that receipt)
            return;
        }
        String key = purchaseKey(paymentIntentId, chargeId);
        String receiptUrl = text(charge, "receipt_url");
        if (notifier.exists(key, Template.RECEIPT)) {
            if (receiptUrl != null) {
                notifier.enrichPending(key, Template.RECEIPT, Map.of("receiptUrl", receiptUrl));
            }
            return;
        }
        Optional<Recipient> recipient = directory.buyer(email, userId, sellerId, null, Template.RECEIPT, key);
        if (recipient.isEmpty()) {
            return;
        }
        Map<String, Object> data = new HashMap<>();
        data.put("itemName", directory.itemName(offeringId, text(charge, "description")));
        data.put("sellerName", directory.sellerName(sellerId));
        data.put("amount", Money.of(requiredAmount(charge, "amount"), requiredCurrency(charge)));
        data.put("paidAt", instantOr(charge, "created", event.created()));
        data.put("receiptUrl", receiptUrl);
        data.put("reference", Optional.ofNullable(text(charge, "receipt_number")).orElse(chargeId));
        notifier.notify(new Notice(key, event.id(), event.type(), Template.RECEIPT, recipient.get(), data, null));
    }

    private void chargeRefunded(Event event) {
        JsonNode charge = event.object();
        JsonNode metadata = at(charge, "metadata");
        String chargeId = text(charge, "id");
        String paymentIntentId = id(charge, "payment_intent");
        String email = buyerEmail(charge);
        contacts.learnPayment(chargeId, paymentIntentId, Notifier.normaliseEmail(email).orElse(null),
                text(metadata, StripeMetadata.USER_ID), text(metadata, StripeMetadata.SELLER_ID),
                text(metadata, StripeMetadata.OFFERING_ID), text(charge, "description"), null);
        // Since API 2022-11-15 a charge in an event lists no refunds; when it does (older versions, expansion),
        // each is announced here. Otherwise refund.created announces it.
        JsonNode listed = at(charge, "refunds", "data");
        if (listed == null || !listed.isArray()) {
            return;
        }
        for (JsonNode refund : listed) {
            if (ISSUED_REFUND_STATUSES.contains(text(refund, "status"))) {
                refunds.issued(event.id(), event.type(), text(refund, "id"), chargeId, paymentIntentId,
                        amountOf(refund, "amount"), instantOr(refund, "created", event.created()));
            }
        }
    }

    private void refund(Event event) {
        JsonNode refund = event.object();
        if (!ISSUED_REFUND_STATUSES.contains(text(refund, "status"))) {
            return;
        }
        refunds.issued(event.id(), event.type(), text(refund, "id"), id(refund, "charge"), id(refund, "payment_intent"),
                amountOf(refund, "amount"), instantOr(refund, "created", event.created()));
    }

    private void invoicePaid(Event event) {
        JsonNode invoice = event.object();
        JsonNode subscriptionDetails = at(invoice, "parent", "subscription_details");
        String subscriptionId = Optional.ofNullable(id(subscriptionDetails, "subscription"))
                .orElse(id(invoice, "subscription"));
        JsonNode metadata = invoiceMetadata(invoice);
        String userId = text(metadata, StripeMetadata.USER_ID);
        String email = text(invoice, "customer_email");
        directory.learnBuyer(userId, email, null);
        Long paid = number(invoice, "amount_paid");
        if (subscriptionId == null || paid == null || paid <= 0) {
            // one-off invoices of a checkout are covered by the purchase's receipt; nothing paid, nothing to confirm
            return;
        }
        String key = "invoice:" + text(invoice, "id");
        String sellerId = text(metadata, StripeMetadata.SELLER_ID);
        Optional<Recipient> recipient = directory.buyer(email, userId, sellerId, null, Template.RECEIPT, key);
        if (recipient.isEmpty()) {
            return;
        }
        JsonNode line = firstLine(invoice);
        Map<String, Object> data = new HashMap<>();
        data.put("itemName", directory.itemName(text(metadata, StripeMetadata.OFFERING_ID), text(line, "description")));
        data.put("sellerName", directory.sellerName(sellerId));
        data.put("amount", Money.of(paid, requiredCurrency(invoice)));
        data.put("paidAt", instantOr(invoice, new String[] {"status_transitions", "paid_at"}, event.created()));
        data.put("invoiceUrl", text(invoice, "hosted_invoice_url"));
        data.put("invoicePdfUrl", text(invoice, "invoice_pdf"));
        data.put("renewal", "subscription_cycle".equals(text(invoice, "billing_reason")));
        data.put("periodEnd", instant(line, "period", "end"));
        data.put("reference", Optional.ofNullable(text(invoice, "number")).orElse(text(invoice, "id")));
        notifier.notify(new Notice(key, event.id(), event.type(), Template.RECEIPT, recipient.get(), data, null));
    }

    private void invoicePaymentFailed(Event event) {
        JsonNode invoice = event.object();
        Long due = number(invoice, "amount_due");
        if (due == null || due <= 0) {
            return;
        }
        JsonNode metadata = invoiceMetadata(invoice);
        String userId = text(metadata, StripeMetadata.USER_ID);
        String sellerId = text(metadata, StripeMetadata.SELLER_ID);
        Long attempt = number(invoice, "attempt_count");
        String key = "invoice:" + text(invoice, "id") + ":attempt:" + (attempt == null ? event.id() : attempt);
        Optional<Recipient> recipient = directory.buyer(text(invoice, "customer_email"), userId, sellerId, null,
                Template.PAYMENT_FAILED, key);
        if (recipient.isEmpty()) {
            return;
        }
        Map<String, Object> data = new HashMap<>();
        data.put("itemName", directory.itemName(text(metadata, StripeMetadata.OFFERING_ID),
                text(firstLine(invoice), "description")));
        data.put("sellerName", directory.sellerName(sellerId));
        data.put("amount", Money.of(due, requiredCurrency(invoice)));
        data.put("failedAt", event.created());
        data.put("invoiceUrl", text(invoice, "hosted_invoice_url"));
        data.put("nextAttemptAt", instant(invoice, "next_payment_attempt"));
        data.put("reference", Optional.ofNullable(text(invoice, "number")).orElse(text(invoice, "id")));
        notifier.notify(new Notice(key, event.id(), event.type(), Template.PAYMENT_FAILED, recipient.get(), data, null));
    }

    private void disputeCreated(Event event) {
        JsonNode dispute = event.object();
        sellers.disputeOpened(new SellerNotices.Dispute(event.id(), event.type(), text(dispute, "id"),
                id(dispute, "charge"), id(dispute, "payment_intent"), null, event.account(), amountOf(dispute, "amount"),
                text(dispute, "reason"), instant(dispute, "evidence_details", "due_by"), instant(dispute, "created")),
                false);
    }

    private static String purchaseKey(String paymentIntentId, String fallbackId) {
        return "payment:" + (paymentIntentId != null ? paymentIntentId : fallbackId);
    }

    private static String buyerEmail(JsonNode charge) {
        String email = text(charge, "receipt_email");
        return email != null ? email : text(charge, "billing_details", "email");
    }

    /** Tessera's metadata on an invoice: the subscription snapshot, else a line's, else the invoice's own. */
    private static JsonNode invoiceMetadata(JsonNode invoice) {
        JsonNode snapshot = at(invoice, "parent", "subscription_details", "metadata");
        if (snapshot != null && snapshot.size() > 0) {
            return snapshot;
        }
        JsonNode lineMetadata = at(firstLine(invoice), "metadata");
        if (lineMetadata != null && lineMetadata.size() > 0) {
            return lineMetadata;
        }
        return at(invoice, "metadata");
    }

    private static JsonNode firstLine(JsonNode invoice) {
        JsonNode lines = at(invoice, "lines", "data");
        return lines != null && lines.isArray() && lines.size() > 0 ? lines.get(0) : null;
    }

    private static Money amountOf(JsonNode object, String field) {
        return Money.of(requiredAmount(object, field), requiredCurrency(object));
    }

    private static long requiredAmount(JsonNode object, String field) {
        Long amount = number(object, field);
        if (amount == null) {
            throw new PoisonMessageException(text(object, "object") + " " + text(object, "id") + " has no " + field);
        }
        return amount;
    }

    private static String requiredCurrency(JsonNode object) {
        String currency = text(object, "currency");
        if (currency == null) {
            throw new PoisonMessageException(text(object, "object") + " " + text(object, "id") + " has no currency");
        }
        return currency;
    }

    private static Instant instantOr(JsonNode object, String field, Instant fallback) {
        Instant value = instant(object, field);
        return value != null ? value : fallback;
    }

    private static Instant instantOr(JsonNode object, String[] path, Instant fallback) {
        Instant value = instant(object, path);
        return value != null ? value : fallback;
    }
}
