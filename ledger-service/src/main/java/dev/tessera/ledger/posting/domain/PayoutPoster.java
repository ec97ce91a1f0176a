package dev.tessera.ledger.posting.domain;

import static dev.tessera.ledger.journal.domain.AccountKey.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.Journal;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import dev.tessera.ledger.journal.persistence.JournalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * Posts the platform's own payouts from its Stripe balance to its bank (Dr platform_bank, Cr stripe_balance),
 * and their return when they fail or are canceled. Payouts of connected accounts move the sellers' own
 * Stripe balances, which are not the platform's books: those are ignored here (the transfer already moved
 * the seller's money from payable to paid).
 */
@ApplicationScoped
public class PayoutPoster {

    private static final Set<String> RETURNED = Set.of("failed", "canceled");

    private final Journal journal;
    private final JournalRepository transactions;

    PayoutPoster(Journal journal, JournalRepository transactions) {
        this.journal = journal;
        this.transactions = transactions;
    }

    /** True if the payout was the platform's (and is now posted as far as its status goes). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean process(JsonNode payout, String account, String causationId) {
        if (account != null && !account.isBlank()) {
            return false;
        }
        String payoutId = StripeJson.requireText(payout, "id");
        String currency = StripeJson.currency(payout, "currency");
        long amount = StripeJson.requireLong(payout, "amount");
        if (transactions.find(payoutId, PostingKind.PAYOUT.dbValue()).isEmpty()) {
            journal.post(TransactionDraft.builder(payoutId, PostingKind.PAYOUT, StripeJson.epochSeconds(payout, "created"))
                    .description("payout to the platform's bank")
                    .causation(causationId)
                    .stripeBalanceTransaction(StripeJson.id(payout, "balance_transaction").orElse(null))
                    .debit(platform(AccountType.PLATFORM_BANK, currency), amount)
                    .credit(platform(AccountType.STRIPE_BALANCE, currency), amount)
                    .build());
        }
        if (RETURNED.contains(StripeJson.text(payout, "status").orElse(""))
                && transactions.find(payoutId, PostingKind.PAYOUT_FAILURE.dbValue()).isEmpty()) {
            journal.post(TransactionDraft.builder(payoutId, PostingKind.PAYOUT_FAILURE,
                            StripeJson.epochSeconds(payout, "created"))
                    .description("payout " + StripeJson.text(payout, "status").orElse("") + ", funds returned")
                    .causation(causationId)
                    .stripeBalanceTransaction(StripeJson.id(payout, "failure_balance_transaction").orElse(null))
                    .debit(platform(AccountType.STRIPE_BALANCE, currency), amount)
                    .credit(platform(AccountType.PLATFORM_BANK, currency), amount)
                    .build());
        }
        return true;
    }
}
