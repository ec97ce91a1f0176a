package dev.tessera.events.payout;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Payload of {@code payout.paid} and {@code payout.failed} v1 on {@code payout.events} (subject: the payout id).
 *
 * <p>{@code payoutId} is payout-service's id; {@code stripePayoutId} ({@code po_...}) the Stripe payout on the
 * seller's connected account {@code stripeAccount}. {@code amount} is in minor units of {@code currency} (ISO 4217,
 * lower case as Stripe writes it). {@code status} is Stripe's status after the change ({@code paid} or
 * {@code failed}). {@code arrivalDate} is the date the bank is expected to (or did) credit the money.
 * {@code failureCode} and {@code failureMessage} are Stripe's, set only for a failed payout.
 * {@code destinationLast4} is the last digits of the bank account or card, when known, so a message can say where
 * the money went. {@code effectiveAt} is when the change happened at Stripe (the causing event's {@code created}).
 */
public record PayoutChanged(
        String payoutId,
        String sellerId,
        String stripeAccount,
        String stripePayoutId,
        long amount,
        String currency,
        String status,
        LocalDate arrivalDate,
        String failureCode,
        String failureMessage,
        String destinationLast4,
        Instant effectiveAt) {

    public static final String PAID = "paid";
    public static final String FAILED = "failed";

    public boolean failed() {
        return FAILED.equals(status);
    }
}
