package dev.tessera.events.membership;

import java.time.Instant;

/**
 * Payload of {@code entitlement.granted} and {@code entitlement.revoked}, version 1.
 *
 * <p>{@code kind} is {@code tier}, {@code event_ticket}, {@code course}, {@code service} or {@code stream};
 * {@code resource} is what an access check names ({@code tier:<offeringId>}, {@code event:<offeringId>},
 * {@code course:<offeringId>}, {@code service:<offeringId>}, {@code stream:<offeringId>}), and tier grants
 * also open {@code groupResource} ({@code group:<groupId>}). The holder is {@code userId}, or {@code email}
 * for a guest. {@code sourceType} is {@code membership} (source id: membership id) or {@code purchase}
 * (source id: checkout session id). {@code validUntil} is set while access is only kept through a grace
 * period. {@code reason} says why it was revoked.
 */
public record EntitlementChanged(
        String entitlementId,
        String kind,
        String resource,
        String groupResource,
        String sellerId,
        String groupId,
        String offeringId,
        String userId,
        String email,
        String sourceType,
        String sourceId,
        Instant validUntil,
        String reason) {
}
