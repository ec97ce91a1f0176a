package dev.tessera.events;

import java.util.Objects;

/** Where one Stripe event goes: its topic, and the key that orders the story it belongs to. */
public record StripeRoute(String topic, String key) {

    public StripeRoute {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
    }
}
