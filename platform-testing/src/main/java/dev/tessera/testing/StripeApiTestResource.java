package dev.tessera.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stripe's HTTP API stubbed for a {@code @QuarkusTest} application: a {@link StripeStubs} WireMock server on a free
 * port of 127.0.0.1, started with the application and stopped with it. The application's
 * {@code tessera.stripe.api-base} points at it ({@code http://127.0.0.1:<port>}) and {@code tessera.stripe.api-key}
 * is a test key; tests stub and verify Stripe calls on {@link #server()} (or {@link #stubs()}).
 *
 * <pre>
 * &#64;QuarkusTestResource(value = StripeApiTestResource.class, initArgs = {
 *         &#64;ResourceArg(name = StripeApiTestResource.API_KEY, value = "sk_test_ledger"),
 *         &#64;ResourceArg(name = StripeApiTestResource.MAX_NETWORK_RETRIES, value = "0")})
 * public final class LedgerTestResources { }
 *
 * StripeApiTestResource.server().stubFor(get(urlPathEqualTo("/v1/charges/ch_1")).willReturn(okJson(chargeJson)));
 * </pre>
 *
 * <p>A module with needs of its own (default stubs, a test profile without a key) extends this class and adds to
 * {@link #start()}.
 */
public class StripeApiTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: the value of {@code tessera.stripe.api-key}; {@value #DEFAULT_API_KEY} if not given. */
    public static final String API_KEY = "api-key";
    /** Init arg: the value of {@code tessera.stripe.max-network-retries}; the application's own if not given. */
    public static final String MAX_NETWORK_RETRIES = "max-network-retries";
    public static final String DEFAULT_API_KEY = "sk_test_tessera";

    public static final String API_BASE_PROPERTY = "tessera.stripe.api-base";
    public static final String API_KEY_PROPERTY = "tessera.stripe.api-key";
    public static final String MAX_NETWORK_RETRIES_PROPERTY = "tessera.stripe.max-network-retries";

    // One per application: @QuarkusTest loads this class anew for every application (see JvmWide), and the
    // application's tests are loaded next to it, so they see the server of their own application.
    private static volatile StripeStubs current;

    private String apiKey = DEFAULT_API_KEY;
    private String maxNetworkRetries;
    private StripeStubs started;

    /**
     * The stubs of the running application.
     *
     * @throws IllegalStateException if no application with this resource is running
     */
    public static StripeStubs stubs() {
        StripeStubs stubs = current;
        if (stubs == null) {
            throw new IllegalStateException("No Stripe API stub is running; declare @QuarkusTestResource("
                    + StripeApiTestResource.class.getSimpleName() + ".class) on a class of the test module");
        }
        return stubs;
    }

    /** The WireMock server of {@link #stubs()}, for stubs and {@code verify}. */
    public static WireMockServer server() {
        return stubs().server();
    }

    @Override
    public void init(Map<String, String> initArgs) {
        String key = initArgs.get(API_KEY);
        if (key != null) {
            apiKey = key;
        }
        String retries = initArgs.get(MAX_NETWORK_RETRIES);
        if (retries != null) {
            maxNetworkRetries = retries.trim();
        }
    }

    @Override
    public Map<String, String> start() {
        started = StripeStubs.start();
        current = started;
        Map<String, String> config = new LinkedHashMap<>();
        config.put(API_BASE_PROPERTY, started.baseUrl());
        config.put(API_KEY_PROPERTY, apiKey);
        if (maxNetworkRetries != null) {
            config.put(MAX_NETWORK_RETRIES_PROPERTY, maxNetworkRetries);
        }
        return config;
    }

    @Override
    public void stop() {
        if (started != null) {
            started.close();
            if (current == started) {
                current = null;
            }
            started = null;
        }
    }
}
