package dev.tessera.ledger;

import dev.tessera.runtime.error.ErrorCode;

/** The ledger's stable error codes. */
public enum LedgerErrorCode implements ErrorCode {
    INVALID_QUERY(400, "ledger.invalid_query", "Invalid query"),
    UNBALANCED_TRANSACTION(422, "ledger.unbalanced_transaction", "The entries do not balance"),
    INVALID_ENTRY(422, "ledger.invalid_entry", "Invalid journal entry"),
    TRANSACTION_NOT_FOUND(404, "ledger.transaction_not_found", "Journal transaction not found"),
    ALREADY_REVERSED(409, "ledger.already_reversed", "Journal transaction already reversed"),
    NOT_REVERSIBLE(409, "ledger.not_reversible", "Journal transaction cannot be reversed"),
    INSUFFICIENT_CREDITS(409, "ledger.insufficient_credits", "Not enough credits"),
    RECONCILIATION_NOT_FOUND(404, "ledger.reconciliation_not_found", "Reconciliation run not found"),
    STRIPE_UNAVAILABLE(502, "ledger.stripe_unavailable", "Stripe could not be reached");

    private final Spec spec;

    LedgerErrorCode(int httpStatus, String code, String title) {
        this.spec = new Spec(httpStatus, code, title);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
