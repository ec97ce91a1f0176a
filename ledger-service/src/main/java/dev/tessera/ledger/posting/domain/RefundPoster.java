package dev.tessera.ledger.posting.domain;

import static dev.tessera.ledger.journal.domain.AccountKey.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.Journal;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.journal.domain.Presentment;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import dev.tessera.ledger.journal.persistence.JournalQueries;
import dev.tessera.ledger.journal.persistence.JournalRepository;
import dev.tessera.ledger.posting.persistence.ChargeRepository;
import dev.tessera.ledger.stripe.StripeLedgerApi;
import dev.tessera.runtime.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Posts a succeeded refund, full or partial, once (key: the refund id):
 *
 * <pre>
 * Dr seller_payable_available  seller's part     (sale)      | Dr buyer_credits (credit pack)
 * Dr refunds                   commission part   (sale)      | all of it (platform plan)
 * Dr stripe_fees               refund fee, if Stripe charged one
 * Dr/Cr fx_gain_loss           refund's settlement amount minus its equivalent at the charge's rate
 * Cr stripe_balance            what left the Stripe balance (the refund's balance transaction)
 * </pre>
 * The commission is reversed in proportion (see {@link Reduction}). A refund that fails after it succeeded is
 * taken back by a {@code refund_failure} posting with the opposite entries.
 */
@ApplicationScoped
public class RefundPoster {

    private static final Logger LOG = Logger.getLogger(RefundPoster.class);

    private final Journal journal;
    private final JournalRepository transactions;
    private final ChargeRepository charges;
    private final ChargePoster chargePoster;
    private final StripeLedgerApi stripe;
    private final JournalQueries queries;

    RefundPoster(Journal journal, JournalRepository transactions, ChargeRepository charges, ChargePoster chargePoster,
                 StripeLedgerApi stripe, JournalQueries queries) {
        this.queries = queries;
        this.journal = journal;
        this.transactions = transactions;
        this.charges = charges;
        this.chargePoster = chargePoster;
        this.stripe = stripe;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void post(JsonNode refund, String account, String causationId) {
        String refundId = StripeJson.requireText(refund, "id");
        String status = StripeJson.text(refund, "status").orElse("");
        if ("failed".equals(status) || "canceled".equals(status)) {
            postFailure(refund, refundId, account, causationId);
            return;
        }
        if (!"succeeded".equals(status)) {
            return; // a pending refund comes back with refund.updated
        }
        if (transactions.find(refundId, PostingKind.REFUND.dbValue()).isPresent()) {
            return;
        }
        ChargeFacts charge = chargePoster.lockChargeOf(refund, "refund", refundId, account, causationId);
        String chargeId = charge.chargeId();
        // checked again under the charge's lock: refunds of one charge are posted one at a time
        if (transactions.find(refundId, PostingKind.REFUND.dbValue()).isPresent()) {
            return;
        }
        long amount = StripeJson.requireLong(refund, "amount");
        JsonNode txn = StripeJson.expanded(refund, "balance_transaction", id -> stripe.balanceTransaction(id, account));
        String currency = charge.settlementCurrency();
        long net;
        long fee;
        String txnId = null;
        if (txn != null) {
            if (!StripeJson.currency(txn, "currency").equals(currency)) {
                throw new PoisonMessageException("refund " + refundId + " settles in " + StripeJson.currency(txn, "currency")
                        + " but its charge in " + currency);
            }
            net = StripeJson.requireLong(txn, "net");
            fee = StripeJson.requireLong(txn, "fee");
            txnId = StripeJson.text(txn, "id").orElse(null);
        } else if (charge.presentmentCurrency().equals(currency)) {
            net = -amount;
            fee = 0;
        } else {
            throw new IllegalStateException("refund " + refundId + " has no balance transaction yet");
        }
        if (charge.reducedPresentment() + amount > charge.presentmentAmount()) {
            LOG.warnf("refund %s of %d exceeds what is left of charge %s; taking back the rest only", refundId, amount,
                    chargeId);
        }
        Reduction reduction = Reduction.of(charge, amount);
        long settled = -(net + fee);
        long fx = settled - reduction.gross();
        Instant at = StripeJson.epochSeconds(refund, "created");
        TransactionDraft.Builder draft = TransactionDraft.builder(refundId, PostingKind.REFUND, at)
                .seller(charge.postingSellerId())
                .description("refund of " + chargeId)
                .causation(causationId)
                .stripeBalanceTransaction(txnId)
                .debit(platform(AccountType.STRIPE_BALANCE, currency), net)
                .debit(platform(AccountType.STRIPE_FEES, currency), fee)
                .debit(platform(AccountType.FX_GAIN_LOSS, currency), fx);
        if (!charge.presentmentCurrency().equals(currency)) {
            draft.presentment(new Presentment(amount, charge.presentmentCurrency(),
                    txn == null ? null : StripeJson.decimal(txn, "exchange_rate").orElse(null)));
        }
        reduction.takeBack(draft, charge, Reduction.Cause.REFUND, fee, at);
        if (!draft.hasEntries()) {
            return;
        }
        if (journal.post(draft.build()).posted()) {
            charges.update(charge.reducedBy(reduction));
        }
    }

    /**
     * A refund that failed (or was canceled) after it was posted as succeeded: Stripe returned the money to the
     * balance ({@code failure_balance_transaction}), so the refund's posting is taken back exactly, and the
     * charge's refunded totals with it (key: the refund id, {@code refund_failure}).
     */
    private void postFailure(JsonNode refund, String refundId, String account, String causationId) {
        if (transactions.find(refundId, PostingKind.REFUND.dbValue()).isEmpty()) {
            return; // never posted: it moved no money in the books
        }
        String chargeId = StripeJson.id(refund, "charge")
                .orElseThrow(() -> new PoisonMessageException("refund " + refundId + " names no charge"));
        ChargeFacts charge = charges.lock(chargeId).orElseThrow(() -> new IllegalStateException(
                "refund " + refundId + " is posted but its charge " + chargeId + " is not"));
        if (transactions.find(refundId, PostingKind.REFUND_FAILURE.dbValue()).isPresent()) {
            return;
        }
        long refundTransaction = transactions.find(refundId, PostingKind.REFUND.dbValue()).orElseThrow();
        JournalQueries.StoredTransaction posted = queries.find(refundTransaction).orElseThrow();
        Instant at = StripeJson.optionalLong(refund, "created").map(Instant::ofEpochSecond).orElse(posted.occurredAt());
        TransactionDraft.Builder draft = TransactionDraft.builder(refundId, PostingKind.REFUND_FAILURE, at)
                .seller(posted.sellerId())
                .description("refund " + refundId + " of " + chargeId + " " + StripeJson.text(refund, "status").orElse("")
                        + ": money returned")
                .causation(causationId)
                .stripeBalanceTransaction(StripeJson.id(refund, "failure_balance_transaction").orElse(null));
        long platformPart = 0;
        long counterpartPart = 0;
        for (JournalQueries.StoredEntry entry : posted.entries()) {
            draft.entry(new dev.tessera.ledger.journal.domain.Entry(entry.account(), -entry.amount()));
            switch (entry.account().type()) {
                case REFUNDS -> platformPart += entry.amount();
                case SELLER_PAYABLE_AVAILABLE, BUYER_CREDITS -> counterpartPart += entry.amount();
                default -> {
                }
            }
        }
        posted.earnings().forEach(e -> draft.earnings(e.negated()));
        if (journal.post(draft.build()).posted()) {
            long presentment = Math.min(StripeJson.requireLong(refund, "amount"), charge.reducedPresentment());
            charges.update(charge.reduced(-presentment, -(platformPart + counterpartPart), -platformPart,
                    -counterpartPart));
        }
    }
}
