package dev.tessera.ledger.posting.domain;

import static dev.tessera.ledger.journal.domain.AccountKey.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.Journal;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import dev.tessera.ledger.journal.persistence.JournalRepository;
import dev.tessera.ledger.posting.persistence.ChargeRepository;
import dev.tessera.ledger.posting.persistence.DisputeRepository;
import dev.tessera.ledger.stripe.StripeLedgerApi;
import dev.tessera.runtime.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Posts what a dispute does to the money, from the dispute object of any {@code charge.dispute.*} event (each
 * carries the dispute's balance transactions so far, so the order of events does not matter):
 *
 * <pre>
 * funds withdrawn (key: its balance transaction)   Dr disputed_funds amount, Dr dispute_fees fee, Cr stripe_balance
 * funds reinstated, won (key: its balance txn)     Dr stripe_balance, Cr disputed_funds (what was held),
 *                                                  Cr dispute_fees (fee returned, if any), Cr/Dr fx_gain_loss
 * lost (key: the dispute id)                       Dr seller_payable_available seller's part, Dr chargebacks commission part,
 *                                                  Dr/Cr fx_gain_loss, Cr disputed_funds (what was held)
 * </pre>
 * A lost dispute takes back the seller's share and the commission in proportion, like a refund.
 */
@ApplicationScoped
public class DisputePoster {

    private final Journal journal;
    private final JournalRepository transactions;
    private final ChargeRepository charges;
    private final DisputeRepository disputes;
    private final ChargePoster chargePoster;
    private final StripeLedgerApi stripe;

    DisputePoster(Journal journal, JournalRepository transactions, ChargeRepository charges, DisputeRepository disputes,
                  ChargePoster chargePoster, StripeLedgerApi stripe) {
        this.journal = journal;
        this.transactions = transactions;
        this.charges = charges;
        this.disputes = disputes;
        this.chargePoster = chargePoster;
        this.stripe = stripe;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void process(JsonNode dispute, String account, String causationId, Instant eventCreated) {
        String disputeId = StripeJson.requireText(dispute, "id");
        List<JsonNode> txns = balanceTransactions(dispute, account);
        boolean lost = "lost".equals(StripeJson.text(dispute, "status").orElse(""));
        if (txns.isEmpty() && !lost) {
            return; // an inquiry or a new dispute without funds movement yet
        }
        ChargeFacts charge = chargePoster.lockChargeOf(dispute, "dispute", disputeId, account, causationId);
        String chargeId = charge.chargeId();
        String currency = charge.settlementCurrency();
        for (JsonNode txn : txns) {
            String txnId = StripeJson.requireText(txn, "id");
            long amount = StripeJson.requireLong(txn, "amount");
            long fee = StripeJson.requireLong(txn, "fee");
            long net = StripeJson.requireLong(txn, "net");
            if (!StripeJson.currency(txn, "currency").equals(currency)) {
                throw new PoisonMessageException("dispute " + disputeId + " balance transaction " + txnId
                        + " is not in the charge's settlement currency " + currency);
            }
            Instant at = StripeJson.optionalLong(txn, "created").map(Instant::ofEpochSecond).orElse(eventCreated);
            boolean withdrawal = amount < 0 || amount == 0 && fee > 0;
            PostingKind kind = withdrawal ? PostingKind.DISPUTE_WITHDRAWAL : PostingKind.DISPUTE_REINSTATEMENT;
            if (transactions.find(txnId, kind.dbValue()).isPresent()) {
                continue;
            }
            TransactionDraft.Builder draft = TransactionDraft.builder(txnId, kind, at)
                    .seller(charge.postingSellerId())
                    .description((withdrawal ? "funds withdrawn for dispute " : "funds reinstated for dispute ")
                            + disputeId + " of " + chargeId)
                    .causation(causationId)
                    .stripeBalanceTransaction(txnId)
                    .debit(platform(AccountType.STRIPE_BALANCE, currency), net)
                    .debit(platform(AccountType.DISPUTE_FEES, currency), fee);
            long held = withdrawal ? 0 : held(disputeId);
            if (withdrawal) {
                draft.debit(platform(AccountType.DISPUTED_FUNDS, currency), -amount);
            } else {
                draft.credit(platform(AccountType.DISPUTED_FUNDS, currency), held)
                        .credit(platform(AccountType.FX_GAIN_LOSS, currency), amount - held);
            }
            if (draft.hasEntries() && journal.post(draft.build()).posted()) {
                disputes.add(disputeId, chargeId, currency, withdrawal ? -amount : 0, held);
            }
        }
        if (lost && transactions.find(disputeId, PostingKind.DISPUTE_LOSS.dbValue()).isEmpty()) {
            postLoss(dispute, disputeId, charge, causationId, eventCreated);
        }
    }

    private void postLoss(JsonNode dispute, String disputeId, ChargeFacts charge, String causationId, Instant at) {
        long held = held(disputeId);
        if (held == 0) {
            throw new IllegalStateException("dispute " + disputeId + " is lost but no withdrawn funds are recorded");
        }
        String currency = charge.settlementCurrency();
        Reduction reduction = Reduction.of(charge, StripeJson.requireLong(dispute, "amount"));
        TransactionDraft.Builder draft = TransactionDraft.builder(disputeId, PostingKind.DISPUTE_LOSS, at)
                .seller(charge.postingSellerId())
                .description("dispute " + disputeId + " of " + charge.chargeId() + " lost")
                .causation(causationId)
                .credit(platform(AccountType.DISPUTED_FUNDS, currency), held)
                .debit(platform(AccountType.FX_GAIN_LOSS, currency), held - reduction.gross());
        reduction.takeBack(draft, charge, Reduction.Cause.DISPUTE_LOSS, 0, at);
        if (journal.post(draft.build()).posted()) {
            disputes.add(disputeId, charge.chargeId(), currency, 0, held);
            charges.update(charge.reducedBy(reduction));
        }
    }

    private long held(String disputeId) {
        return disputes.find(disputeId).map(d -> d.withdrawn() - d.cleared()).orElse(0L);
    }

    /** The dispute's balance transactions, withdrawals first (then by time), fetched if Stripe sent only ids. */
    private List<JsonNode> balanceTransactions(JsonNode dispute, String account) {
        List<JsonNode> txns = new ArrayList<>();
        for (JsonNode reference : dispute.path("balance_transactions")) {
            if (reference.isObject()) {
                txns.add(reference);
            } else if (reference.isTextual()) {
                txns.add(stripe.balanceTransaction(reference.asText(), account));
            }
        }
        txns.sort(Comparator.comparing((JsonNode t) -> t.path("amount").asLong() >= 0)
                .thenComparing(t -> t.path("created").asLong()));
        return txns;
    }
}
