package dev.tessera.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import dev.tessera.testing.StripeApiTestResource;
import dev.tessera.testing.StripeStubs;
import dev.tessera.testing.TesseraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resources of every checkout test, declared once so all test classes share one application start: real
 * PostgreSQL and Kafka, and Stripe's API stubbed at HTTP with WireMock. The default stubs answer like Stripe with
 * fresh ids; a test overrides one with a stub of higher priority (a lower number) and removes it afterwards.
 */
@QuarkusTestResource(value = TesseraTestResource.class, initArgs = @ResourceArg(name = "database", value = "checkout"))
@QuarkusTestResource(value = CheckoutTestResources.StripeApi.class, initArgs = {
        @ResourceArg(name = StripeApiTestResource.API_KEY, value = "sk_test_checkout"),
        @ResourceArg(name = StripeApiTestResource.MAX_NETWORK_RETRIES, value = "0")})
public final class CheckoutTestResources {

    public static final int DEFAULT_PRIORITY = 10;

    private CheckoutTestResources() {
    }

    /** The platform's Stripe API stub, with checkout's default stubs and a test profile without a key. */
    public static final class StripeApi extends StripeApiTestResource {

        private boolean withoutKey;

        @Override
        public void setContext(Context context) {
            // a test profile can ask for a service without a Stripe key (resource values beat profile overrides)
            withoutKey = context.testProfile() != null && context.testProfile().contains("WithoutStripe");
        }

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new LinkedHashMap<>(super.start());
            installDefaults(stubs());
            if (withoutKey) {
                config.put(API_KEY_PROPERTY, "");
                config.remove(MAX_NETWORK_RETRIES_PROPERTY);
            }
            return config;
        }

        /** Stripe-like answers with fresh ids for every object checkout-service creates. */
        public static void installDefaults(StripeStubs stubs) {
            var server = stubs.server();
            server.stubFor(post(urlPathEqualTo("/v1/products")).atPriority(DEFAULT_PRIORITY)
                    .willReturn(json("{\"id\":\"prod_{{randomValue length=14 type='ALPHANUMERIC'}}\",\"object\":\"product\",\"active\":true}")));
            server.stubFor(post(urlPathMatching("/v1/products/[^/]+")).atPriority(DEFAULT_PRIORITY)
                    .willReturn(json("{\"id\":\"{{request.pathSegments.[2]}}\",\"object\":\"product\"}")));
            server.stubFor(post(urlPathEqualTo("/v1/prices")).atPriority(DEFAULT_PRIORITY)
                    .willReturn(json("{\"id\":\"price_{{randomValue length=14 type='ALPHANUMERIC'}}\",\"object\":\"price\",\"active\":true}")));
            server.stubFor(post(urlPathMatching("/v1/prices/[^/]+")).atPriority(DEFAULT_PRIORITY)
                    .willReturn(json("{\"id\":\"{{request.pathSegments.[2]}}\",\"object\":\"price\",\"active\":false}")));
            server.stubFor(post(urlPathEqualTo("/v1/coupons")).atPriority(DEFAULT_PRIORITY)
                    .willReturn(json("{\"id\":\"{{randomValue length=8 type='ALPHANUMERIC'}}\",\"object\":\"coupon\"}")));
            server.stubFor(post(urlPathEqualTo("/v1/promotion_codes")).atPriority(DEFAULT_PRIORITY)
                    .willReturn(json("{\"id\":\"promo_{{randomValue length=14 type='ALPHANUMERIC'}}\",\"object\":\"promotion_code\"}")));
            server.stubFor(post(urlPathMatching("/v1/promotion_codes/[^/]+")).atPriority(DEFAULT_PRIORITY)
                    .willReturn(json("{\"id\":\"{{request.pathSegments.[2]}}\",\"object\":\"promotion_code\"}")));
            server.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(DEFAULT_PRIORITY)
                    .willReturn(json("{{formData request.body 'form' urlDecode=true}}"
                            + "{\"id\":\"cs_test_{{form.client_reference_id}}\",\"object\":\"checkout.session\","
                            + "\"status\":\"open\",\"payment_status\":\"unpaid\","
                            + "\"url\":\"https://checkout.stripe.com/c/pay/cs_test_{{form.client_reference_id}}\","
                            + "\"expires_at\":{{form.expires_at}} }")));
            server.stubFor(post(urlPathMatching("/v1/checkout/sessions/[^/]+/expire")).atPriority(DEFAULT_PRIORITY)
                    .willReturn(json("{\"id\":\"{{request.pathSegments.[3]}}\",\"object\":\"checkout.session\",\"status\":\"expired\"}")));
        }

        private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", "req_test").withBody(body).withTransformers("response-template");
        }
    }
}
