package dev.tessera.runtime.messaging;

/**
 * A message that can never be handled as it is (unparseable, violates its contract). It goes to the
 * dead-letter topic at once instead of being retried.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
