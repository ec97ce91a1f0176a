package dev.tessera.checkout.domain;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.Topics;
import dev.tessera.events.catalog.CatalogEventTypes;
import dev.tessera.events.catalog.CouponChanged;
import dev.tessera.events.catalog.GroupChanged;
import dev.tessera.events.catalog.OfferingChanged;
import dev.tessera.runtime.outbox.Outbox;
import dev.tessera.checkout.persistence.PriceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Publishes catalog.events through the outbox, in the caller's transaction. */
@ApplicationScoped
public class CatalogEvents {

    static final String SOURCE = "checkout-service";

    private final Outbox outbox;
    private final PriceRepository prices;

    CatalogEvents(Outbox outbox, PriceRepository prices) {
        this.outbox = outbox;
        this.prices = prices;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void group(String type, CatalogGroup group) {
        outbox.publish(Topics.CATALOG_EVENTS, DomainEvent.of(type, CatalogEventTypes.VERSION, SOURCE, group.id(), null,
                new GroupChanged(group.id(), group.sellerId(), group.name(), group.description(), group.status(),
                        group.updatedAt())));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void offering(String type, Offering offering) {
        outbox.publish(Topics.CATALOG_EVENTS, DomainEvent.of(type, CatalogEventTypes.VERSION, SOURCE, offering.id(),
                null, payload(offering)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void coupon(String type, Coupon coupon) {
        outbox.publish(Topics.CATALOG_EVENTS, DomainEvent.of(type, CatalogEventTypes.VERSION, SOURCE, coupon.id(), null,
                new CouponChanged(coupon.id(), coupon.sellerId(), coupon.code(), coupon.name(),
                        coupon.percentOffBasisPoints(), coupon.amountOffMinor(), coupon.currency(), coupon.duration(),
                        coupon.durationInMonths(), coupon.redeemFrom(), coupon.redeemUntil(), coupon.maxRedemptions(),
                        coupon.offeringIds(), coupon.status(), coupon.stripeCouponId(), coupon.stripePromotionCodeId(),
                        coupon.updatedAt())));
    }

    OfferingChanged payload(Offering offering) {
        OfferingChanged.Price price = null;
        if (offering.currentPriceId() != null) {
            OfferingPrice current = prices.findById(offering.currentPriceId());
            if (current != null) {
                price = new OfferingChanged.Price(current.id(), current.amountMinor(), current.currency(),
                        current.interval(), current.stripePriceId(), current.createdAt());
            }
        }
        boolean tier = offering.kindEnum() == OfferingKind.MEMBERSHIP_TIER;
        return new OfferingChanged(offering.id(), offering.sellerId(), offering.groupId(), offering.kind(),
                offering.name(), offering.description(), offering.status(), price, offering.capacity(),
                offering.accessLevel(), tier ? offering.benefits() : null, offering.startsAt(), offering.credits(),
                offering.planCode(), offering.commissionBasisPoints(), offering.stripeProductId(),
                offering.updatedAt());
    }
}
