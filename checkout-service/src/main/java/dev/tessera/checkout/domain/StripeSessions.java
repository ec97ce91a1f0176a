package dev.tessera.checkout.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** Stripe Checkout Sessions. See {@link StripeCallException} for failures. */
public interface StripeSessions {

    boolean configured();

    /** Everything a session is created from; all of it is derived from the stored checkout, so a retry is identical. */
    record SessionSpec(String checkoutId, boolean subscription, String stripePriceId, long quantity,
                       String successUrl, String cancelUrl, String customerEmail, Map<String, String> metadata,
                       String promotionCodeId, Instant expiresAt) {
    }

    record CreatedSession(String id, String url, Instant expiresAt) {
    }

    CreatedSession create(SessionSpec spec);

    /** The session as Stripe serves it now, as raw JSON (like an event's {@code data.object}). */
    JsonNode retrieve(String sessionId);

    /** Expires an open session, so it can no longer be paid. */
    void expire(String sessionId);
}
