package dev.tessera.events.checkout;

/**
 * {@code checkout.guest_claimed} v1 on {@code checkout.events} (subject: the checkout id): a guest's
 * purchase now belongs to a signed-in user. Whatever was granted to {@code email} for this checkout moves
 * to {@code userId}. {@code subscriptionId} and {@code paymentIntentId} are the Stripe objects the
 * checkout created, when known; {@code claimToken} is the token the guest redeemed (optional).
 */
public record GuestClaimed(
        String checkoutId,
        String claimToken,
        String userId,
        String email,
        String sessionId,
        String subscriptionId,
        String paymentIntentId) {

    public static final String TYPE = "checkout.guest_claimed";
    public static final int VERSION = 1;
}
