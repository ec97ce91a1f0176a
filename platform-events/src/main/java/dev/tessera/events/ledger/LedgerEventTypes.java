package dev.tessera.events.ledger;

import java.util.List;

/**
 * Event types on {@code ledger.events}. {@code transaction.posted} carries {@link TransactionPosted}
 * (subject: the journal transaction id); {@code seller.balance.changed} carries
 * {@link SellerBalanceChanged} (subject: the seller id, so one seller's balances stay in order).
 */
public final class LedgerEventTypes {

    public static final String TRANSACTION_POSTED = "transaction.posted";
    public static final String SELLER_BALANCE_CHANGED = "seller.balance.changed";

    public static final List<String> ALL = List.of(TRANSACTION_POSTED, SELLER_BALANCE_CHANGED);

    public static final int VERSION = 1;

    private LedgerEventTypes() {
    }
}
