package dev.tessera.events;

/** Kafka record headers on every Stripe topic record. */
public final class StripeHeaders {

    public static final String EVENT_ID = "stripe-event-id";
    public static final String EVENT_TYPE = "stripe-event-type";
    /** Present only for events of a connected account. */
    public static final String ACCOUNT = "stripe-account";
    public static final String LIVEMODE = "stripe-livemode";
    /** ISO-8601 instant at which ingest first committed the event. */
    public static final String RECEIVED_AT = "received-at";

    private StripeHeaders() {
    }
}
