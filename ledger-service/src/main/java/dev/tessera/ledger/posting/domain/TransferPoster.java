package dev.tessera.ledger.posting.domain;

import static dev.tessera.ledger.journal.domain.AccountKey.of;
import static dev.tessera.ledger.journal.domain.AccountKey.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.StripeMetadata;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.Journal;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import dev.tessera.ledger.journal.persistence.JournalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Posts transfers from the platform's Stripe balance to sellers' connected accounts (payable → paid) and
 * their reversals. The seller is the transfer's {@code tessera_seller_id} metadata (set by payout-service);
 * a transfer without it goes to suspense, visible in the trial balance until cleared by hand.
 *
 * <pre>
 * transfer:  Dr seller_payable_available, Cr seller_paid_out (the seller's money changes state)
 *            Dr seller_payouts,           Cr stripe_balance  (the money leaves the platform's balance)
 * reversal:  the same, the other way round, for the reversed amount
 * </pre>
 */
@ApplicationScoped
public class TransferPoster {

    private final Journal journal;
    private final JournalRepository transactions;

    TransferPoster(Journal journal, JournalRepository transactions) {
        this.journal = journal;
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void process(JsonNode transfer, String causationId) {
        String transferId = StripeJson.requireText(transfer, "id");
        String currency = StripeJson.currency(transfer, "currency");
        String sellerId = StripeJson.metadata(transfer, StripeMetadata.SELLER_ID).orElse(null);
        String destination = StripeJson.id(transfer, "destination").orElse("?");
        if (transactions.find(transferId, PostingKind.TRANSFER.dbValue()).isEmpty()) {
            long amount = StripeJson.requireLong(transfer, "amount");
            TransactionDraft.Builder draft = TransactionDraft.builder(transferId, PostingKind.TRANSFER,
                            StripeJson.epochSeconds(transfer, "created"))
                    .seller(sellerId)
                    .description("transfer to " + destination)
                    .causation(causationId)
                    .stripeBalanceTransaction(StripeJson.id(transfer, "balance_transaction").orElse(null));
            movement(draft, sellerId, currency, amount);
            journal.post(draft.build());
        }
        for (JsonNode reversal : transfer.path("reversals").path("data")) {
            String reversalId = StripeJson.requireText(reversal, "id");
            if (transactions.find(reversalId, PostingKind.TRANSFER_REVERSAL.dbValue()).isPresent()) {
                continue;
            }
            Instant at = StripeJson.optionalLong(reversal, "created").map(Instant::ofEpochSecond)
                    .orElseGet(() -> StripeJson.epochSeconds(transfer, "created"));
            TransactionDraft.Builder draft = TransactionDraft.builder(reversalId, PostingKind.TRANSFER_REVERSAL, at)
                    .seller(sellerId)
                    .description("reversal of transfer " + transferId + " to " + destination)
                    .causation(causationId)
                    .stripeBalanceTransaction(StripeJson.id(reversal, "balance_transaction").orElse(null));
            movement(draft, sellerId, currency, -StripeJson.requireLong(reversal, "amount"));
            if (draft.hasEntries()) {
                journal.post(draft.build());
            }
        }
    }

    private static void movement(TransactionDraft.Builder draft, String sellerId, String currency, long amount) {
        if (sellerId != null) {
            draft.debit(of(AccountType.SELLER_PAYABLE_AVAILABLE, sellerId, currency), amount)
                    .credit(of(AccountType.SELLER_PAID_OUT, sellerId, currency), amount)
                    .debit(platform(AccountType.SELLER_PAYOUTS, currency), amount);
        } else {
            draft.debit(platform(AccountType.SUSPENSE, currency), amount);
        }
        draft.credit(platform(AccountType.STRIPE_BALANCE, currency), amount);
    }
}
