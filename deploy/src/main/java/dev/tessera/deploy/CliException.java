package dev.tessera.deploy;

/** A failure the user can fix, reported as one clear message without a stack trace. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
