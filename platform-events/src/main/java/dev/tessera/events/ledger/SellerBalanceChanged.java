package dev.tessera.events.ledger;

import java.time.Instant;

/**
 * Payload of {@code seller.balance.changed}, version 1 (subject: the seller id): a seller's balances in one
 * currency after journal transaction {@code transactionId}. Amounts are minor units of {@code currency}
 * (ISO 4217, upper case) owed to the seller (negative when the seller owes the platform):
 * {@code pending} is earned but not yet available at Stripe, {@code available} may be transferred now, and
 * {@code paidOut} is everything transferred so far. {@code version} grows with every change of this seller
 * and currency: a consumer applies an event only if its version is newer than the one it holds, which makes
 * duplicates and reordering harmless. Payouts are computed from {@code available}.
 */
public record SellerBalanceChanged(
        String sellerId,
        String currency,
        long pending,
        long available,
        long paidOut,
        long version,
        long transactionId,
        Instant changedAt) {
}
