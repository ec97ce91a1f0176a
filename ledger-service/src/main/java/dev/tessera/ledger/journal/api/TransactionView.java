package dev.tessera.ledger.journal.api;

import dev.tessera.ledger.journal.persistence.JournalQueries;
import dev.tessera.runtime.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * A journal transaction as the API shows it. Entry amounts are minor units of the entry's currency, positive
 * for a debit and negative for a credit; {@code decimal} is the same amount in major units.
 */
public record TransactionView(long id, String kind, String sourceId, String sellerId, String description,
                              Instant occurredAt, Instant postedAt, String stripeBalanceTransactionId, Long reversesId,
                              Long reversedById, Presentment presentment, List<EntryView> entries) {

    public record Presentment(long amount, String currency, String exchangeRate) {
    }

    public record EntryView(String account, String accountType, String ownerId, String currency, long amount,
                            String side, String decimal) {
    }

    public static TransactionView of(JournalQueries.StoredTransaction t) {
        List<EntryView> entries = t.entries().stream()
                .map(e -> new EntryView(e.account().code(), e.account().type().dbValue(), e.account().ownerId(),
                        e.account().currency(), e.amount(), e.amount() > 0 ? "debit" : "credit",
                        Money.of(e.amount(), e.account().currency()).toDecimalString()))
                .toList();
        Presentment presentment = t.presentmentCurrency() == null ? null : new Presentment(t.presentmentAmount(),
                t.presentmentCurrency(), t.exchangeRate() == null ? null : t.exchangeRate().toPlainString());
        return new TransactionView(t.id(), t.kind().dbValue(), t.sourceId(), t.sellerId(), t.description(),
                t.occurredAt(), t.postedAt(), t.stripeBalanceTransactionId(), t.reversesId(), t.reversedById(),
                presentment, entries);
    }
}
