package dev.tessera.ledger.journal.domain;

/** The outcome of posting one draft: its journal transaction id, and whether this call posted it or found it posted. */
public record PostedTransaction(TransactionDraft draft, long transactionId, boolean posted) {
}
