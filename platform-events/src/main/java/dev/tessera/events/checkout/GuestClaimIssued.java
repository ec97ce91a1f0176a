package dev.tessera.events.checkout;

import java.time.Instant;

/**
 * {@code checkout.guest_claim_issued} v1 on {@code checkout.events} (subject: the checkout id): a guest completed a
 * purchase, and whoever holds {@code claimToken} can attach it to their account until {@code expiresAt} by signing in
 * and calling {@code POST /claims/{token}} on checkout-service; {@code claimUrl} is the link to e-mail to
 * {@code email}. The token is a secret: only the notification service should read it, and only to send that e-mail.
 */
public record GuestClaimIssued(
        String checkoutId,
        String email,
        String claimToken,
        String claimUrl,
        Instant expiresAt,
        String sellerId,
        String offeringId,
        String offeringKind,
        String offeringName,
        String groupId,
        String sessionId) {

    public static final String TYPE = CheckoutEventTypes.GUEST_CLAIM_ISSUED;
    public static final int VERSION = 1;
}
