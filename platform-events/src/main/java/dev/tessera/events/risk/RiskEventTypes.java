package dev.tessera.events.risk;

/** Event types on {@code risk.events}; the subject is the refund or dispute id. */
public final class RiskEventTypes {

    public static final String REFUND_ISSUED = "refund.issued";
    public static final String DISPUTE_CLOSED = "dispute.closed";

    private RiskEventTypes() {
    }
}
