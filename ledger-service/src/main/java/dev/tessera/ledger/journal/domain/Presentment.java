package dev.tessera.ledger.journal.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the buyer was charged, when it differs from the settlement currency of the entries, and Stripe's
 * exchange rate from presentment to settlement ({@code null} when Stripe gave none).
 */
public record Presentment(long amount, String currency, BigDecimal exchangeRate) {

    public Presentment {
        Objects.requireNonNull(currency, "currency");
        currency = currency.toUpperCase(java.util.Locale.ROOT);
    }
}
