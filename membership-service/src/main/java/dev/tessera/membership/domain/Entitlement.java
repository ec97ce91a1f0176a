package dev.tessera.membership.domain;

import java.time.Instant;

/** A grant of access to one resource, held by a user or (until claimed) a guest e-mail. */
public record Entitlement(
        String id,
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
        String checkoutId,
        String paymentIntentId,
        String status,
        Instant validUntil,
        Instant grantedAt,
        Instant revokedAt,
        String revokeReason) {

    public static final String SOURCE_MEMBERSHIP = "membership";
    public static final String SOURCE_PURCHASE = "purchase";
    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
