package dev.tessera.runtime.error;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A stable, documented reason for an error response. Services declare an enum implementing this interface; every
 * constant carries its HTTP status, a machine-readable code that clients may branch on (for example
 * {@code checkout.capacity_exhausted}) and a short human title.
 *
 * <p>Codes are part of the public API: once published they are never renamed or reused for a different meaning.
 * {@link ErrorCodes#verify(Class)} checks an enum against the rules below in a unit test.
 */
public interface ErrorCode {

    /** Where problem types live; the code is appended to form the RFC 9457 {@code type} URI. */
    String TYPE_BASE = "https://tessera.dev/problems/";

    /** Lower-case words joined by {@code _}, optionally namespaced with dots: {@code ingest.signature_mismatch}. */
    Pattern CODE_PATTERN = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    /**
     * What a code is: its HTTP status, stable code and title. An error-code enum stores one per constant and
     * returns it, instead of repeating three fields and three getters in every service.
     */
    record Spec(int httpStatus, String code, String title) {
    }

    Spec spec();

    /** The HTTP status of the response, 400-599. */
    default int httpStatus() {
        return spec().httpStatus();
    }

    /** The stable machine-readable code. */
    default String code() {
        return spec().code();
    }

    /** A short, human-readable summary that does not change from occurrence to occurrence. */
    default String title() {
        return spec().title();
    }

    /** The RFC 9457 problem type URI of this code. */
    default URI type() {
        return URI.create(TYPE_BASE + code());
    }
}
