package dev.tessera.notification.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed delivery is tried again: after {@code initial}, doubling after each failure up to {@code max};
 * after {@code maxAttempts} tries it is dead.
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
        }
    }

    /** What follows failed try number {@code attempts} (1 for the first). */
    public Outcome afterFailure(int attempts, Instant now) {
        if (attempts >= maxAttempts) {
            return new Outcome(DeliveryStatus.DEAD, null);
        }
        return new Outcome(DeliveryStatus.FAILED, now.plus(backoff(attempts)));
    }

    /** The pause after failed try number {@code attempts}: initial * 2^(attempts-1), capped at max. */
    public Duration backoff(int attempts) {
        Duration backoff = initial;
        for (int i = 1; i < attempts && backoff.compareTo(max) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(max) > 0 ? max : backoff;
    }

    /** The status after a failure, and when to try next (null when dead). */
    public record Outcome(DeliveryStatus status, Instant nextAttemptAt) {
    }
}
