package dev.tessera.events.payout;

import java.util.List;

/**
 * Event types on {@code payout.events} (source {@code payout-service}), all version 1, all carrying
 * {@link PayoutChanged}; subject: the payout id.
 *
 * <ul>
 *   <li>{@link #PAID}: the money arrived (Stripe {@code payout.paid} on the seller's connected account);</li>
 *   <li>{@link #FAILED}: the payout failed and the money went back to the seller's Stripe balance
 *       ({@code failureCode}/{@code failureMessage} say why, e.g. a closed bank account).</li>
 * </ul>
 * The notification service e-mails the seller on both.
 */
public final class PayoutEventTypes {

    public static final String PAID = "payout.paid";
    public static final String FAILED = "payout.failed";

    public static final List<String> ALL = List.of(PAID, FAILED);

    public static final int VERSION = 1;

    private PayoutEventTypes() {
    }
}
