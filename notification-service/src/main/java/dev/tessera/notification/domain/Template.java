package dev.tessera.notification.domain;

import java.util.Locale;

/**
 * Every message the service sends. Each has Qute templates {@code templates/<id>.<locale>.txt} (whose first
 * line is {@code Subject: ...}) and {@code templates/<id>.<locale>.html}, at least in the default locale.
 *
 * <p>Transactional messages (about money the recipient paid, owes or is owed, and access they bought) are always
 * sent; the others honour a person's opt-out of non-transactional messages.
 */
public enum Template {
    RECEIPT(Audience.BUYER, true),
    PAYMENT_FAILED(Audience.BUYER, true),
    REFUND_ISSUED(Audience.BUYER, true),
    GUEST_CLAIM(Audience.BUYER, true),
    MEMBERSHIP_ACTIVATED(Audience.BUYER, false),
    MEMBERSHIP_CANCELLED(Audience.BUYER, false),
    MEMBERSHIP_EXPIRING(Audience.BUYER, false),
    PAYOUT_PAID(Audience.SELLER, false),
    PAYOUT_FAILED(Audience.SELLER, true),
    DISPUTE_OPENED(Audience.SELLER, true);

    private final Audience audience;
    private final boolean transactional;

    Template(Audience audience, boolean transactional) {
        this.audience = audience;
        this.transactional = transactional;
    }

    public Audience audience() {
        return audience;
    }

    public boolean transactional() {
        return transactional;
    }

    /** The template file name stem and the value stored in the delivery log: {@code payment_failed}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Template fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
