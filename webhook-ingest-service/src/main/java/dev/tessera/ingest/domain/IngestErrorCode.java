package dev.tessera.ingest.domain;

import dev.tessera.runtime.error.ErrorCode;

public enum IngestErrorCode implements ErrorCode {
    SIGNATURE_MISSING(400, "ingest.signature_missing", "Stripe-Signature header missing"),
    SIGNATURE_MALFORMED(400, "ingest.signature_malformed", "Stripe-Signature header malformed"),
    SIGNATURE_MISMATCH(400, "ingest.signature_mismatch", "No signature matches the payload"),
    TIMESTAMP_OUTSIDE_TOLERANCE(400, "ingest.timestamp_outside_tolerance", "Signature timestamp outside the tolerance"),
    MALFORMED_EVENT(400, "ingest.malformed_event", "Payload is not a Stripe event"),
    PAYLOAD_TOO_LARGE(413, "ingest.payload_too_large", "Payload too large"),
    OVERLOADED(503, "ingest.overloaded", "Too many webhooks waiting to be stored"),
    SHUTTING_DOWN(503, "ingest.shutting_down", "The service is shutting down"),
    ENDPOINT_NOT_CONFIGURED(503, "ingest.endpoint_not_configured", "Webhook endpoint has no signing secret"),
    EVENT_NOT_FOUND(404, "ingest.event_not_found", "Stored event not found"),
    INVALID_QUERY(400, "ingest.invalid_query", "Invalid query"),
    STRIPE_UNAVAILABLE(502, "ingest.stripe_unavailable", "Stripe could not be reached");

    private final Spec spec;

    IngestErrorCode(int httpStatus, String code, String title) {
        this.spec = new Spec(httpStatus, code, title);
    }

    @Override
    public Spec spec() {
        return spec;
    }

    /** The metric tag of a rejection. */
    public String reason() {
        return code().substring(code().indexOf('.') + 1);
    }
}
