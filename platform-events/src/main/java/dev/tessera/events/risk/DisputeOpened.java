package dev.tessera.events.risk;

import java.time.Instant;

/**
 * {@code dispute.opened} v1 on {@code risk.events} (subject: the dispute id): a buyer's bank disputed a payment.
 * The seller must answer with evidence before {@code evidenceDueBy} (Stripe's {@code evidence_details.due_by}), or
 * the dispute is lost.
 *
 * <p>{@code disputeId} is Stripe's dispute id ({@code dp_...}), as in {@link DisputeClosed}. {@code amount} is the
 * disputed amount in minor units of {@code currency} (ISO 4217, lower case as Stripe writes it). {@code reason} and
 * {@code status} are Stripe's (e.g. {@code fraudulent}, {@code needs_response}; an inquiry is
 * {@code warning_needs_response}). {@code sellerId} is the seller whose sale is disputed (from the payment's
 * {@code tessera_seller_id}); {@code stripeAccount} is set for a dispute on a connected account.
 * {@code openedAt} is the dispute's {@code created}.
 */
public record DisputeOpened(
        String disputeId,
        String chargeId,
        String paymentIntentId,
        String sellerId,
        String stripeAccount,
        long amount,
        String currency,
        String reason,
        String status,
        Instant evidenceDueBy,
        Instant openedAt) {

    public static final String TYPE = "dispute.opened";
    public static final int VERSION = 1;
}
