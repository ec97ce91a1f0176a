package dev.tessera.ledger.journal.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ReversalRequest(@NotBlank @Size(max = 500) String reason) {
}
