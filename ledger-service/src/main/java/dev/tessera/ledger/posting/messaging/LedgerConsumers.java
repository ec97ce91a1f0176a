package dev.tessera.ledger.posting.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeHeaders;
import dev.tessera.events.membership.MembershipEventTypes;
import dev.tessera.ledger.posting.domain.ChargePoster;
import dev.tessera.ledger.posting.domain.DisputePoster;
import dev.tessera.ledger.posting.domain.InvoicePoster;
import dev.tessera.ledger.posting.domain.PayoutPoster;
import dev.tessera.ledger.posting.domain.RefundPoster;
import dev.tessera.ledger.posting.domain.SellerPlans;
import dev.tessera.ledger.posting.domain.StripeJson;
import dev.tessera.ledger.posting.domain.TransferPoster;
import dev.tessera.ledger.stripe.StripeLedgerApi;
import dev.tessera.runtime.messaging.MessageProcessor;
import dev.tessera.runtime.messaging.PoisonMessageException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The ledger's consumers. Each record is handled by the platform's {@link MessageProcessor}: in a new
 * transaction with an inbox check, retried with backoff, dead-lettered when it keeps failing. On top of the
 * inbox, every posting is idempotent by its (source id, kind) key, so the same money reaching the ledger
 * through two events (a charge event and its invoice's {@code invoice.paid}) or a replay posts once.
 */
@ApplicationScoped
public class LedgerConsumers {

    private final MessageProcessor processor;
    private final ChargePoster charges;
    private final RefundPoster refunds;
    private final DisputePoster disputes;
    private final InvoicePoster invoices;
    private final TransferPoster transfers;
    private final PayoutPoster payouts;
    private final SellerPlans plans;
    private final MeterRegistry registry;

    LedgerConsumers(MessageProcessor processor, ChargePoster charges, RefundPoster refunds, DisputePoster disputes,
                    InvoicePoster invoices, TransferPoster transfers, PayoutPoster payouts, SellerPlans plans,
                    MeterRegistry registry) {
        this.processor = processor;
        this.charges = charges;
        this.refunds = refunds;
        this.disputes = disputes;
        this.invoices = invoices;
        this.transfers = transfers;
        this.payouts = payouts;
        this.plans = plans;
        this.registry = registry;
    }

    @Incoming("stripe-payments")
    @Blocking(ordered = true)
    public void onPayments(ConsumerRecord<String, String> record) {
        processor.process("ledger.stripe-payments", record, this::applyStripe);
    }

    @Incoming("stripe-billing")
    @Blocking(ordered = true)
    public void onBilling(ConsumerRecord<String, String> record) {
        processor.process("ledger.stripe-billing", record, this::applyStripe);
    }

    @Incoming("stripe-disputes")
    @Blocking(ordered = true)
    public void onDisputes(ConsumerRecord<String, String> record) {
        processor.process("ledger.stripe-disputes", record, this::applyStripe);
    }

    @Incoming("stripe-connect")
    @Blocking(ordered = true)
    public void onConnect(ConsumerRecord<String, String> record) {
        processor.process("ledger.stripe-connect", record, this::applyStripe);
    }

    @Incoming("membership-events")
    @Blocking(ordered = true)
    public void onMembership(ConsumerRecord<String, String> record) {
        processor.process("ledger.membership-events", record, this::applyMembership);
    }

    void applyStripe(ConsumerRecord<String, String> record) {
        try {
            applyStripeEvent(record);
        } catch (StripeLedgerApi.StripeCallException e) {
            // an object Stripe does not know will not appear by asking again: straight to the dead letters
            throw e.notFound() ? new PoisonMessageException(e.getMessage(), e) : e;
        }
    }

    private void applyStripeEvent(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new PoisonMessageException("empty Stripe record");
        }
        JsonNode event = EventJson.tree(record.value());
        String type = StripeJson.text(event, "type").orElseThrow(() -> new PoisonMessageException("no event type"));
        String eventId = StripeJson.text(event, "id").orElseThrow(() -> new PoisonMessageException("no event id"));
        JsonNode object = event.path("data").path("object");
        if (!object.isObject()) {
            throw new PoisonMessageException("event " + eventId + " has no data.object");
        }
        String account = StripeJson.text(event, "account")
                .orElseGet(() -> MessageProcessor.header(record, StripeHeaders.ACCOUNT));
        Instant created = StripeJson.optionalLong(event, "created").map(Instant::ofEpochSecond).orElseGet(Instant::now);
        boolean connected = account != null && !account.isBlank();
        boolean handled = true;
        switch (type) {
            case "charge.succeeded", "charge.captured", "charge.updated" -> handled = !connected
                    && charges.post(object, null, null, eventId).isPresent();
            case "charge.refunded" -> {
                handled = !connected;
                if (handled) {
                    for (JsonNode refund : object.path("refunds").path("data")) {
                        refunds.post(refund, null, eventId);
                    }
                }
            }
            case "refund.created", "refund.updated", "charge.refund.updated" -> {
                handled = !connected;
                if (handled) {
                    refunds.post(object, null, eventId);
                }
            }
            case "invoice.paid" -> {
                handled = !connected;
                if (handled) {
                    invoices.post(object, null, eventId);
                }
            }
            case "transfer.created", "transfer.updated", "transfer.reversed" -> {
                handled = !connected;
                if (handled) {
                    transfers.process(object, eventId);
                }
            }
            case "payout.created", "payout.updated", "payout.paid", "payout.failed", "payout.canceled" ->
                    handled = payouts.process(object, account, eventId);
            default -> {
                if (type.startsWith("charge.dispute.")) {
                    handled = !connected;
                    if (handled) {
                        disputes.process(object, null, eventId, created);
                    }
                } else {
                    handled = false;
                }
            }
        }
        registry.counter("tessera.ledger.stripe_events", "type", type, "outcome", handled ? "applied" : "ignored")
                .increment();
    }

    void applyMembership(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new PoisonMessageException("empty domain event record");
        }
        DomainEvent event = DomainEvent.fromJson(record.value());
        if (MembershipEventTypes.SELLER_PLAN_CHANGED.equals(event.type())) {
            plans.apply(event);
        }
    }
}
