package dev.tessera.events.risk;

/**
 * {@code refund.issued} v1: money went back to the buyer. {@code amount} is this refund in minor units
 * of {@code currency} (ISO 4217, lower case as Stripe writes it); {@code full} is true when the charge is
 * now refunded entirely, which revokes what the payment bought.
 */
public record RefundIssued(
        String refundId,
        String chargeId,
        String paymentIntentId,
        long amount,
        String currency,
        boolean full,
        String stripeAccount) {
}
