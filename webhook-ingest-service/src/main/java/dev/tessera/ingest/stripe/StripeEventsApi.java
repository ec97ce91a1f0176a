package dev.tessera.ingest.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource;
import com.stripe.net.RawRequestOptions;
import com.stripe.net.StripeResponse;
import dev.tessera.events.EventJson;
import dev.tessera.ingest.domain.IngestErrorCode;
import dev.tessera.runtime.error.ProblemException;
import dev.tessera.runtime.stripe.StripeClients;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe's Events API, read raw: the events are kept as JSON exactly as Stripe serves them (typed
 * deserialization would drop fields of API versions stripe-java does not know).
 */
@ApplicationScoped
public class StripeEventsApi {

    static final int PAGE_SIZE = 100;

    private final StripeClients clients;

    StripeEventsApi(StripeClients clients) {
        this.clients = clients;
    }

    /** One page of events created at or after {@code since}, newest first, after {@code startingAfter}. */
    public EventPage page(Instant since, String account, String startingAfter) {
        StringBuilder query = new StringBuilder("limit=").append(PAGE_SIZE)
                .append("&").append(encode("created[gte]")).append("=").append(since.getEpochSecond());
        if (startingAfter != null) {
            query.append("&starting_after=").append(encode(startingAfter));
        }
        RawRequestOptions.RawRequestOptionsBuilder options = RawRequestOptions.builder();
        if (account != null) {
            options.setStripeAccount(account);
        }
        StripeResponse response;
        try {
            response = clients.require().rawRequest(ApiResource.RequestMethod.GET, "/v1/events?" + query, null,
                    options.build());
        } catch (StripeException e) {
            String reason = e.getStripeError() == null ? e.getMessage() : e.getStripeError().getMessage();
            throw new ProblemException(IngestErrorCode.STRIPE_UNAVAILABLE, "listing Stripe events failed: " + reason);
        }
        JsonNode list = EventJson.tree(response.body());
        List<String> events = new ArrayList<>();
        for (JsonNode event : list.path("data")) {
            // Events listed for a connected account may omit `account`; consumers route on it.
            if (account != null && event instanceof ObjectNode object && !object.hasNonNull("account")) {
                object.put("account", account);
            }
            events.add(EventJson.write(event));
        }
        return new EventPage(events, list.path("has_more").asBoolean(false));
    }

    public record EventPage(List<String> events, boolean hasMore) {
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
