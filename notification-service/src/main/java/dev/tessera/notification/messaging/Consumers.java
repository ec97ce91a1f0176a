package dev.tessera.notification.messaging;

import dev.tessera.runtime.messaging.MessageProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The service's Kafka consumers. Each record is handled by {@link MessageProcessor}: inbox dedupe and the
 * handler's deliveries in one transaction, retries, and dead letters for poison.
 */
@ApplicationScoped
public class Consumers {

    private final MessageProcessor processor;
    private final StripeHandlers stripe;
    private final DomainHandlers domain;

    Consumers(MessageProcessor processor, StripeHandlers stripe, DomainHandlers domain) {
        this.processor = processor;
        this.stripe = stripe;
        this.domain = domain;
    }

    @Incoming("stripe-checkout")
    @Blocking(ordered = true)
    public void onStripeCheckout(ConsumerRecord<String, String> record) {
        processor.process("notification.stripe-checkout", record, stripe::handle);
    }

    @Incoming("stripe-billing")
    @Blocking(ordered = true)
    public void onStripeBilling(ConsumerRecord<String, String> record) {
        processor.process("notification.stripe-billing", record, stripe::handle);
    }

    @Incoming("stripe-payments")
    @Blocking(ordered = true)
    public void onStripePayments(ConsumerRecord<String, String> record) {
        processor.process("notification.stripe-payments", record, stripe::handle);
    }

    @Incoming("stripe-disputes")
    @Blocking(ordered = true)
    public void onStripeDisputes(ConsumerRecord<String, String> record) {
        processor.process("notification.stripe-disputes", record, stripe::handle);
    }

    @Incoming("catalog-events")
    @Blocking(ordered = true)
    public void onCatalogEvents(ConsumerRecord<String, String> record) {
        processor.process("notification.catalog-events", record, domain::handle);
    }

    @Incoming("checkout-events")
    @Blocking(ordered = true)
    public void onCheckoutEvents(ConsumerRecord<String, String> record) {
        processor.process("notification.checkout-events", record, domain::handle);
    }

    @Incoming("membership-events")
    @Blocking(ordered = true)
    public void onMembershipEvents(ConsumerRecord<String, String> record) {
        processor.process("notification.membership-events", record, domain::handle);
    }

    @Incoming("payout-events")
    @Blocking(ordered = true)
    public void onPayoutEvents(ConsumerRecord<String, String> record) {
        processor.process("notification.payout-events", record, domain::handle);
    }

    @Incoming("risk-events")
    @Blocking(ordered = true)
    public void onRiskEvents(ConsumerRecord<String, String> record) {
        processor.process("notification.risk-events", record, domain::handle);
    }
}
