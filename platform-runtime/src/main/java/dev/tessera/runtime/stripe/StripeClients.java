package dev.tessera.runtime.stripe;

import com.stripe.StripeClient;
import dev.tessera.runtime.error.PlatformErrorCode;
import dev.tessera.runtime.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The one place a {@link StripeClient} is built. Without a key the service keeps doing everything
 * that does not need Stripe, and what does answers 503 with a clear problem instead of failing to start.
 */
@ApplicationScoped
public class StripeClients {

    private final Optional<StripeClient> client;

    StripeClients(StripeSettings settings) {
        this.client = settings.apiKey().filter(key -> !key.isBlank()).map(key -> StripeClient.builder()
                .setApiKey(key)
                .setApiBase(settings.apiBase())
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setReadTimeout((int) settings.readTimeout().toMillis())
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .build());
    }

    public boolean configured() {
        return client.isPresent();
    }

    /** The client, or a 503 problem when no Stripe key is configured. */
    public StripeClient require() {
        return client.orElseThrow(() -> new ProblemException(PlatformErrorCode.SERVICE_UNAVAILABLE,
                "Stripe is not configured on this service (STRIPE_API_KEY is not set)"));
    }
}
