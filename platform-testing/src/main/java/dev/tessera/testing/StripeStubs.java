package dev.tessera.testing;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Stripe's HTTP API replaced at the boundary: a WireMock server on a free port of 127.0.0.1. Point the
 * service's {@code STRIPE_API_BASE} (or {@code Stripe.overrideApiBase}) at {@link #baseUrl()}.
 *
 * <p>{@link #stubEvents} serves {@code GET /v1/events} as paged Stripe list objects; anything else is
 * stubbed on {@link #server()} with the WireMock API.
 *
 * <pre>
 * try (StripeStubs stripe = StripeStubs.start()) {
 *     stripe.stubEvents(List.of(newestEventJson, olderEventJson));
 *     stripe.server().stubFor(post("/v1/refunds").willReturn(okJson(refundJson)));
 *     ...
 * }
 * </pre>
 */
public final class StripeStubs implements AutoCloseable {

    public static final String STRIPE_ACCOUNT_HEADER = "Stripe-Account";
    public static final String EVENTS_PATH = "/v1/events";

    // A connected account's stub must win over the platform stub, which matches any request.
    private static final int ACCOUNT_PRIORITY = 1;
    private static final int PLATFORM_PRIORITY = 5;

    private final WireMockServer server;

    private StripeStubs(WireMockServer server) {
        this.server = server;
    }

    /** Starts a server on a free port. */
    public static StripeStubs start() {
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(new StripeEventsPage()));
        server.start();
        return new StripeStubs(server);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        // Not server.baseUrl(), which says "localhost": that may resolve to ::1, where nothing listens.
        return "http://127.0.0.1:" + server.port();
    }

    /** The WireMock server, for other stubs and for {@code verify}. */
    public WireMockServer server() {
        return server;
    }

    /**
     * Serves {@code events} (Stripe event JSON, newest first, as Stripe lists them) from
     * {@code GET /v1/events}, honouring {@code limit}, {@code starting_after}, {@code ending_before},
     * {@code type}, {@code types[]} and {@code created} filters, for requests with or without a
     * {@code Stripe-Account} header unless an account-specific stub matches.
     *
     * @throws IllegalArgumentException if an event is not JSON with an {@code id}
     */
    public StubMapping stubEvents(List<String> events) {
        StripeEventsPage.validate(events);
        return server.stubFor(get(urlPathEqualTo(EVENTS_PATH))
                .atPriority(PLATFORM_PRIORITY)
                .willReturn(eventsPage(events)));
    }

    /**
     * Like {@link #stubEvents(List)}, but served only to requests made on behalf of the connected account
     * {@code stripeAccount} (header {@code Stripe-Account: acct_...}), as a refetch of Connect events must be.
     */
    public StubMapping stubEvents(String stripeAccount, List<String> events) {
        StripeEventsPage.validate(events);
        return server.stubFor(get(urlPathEqualTo(EVENTS_PATH))
                .atPriority(ACCOUNT_PRIORITY)
                .withHeader(STRIPE_ACCOUNT_HEADER, equalTo(stripeAccount))
                .willReturn(eventsPage(events)));
    }

    /** Removes all stubs and forgets all requests. */
    public void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static ResponseDefinitionBuilder eventsPage(List<String> events) {
        return aResponse()
                .withTransformers(StripeEventsPage.NAME)
                .withTransformerParameter(StripeEventsPage.EVENTS_PARAMETER, List.copyOf(events));
    }
}
