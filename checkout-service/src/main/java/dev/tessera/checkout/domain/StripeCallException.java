package dev.tessera.checkout.domain;

/**
 * A Stripe call that did not succeed. {@link #rejected()} means Stripe answered and refused the request (a 4xx
 * other than rate limiting): repeating it unchanged will fail again. Otherwise the outcome is unknown (network,
 * timeout, 5xx, 429) and the call may be repeated with the same idempotency key.
 */
public class StripeCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean rejected;

    public StripeCallException(String message, boolean rejected, Throwable cause) {
        super(message, cause);
        this.rejected = rejected;
    }

    public boolean rejected() {
        return rejected;
    }
}
