package dev.tessera.e2e.harness;

import dev.tessera.e2e.harness.Actors.Seller;
import dev.tessera.e2e.harness.Storefront.Group;
import dev.tessera.e2e.harness.Storefront.Offering;
import dev.tessera.events.StripeMetadata;

/** A new seller with one group, selling through a storefront. Amounts are euro cents. */
public record Shop(Storefront store, Seller seller, Group group) {

    public static final String CURRENCY = "eur";

    public static Shop open(Storefront store) {
        Seller seller = Actors.seller();
        return new Shop(store, seller, store.group(seller));
    }

    /** A monthly membership tier of the group. */
    public Offering tier(long amountMinor) {
        return store.offering(seller, group, StripeMetadata.KIND_MEMBERSHIP_TIER, amountMinor, CURRENCY, null);
    }

    public Offering course(long amountMinor) {
        return store.offering(seller, null, StripeMetadata.KIND_COURSE, amountMinor, CURRENCY, null);
    }

    public Offering event(long amountMinor, int seats) {
        return store.offering(seller, null, StripeMetadata.KIND_EVENT_TICKET, amountMinor, CURRENCY, seats);
    }

    public String groupResource() {
        return "group:" + group.groupId();
    }

    public static String tierResource(Offering tier) {
        return "tier:" + tier.offeringId();
    }
}
