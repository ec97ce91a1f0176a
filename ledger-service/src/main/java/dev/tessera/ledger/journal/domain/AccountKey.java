package dev.tessera.ledger.journal.domain;

import java.util.Locale;
import java.util.Objects;

/** Identifies an account: its type, its owner ({@code ""} for the platform) and its currency (ISO 4217, upper case). */
public record AccountKey(AccountType type, String ownerId, String currency) implements Comparable<AccountKey> {

    public AccountKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(currency, "currency");
        currency = currency.toUpperCase(Locale.ROOT);
        ownerId = ownerId == null ? "" : ownerId;
        if (type.owner() == AccountType.Owner.PLATFORM && !ownerId.isEmpty()) {
            throw new IllegalArgumentException(type.dbValue() + " is a platform account and has no owner");
        }
        if (type.owner() != AccountType.Owner.PLATFORM && ownerId.isBlank()) {
            throw new IllegalArgumentException(type.dbValue() + " needs an owner");
        }
    }

    public static AccountKey platform(AccountType type, String currency) {
        return new AccountKey(type, "", currency);
    }

    public static AccountKey of(AccountType type, String ownerId, String currency) {
        return new AccountKey(type, ownerId, currency);
    }

    /** {@code type[:owner]:CUR}, e.g. {@code seller_payable_pending:sel_42:EUR}. */
    public String code() {
        return ownerId.isEmpty() ? type.dbValue() + ":" + currency : type.dbValue() + ":" + ownerId + ":" + currency;
    }

    @Override
    public int compareTo(AccountKey other) {
        int byType = type.dbValue().compareTo(other.type.dbValue());
        if (byType != 0) {
            return byType;
        }
        int byOwner = ownerId.compareTo(other.ownerId);
        return byOwner != 0 ? byOwner : currency.compareTo(other.currency);
    }

    @Override
    public String toString() {
        return code();
    }
}
