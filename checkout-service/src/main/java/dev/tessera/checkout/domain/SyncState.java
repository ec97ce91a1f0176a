package dev.tessera.checkout.domain;

/** Whether a catalog record's Stripe objects match it. */
public final class SyncState {

    public static final String PENDING = "pending";
    public static final String SYNCED = "synced";
    public static final String FAILED = "failed";

    private SyncState() {
    }
}
