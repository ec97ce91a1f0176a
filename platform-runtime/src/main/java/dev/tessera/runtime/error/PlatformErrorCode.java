package dev.tessera.runtime.error;

import java.util.Optional;

/**
 * The generic error codes every service shares. Codes are deliberately not namespaced, so a client can tell a
 * platform-level failure ({@code not_found}) from a service's business rule ({@code checkout.capacity_exhausted}).
 */
public enum PlatformErrorCode implements ErrorCode {
    BAD_REQUEST(400, "bad_request", "Bad request"),
    VALIDATION_FAILED(400, "validation_failed", "Request validation failed"),
    MALFORMED_JSON(400, "malformed_json", "Malformed JSON"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not_found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not_acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict"),
    PRECONDITION_FAILED(412, "precondition_failed", "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Unsupported media type"),
    UNPROCESSABLE(422, "unprocessable", "Unprocessable request"),
    TOO_MANY_REQUESTS(429, "too_many_requests", "Too many requests"),
    INTERNAL(500, "internal", "Internal error"),
    BAD_GATEWAY(502, "bad_gateway", "Upstream service failed"),
    SERVICE_UNAVAILABLE(503, "service_unavailable", "Service unavailable");

    private final Spec spec;

    PlatformErrorCode(int httpStatus, String code, String title) {
        this.spec = new Spec(httpStatus, code, title);
    }

    @Override
    public Spec spec() {
        return spec;
    }

    /** The generic platform code for an HTTP status, if there is one. */
    static Optional<PlatformErrorCode> forStatus(int status) {
        for (PlatformErrorCode candidate : values()) {
            // BAD_REQUEST is declared before the more specific 400s, so it is the one a bare 400 maps to.
            if (candidate.httpStatus() == status) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
