package dev.tessera.ledger.journal.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A manual journal transaction (an adjustment finance makes by hand). {@code idempotencyKey} makes a retry
 * harmless: the same key posts once. Amounts are minor units, positive for a debit, negative for a credit.
 */
public record ManualPostingRequest(
        @NotBlank @Size(max = 200) String idempotencyKey,
        @Size(max = 500) String description,
        Instant occurredAt,
        @Size(max = 100) String sellerId,
        @NotNull @Size(min = 2, max = 100) List<@Valid @NotNull EntryRequest> entries) {

    public record EntryRequest(
            @NotBlank String accountType,
            @Size(max = 100) String ownerId,
            @NotBlank @Pattern(regexp = "[A-Za-z]{3}", message = "must be a three-letter ISO 4217 code") String currency,
            long amount) {
    }
}
