package dev.tessera.events.risk;

/**
 * {@code dispute.closed} v1: a dispute reached its outcome, {@code won} or {@code lost}. A lost dispute
 * revokes what the payment bought. {@code amount} is the disputed amount in minor units of {@code currency}.
 */
public record DisputeClosed(
        String disputeId,
        String chargeId,
        String paymentIntentId,
        String outcome,
        long amount,
        String currency,
        String stripeAccount) {

    public static final String WON = "won";
    public static final String LOST = "lost";

    public boolean lost() {
        return LOST.equals(outcome);
    }
}
