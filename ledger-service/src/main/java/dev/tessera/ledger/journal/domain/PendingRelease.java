package dev.tessera.ledger.journal.domain;

import java.time.Instant;
import java.util.Objects;

/** A seller's share a posting credited to pending, to be released to available at {@code availableOn}. */
public record PendingRelease(String sellerId, String currency, long amount, Instant availableOn) {

    public PendingRelease {
        Objects.requireNonNull(sellerId, "sellerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(availableOn, "availableOn");
    }
}
