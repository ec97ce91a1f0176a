package dev.tessera.membership.domain;

/** What a membership fact came from. */
public enum FactKind {
    /** A {@code customer.subscription.*} event: Stripe's snapshot of the subscription. */
    SUBSCRIPTION,
    /** {@code checkout.session.completed} / {@code async_payment_*} of the session that created the subscription. */
    CHECKOUT,
    /** {@code invoice.paid}. */
    INVOICE_PAID,
    /** {@code invoice.payment_failed}. */
    INVOICE_FAILED,
    /** A full refund or a lost dispute of one of the membership's payments. */
    REVOKE,
    /** Replaced by another membership of the same holder and group (a tier switch). */
    SUPERSEDED,
    /** The subscription as Stripe returned it to us (a refetch where events tie, or the answer to our own update). */
    SNAPSHOT,
    /**
     * The grace period of a past-due membership ran out (recorded once per past-due episode by the grace job,
     * at the time it ran out). Changes no status: the membership stays past due (Stripe may still collect),
     * but it is suspended: no access, legacy status {@code suspended}, {@code membership.suspended}.
     */
    GRACE_ENDED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static FactKind fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
