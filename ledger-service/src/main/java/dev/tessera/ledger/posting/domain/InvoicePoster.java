package dev.tessera.ledger.posting.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.ledger.stripe.StripeLedgerApi;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Posts the charges of a paid invoice (subscriptions: membership tiers and platform plans). Since API
 * 2025-03, an invoice names no charge or payment intent: its payments are {@code invoice_payment} objects,
 * each naming a payment intent whose latest charge carries the money. The charge of a subscription has no
 * Tessera metadata of its own; the invoice's snapshot of the subscription's metadata attributes it.
 */
@ApplicationScoped
public class InvoicePoster {

    private final StripeLedgerApi stripe;
    private final ChargePoster chargePoster;
    private final MeterRegistry registry;

    InvoicePoster(StripeLedgerApi stripe, ChargePoster chargePoster, MeterRegistry registry) {
        this.stripe = stripe;
        this.chargePoster = chargePoster;
        this.registry = registry;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void post(JsonNode invoice, String account, String causationId) {
        if (StripeJson.optionalLong(invoice, "amount_paid").orElse(0L) <= 0) {
            return;
        }
        Optional<Attribution> attribution = attributionOf(invoice);
        if (attribution.isEmpty()) {
            registry.counter("tessera.ledger.invoices.unattributed").increment();
            return;
        }
        String invoiceId = StripeJson.requireText(invoice, "id");
        for (JsonNode payment : stripe.invoicePayments(invoiceId, account)) {
            if (!"paid".equals(StripeJson.text(payment, "status").orElse(""))) {
                continue;
            }
            JsonNode reference = payment.path("payment");
            String type = StripeJson.text(reference, "type").orElse("");
            JsonNode charge = switch (type) {
                case "payment_intent" -> StripeJson.id(reference, "payment_intent")
                        .map(pi -> stripe.paymentIntent(pi, account))
                        .flatMap(pi -> latestCharge(pi, account))
                        .orElse(null);
                case "charge" -> StripeJson.id(reference, "charge").map(id -> stripe.charge(id, account)).orElse(null);
                default -> null;
            };
            if (charge != null) {
                chargePoster.post(charge, attribution.get(), account, causationId);
            }
        }
    }

    private Optional<JsonNode> latestCharge(JsonNode paymentIntent, String account) {
        JsonNode latest = paymentIntent.get("latest_charge");
        if (latest != null && latest.isObject()) {
            return Optional.of(latest);
        }
        return StripeJson.text(paymentIntent, "latest_charge").map(id -> stripe.charge(id, account));
    }

    /** The Tessera metadata of a subscription invoice: the subscription snapshot, else the invoice's own. */
    public static Optional<Attribution> attributionOf(JsonNode invoice) {
        String email = StripeJson.text(invoice, "customer_email").orElse(null);
        JsonNode subscriptionDetails = invoice.path("parent").path("subscription_details");
        return Attribution.fromMetadata(subscriptionDetails, email).filter(Attribution::complete)
                .or(() -> Attribution.fromMetadata(invoice, email).filter(Attribution::complete));
    }
}
