package dev.tessera.runtime.stripe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How a service reaches Stripe. The key comes only from the environment ({@code STRIPE_API_KEY});
 * {@code STRIPE_API_BASE} points at the emulator or a stub instead of Stripe.
 */
@ConfigMapping(prefix = "tessera.stripe")
public interface StripeSettings {

    Optional<String> apiKey();

    @WithDefault("https://api.stripe.com")
    String apiBase();

    @WithDefault("PT10S")
    Duration connectTimeout();

    @WithDefault("PT30S")
    Duration readTimeout();

    /** stripe-java retries network failures itself, reusing the request's idempotency key. */
    @WithDefault("2")
    int maxNetworkRetries();
}
