package dev.tessera.ingest.domain;

/** The two doors: the platform account's events, and events of connected accounts. */
public enum WebhookEndpoint {
    PLATFORM("platform"),
    CONNECT("connect");

    private final String dbValue;

    WebhookEndpoint(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static WebhookEndpoint fromDb(String value) {
        return PLATFORM.dbValue.equals(value) ? PLATFORM : CONNECT;
    }
}
