package dev.tessera.ledger.journal.domain;

import java.util.Objects;

/** One line of a journal transaction: {@code amount} minor units, positive for a debit, negative for a credit. */
public record Entry(AccountKey account, long amount) {

    public Entry {
        Objects.requireNonNull(account, "account");
        if (amount == 0) {
            throw new IllegalArgumentException("an entry's amount must not be zero");
        }
    }

    public String currency() {
        return account.currency();
    }

    public Entry negated() {
        return new Entry(account, Math.negateExact(amount));
    }
}
