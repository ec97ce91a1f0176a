package dev.tessera.checkout.domain;

import dev.tessera.checkout.persistence.OfferingRepository;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.events.checkout.CheckoutChanged;
import dev.tessera.events.checkout.CheckoutEventTypes;
import dev.tessera.events.checkout.GuestClaimIssued;
import dev.tessera.events.checkout.GuestClaimed;
import dev.tessera.runtime.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;

/** Publishes checkout.events through the outbox, in the caller's transaction. Subject: the checkout id. */
@ApplicationScoped
public class CheckoutEvents {

    private static final Map<String, String> TYPE_BY_STATUS = Map.of(
            CheckoutStatus.OPEN, CheckoutEventTypes.OPENED,
            CheckoutStatus.AWAITING_PAYMENT, CheckoutEventTypes.AWAITING_PAYMENT,
            CheckoutStatus.COMPLETED, CheckoutEventTypes.COMPLETED,
            CheckoutStatus.PAYMENT_FAILED, CheckoutEventTypes.PAYMENT_FAILED,
            CheckoutStatus.EXPIRED, CheckoutEventTypes.EXPIRED,
            CheckoutStatus.CANCELLED, CheckoutEventTypes.CANCELLED,
            CheckoutStatus.FAILED, CheckoutEventTypes.FAILED);

    private final Outbox outbox;
    private final OfferingRepository offerings;
    private final MeterRegistry registry;

    CheckoutEvents(Outbox outbox, OfferingRepository offerings, MeterRegistry registry) {
        this.outbox = outbox;
        this.offerings = offerings;
        this.registry = registry;
    }

    /** Announces that the checkout reached its current status. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Checkout checkout, String previousStatus, String causationId, Instant causedAt) {
        String type = TYPE_BY_STATUS.get(checkout.status());
        if (type == null) {
            return;
        }
        Offering offering = offerings.findById(checkout.offeringId());
        CheckoutChanged data = new CheckoutChanged(checkout.id(), checkout.status(), previousStatus, checkout.mode(),
                checkout.sellerId(), checkout.offeringId(), checkout.offeringKind(), checkout.groupId(),
                checkout.priceId(), checkout.quantity(), checkout.unitAmountMinor(), checkout.currency(),
                checkout.amountTotalMinor(), checkout.amountDiscountMinor(), checkout.userId(), checkout.email(),
                checkout.guest(), checkout.stripeSessionId(), checkout.stripeCustomerId(), checkout.subscriptionId(),
                checkout.paymentIntentId(), checkout.replacesSubscriptionId(), checkout.couponId(),
                checkout.promotionCodeId(), offering == null ? null : offering.planCode(),
                offering == null ? null : offering.commissionBasisPoints(), checkout.expiresAt(), causedAt);
        outbox.publish(Topics.CHECKOUT_EVENTS, DomainEvent.of(type, CheckoutEventTypes.VERSION, CatalogEvents.SOURCE,
                checkout.id(), causationId, data));
        registry.counter("tessera.checkout.transitions", "status", checkout.status(), "kind", checkout.offeringKind())
                .increment();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void claimIssued(Checkout checkout, Offering offering, String token, String claimUrl, Instant expiresAt,
                            String causationId) {
        outbox.publish(Topics.CHECKOUT_EVENTS, DomainEvent.of(GuestClaimIssued.TYPE, GuestClaimIssued.VERSION,
                CatalogEvents.SOURCE, checkout.id(), causationId,
                new GuestClaimIssued(checkout.id(), checkout.email(), token, claimUrl, expiresAt, checkout.sellerId(),
                        checkout.offeringId(), checkout.offeringKind(), offering == null ? null : offering.name(),
                        checkout.groupId(), checkout.stripeSessionId())));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void claimed(Checkout checkout, String userId, String email) {
        // the token is spent and stays out of the event: nobody downstream needs the secret
        outbox.publish(Topics.CHECKOUT_EVENTS, DomainEvent.of(GuestClaimed.TYPE, GuestClaimed.VERSION,
                CatalogEvents.SOURCE, checkout.id(), null,
                new GuestClaimed(checkout.id(), null, userId, email, checkout.stripeSessionId(),
                        checkout.subscriptionId(), checkout.paymentIntentId())));
    }
}
