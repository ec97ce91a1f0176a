package dev.tessera.events;

import java.util.List;

/** Kafka topic names. Stripe topics carry Stripe's own event JSON; domain topics carry {@link DomainEvent}s. */
public final class Topics {

    public static final String STRIPE_CHECKOUT = "stripe.checkout";
    public static final String STRIPE_BILLING = "stripe.billing";
    public static final String STRIPE_PAYMENTS = "stripe.payments";
    public static final String STRIPE_DISPUTES = "stripe.disputes";
    public static final String STRIPE_CONNECT = "stripe.connect";
    public static final String STRIPE_OTHER = "stripe.other";

    public static final String CATALOG_EVENTS = "catalog.events";
    public static final String CHECKOUT_EVENTS = "checkout.events";
    public static final String MEMBERSHIP_EVENTS = "membership.events";
    public static final String LEDGER_EVENTS = "ledger.events";
    public static final String PAYOUT_EVENTS = "payout.events";
    public static final String RISK_EVENTS = "risk.events";

    public static final List<String> STRIPE_TOPICS = List.of(
            STRIPE_CHECKOUT, STRIPE_BILLING, STRIPE_PAYMENTS, STRIPE_DISPUTES, STRIPE_CONNECT, STRIPE_OTHER);

    public static final List<String> DOMAIN_TOPICS = List.of(
            CATALOG_EVENTS, CHECKOUT_EVENTS, MEMBERSHIP_EVENTS, LEDGER_EVENTS, PAYOUT_EVENTS, RISK_EVENTS);

    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of a topic: messages that kept failing, with their error, ready to be redriven. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    public static boolean isStripeTopic(String topic) {
        return STRIPE_TOPICS.contains(topic);
    }
}
