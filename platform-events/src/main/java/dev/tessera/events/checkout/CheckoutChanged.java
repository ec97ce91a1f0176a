package dev.tessera.events.checkout;

import java.time.Instant;

/**
 * Payload of the checkout lifecycle events (see {@link CheckoutEventTypes}), version 1; subject: the checkout id.
 *
 * <p>{@code status} is the checkout's state after the change: {@code open}, {@code awaiting_payment},
 * {@code completed}, {@code payment_failed}, {@code expired}, {@code cancelled} or {@code failed}. {@code mode} is
 * {@code payment} or {@code subscription}. {@code offeringKind} is one of the {@code StripeMetadata.KIND_*} values;
 * for a platform plan {@code sellerId} is the seller that buys the plan. The buyer is {@code userId}, or only
 * {@code email} for a guest ({@code guest} true). Amounts are minor units of {@code currency}: {@code unitAmountMinor}
 * times {@code quantity} is the list price, {@code amountTotalMinor} and {@code amountDiscountMinor} are what Stripe
 * reported on completion (null before). Stripe ids are null until known. {@code replacesSubscriptionId} names the
 * subscription a tier switch replaces. {@code causedAt} is when the change happened at Stripe (the causing event's
 * {@code created}), or at Tessera for changes Tessera made itself.
 */
public record CheckoutChanged(
        String checkoutId,
        String status,
        String previousStatus,
        String mode,
        String sellerId,
        String offeringId,
        String offeringKind,
        String groupId,
        String priceId,
        int quantity,
        long unitAmountMinor,
        String currency,
        Long amountTotalMinor,
        Long amountDiscountMinor,
        String userId,
        String email,
        boolean guest,
        String sessionId,
        String customerId,
        String subscriptionId,
        String paymentIntentId,
        String replacesSubscriptionId,
        String couponId,
        String promotionCodeId,
        String plan,
        Integer commissionBasisPoints,
        Instant expiresAt,
        Instant causedAt) {
}
