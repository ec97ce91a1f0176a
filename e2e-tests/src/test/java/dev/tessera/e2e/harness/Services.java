package dev.tessera.e2e.harness;

/** The processes of the suite, by Maven module name (deploy's {@code ServiceCatalog} names). */
public final class Services {

    public static final String EMULATOR = "stripe-emulator";
    public static final String INGEST = "webhook-ingest-service";
    public static final String CHECKOUT = "checkout-service";
    public static final String MEMBERSHIP = "membership-service";
    public static final String LEDGER = "ledger-service";
    public static final String PAYOUT = "payout-service";
    public static final String RISK = "risk-service";
    public static final String NOTIFICATION = "notification-service";

    private Services() {
    }
}
