package dev.tessera.membership.domain;

import java.time.Instant;

/** A paid one-time purchase (ticket, course, service, stream) from a completed Checkout Session. */
public record Purchase(
        String sessionId,
        String checkoutId,
        String sellerId,
        String groupId,
        String offeringId,
        String offeringKind,
        String userId,
        String email,
        String paymentIntentId,
        Instant paidAt) {
}
