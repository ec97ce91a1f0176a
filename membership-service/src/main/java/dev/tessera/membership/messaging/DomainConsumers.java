package dev.tessera.membership.messaging;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.checkout.GuestClaimed;
import dev.tessera.events.risk.DisputeClosed;
import dev.tessera.events.risk.RefundIssued;
import dev.tessera.events.risk.RiskEventTypes;
import dev.tessera.membership.domain.GuestClaims;
import dev.tessera.membership.domain.Revocations;
import dev.tessera.runtime.messaging.MessageProcessor;
import dev.tessera.runtime.messaging.PoisonMessageException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumers of other services' domain events: guest claims (checkout.events), refunds and disputes (risk.events). */
@ApplicationScoped
public class DomainConsumers {

    private final MessageProcessor processor;
    private final GuestClaims claims;
    private final Revocations revocations;

    DomainConsumers(MessageProcessor processor, GuestClaims claims, Revocations revocations) {
        this.processor = processor;
        this.claims = claims;
        this.revocations = revocations;
    }

    @Incoming("checkout-events")
    @Blocking(ordered = true)
    public void onCheckoutEvents(ConsumerRecord<String, String> record) {
        processor.process("membership.checkout-events", record, this::checkoutEvent);
    }

    @Incoming("risk-events")
    @Blocking(ordered = true)
    public void onRiskEvents(ConsumerRecord<String, String> record) {
        processor.process("membership.risk-events", record, this::riskEvent);
    }

    void checkoutEvent(ConsumerRecord<String, String> record) {
        DomainEvent event = read(record);
        if (GuestClaimed.TYPE.equals(event.type())) {
            claims.claim(event.dataAs(GuestClaimed.class), event.id().toString());
        }
    }

    void riskEvent(ConsumerRecord<String, String> record) {
        DomainEvent event = read(record);
        String id = event.id().toString();
        // Stripe time has one-second resolution; so do the facts a revocation is ordered among
        java.time.Instant at = event.occurredAt().truncatedTo(ChronoUnit.SECONDS);
        if (RiskEventTypes.REFUND_ISSUED.equals(event.type())) {
            RefundIssued refund = event.dataAs(RefundIssued.class);
            if (refund.full()) {
                revocations.revokePayment(refund.paymentIntentId(), refund.chargeId(), refund.stripeAccount(), "refunded",
                        at, id);
            }
        } else if (RiskEventTypes.DISPUTE_CLOSED.equals(event.type())) {
            DisputeClosed dispute = event.dataAs(DisputeClosed.class);
            if (dispute.lost()) {
                revocations.revokePayment(dispute.paymentIntentId(), dispute.chargeId(), dispute.stripeAccount(),
                        "dispute_lost", at, id);
            }
        }
    }

    private static DomainEvent read(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.value().isBlank()) {
            throw new PoisonMessageException("empty domain event");
        }
        try {
            return DomainEvent.fromJson(record.value());
        } catch (java.io.UncheckedIOException e) {
            throw new PoisonMessageException("not a domain event: " + e.getCause().getMessage(), e);
        }
    }
}
