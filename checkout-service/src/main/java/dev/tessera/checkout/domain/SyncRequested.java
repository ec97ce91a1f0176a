package dev.tessera.checkout.domain;

/** A catalog record changed and its Stripe objects should follow; observed after the transaction commits. */
public record SyncRequested(Kind kind, String id) {

    public enum Kind {
        OFFERING, COUPON
    }

    public static SyncRequested offering(String id) {
        return new SyncRequested(Kind.OFFERING, id);
    }

    public static SyncRequested coupon(String id) {
        return new SyncRequested(Kind.COUPON, id);
    }
}
