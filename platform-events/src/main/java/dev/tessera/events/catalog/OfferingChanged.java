package dev.tessera.events.catalog;

import java.time.Instant;
import java.util.List;

/**
 * Payload of the {@code catalog.offering.*} events, version 1; subject: the offering id.
 *
 * <p>{@code kind} is one of the {@code StripeMetadata.KIND_*} values; {@code status} is {@code draft}, {@code active}
 * or {@code archived}. {@code sellerId} is null for a platform plan (sold by the platform to sellers). The current
 * price is {@code price}; {@code interval} is {@code month} or {@code year} for a recurring price, null for a one-time
 * price. Kind-specific fields are null where they do not apply: {@code groupId}, {@code accessLevel},
 * {@code benefits} (membership tiers), {@code capacity} (tiers: members; event tickets: seats; null is unlimited),
 * {@code startsAt} (event tickets), {@code credits} (credit packs), {@code plan} and {@code commissionBasisPoints}
 * (platform plans: the commission the platform takes from a seller on that plan, from configuration).
 */
public record OfferingChanged(
        String offeringId,
        String sellerId,
        String groupId,
        String kind,
        String name,
        String description,
        String status,
        Price price,
        Integer capacity,
        String accessLevel,
        List<String> benefits,
        Instant startsAt,
        Integer credits,
        String plan,
        Integer commissionBasisPoints,
        String stripeProductId,
        Instant updatedAt) {

    /** One price of an offering. Stripe prices are immutable, so a price change is a new price with a new id. */
    public record Price(
            String priceId,
            long amountMinor,
            String currency,
            String interval,
            String stripePriceId,
            Instant createdAt) {
    }
}
