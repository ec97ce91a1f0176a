package dev.tessera.notification.domain;

/**
 * Whom a message goes to: an e-mail address, and the user id when known (so {@code GET /me/notifications} finds it
 * and preferences apply). {@code sellerId} is the seller the message is about (or for); {@code localeHint} the
 * language Stripe or a contact record suggests, used unless the person chose one.
 */
public record Recipient(String email, String userId, String sellerId, String localeHint) {
}
