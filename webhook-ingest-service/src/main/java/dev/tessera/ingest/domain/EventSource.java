package dev.tessera.ingest.domain;

/** How an event reached the store: pushed by Stripe, or pulled from Stripe's Events API by a backfill. */
public enum EventSource {
    WEBHOOK("webhook"),
    BACKFILL("backfill");

    private final String dbValue;

    EventSource(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }
}
