package dev.tessera.ledger.posting.domain;

import static dev.tessera.ledger.journal.domain.AccountKey.of;
import static dev.tessera.ledger.journal.domain.AccountKey.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.EarningsDelta;
import dev.tessera.ledger.journal.domain.Journal;
import dev.tessera.ledger.journal.domain.PendingRelease;
import dev.tessera.ledger.journal.domain.PostedTransaction;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.journal.domain.Presentment;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import dev.tessera.ledger.posting.persistence.ChargeRepository;
import dev.tessera.ledger.stripe.StripeLedgerApi;
import dev.tessera.runtime.messaging.PoisonMessageException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Posts a succeeded charge (a one-time payment, or the charge of a paid invoice):
 *
 * <pre>
 * sale:           Dr stripe_balance net, Dr stripe_fees fee, Cr commission_revenue commission, Cr seller_payable_pending share
 * platform plan:  Dr stripe_balance net, Dr stripe_fees fee, Cr subscription_revenue gross
 * credit pack:    Dr stripe_balance net, Dr stripe_fees fee, Cr buyer_credits gross
 * </pre>
 *
 * Amounts are the balance transaction's (settlement currency); gross = net + fee; the commission is the
 * seller's plan rate in force at the charge's time; the presentment amount and Stripe's exchange rate are
 * kept on the transaction when the buyer paid in another currency. The seller's share waits in pending
 * until the balance transaction's available_on.
 */
@ApplicationScoped
public class ChargePoster {

    private static final Logger LOG = Logger.getLogger(ChargePoster.class);

    private final Journal journal;
    private final ChargeRepository charges;
    private final CommissionPolicy commissions;
    private final StripeLedgerApi stripe;
    private final MeterRegistry registry;

    ChargePoster(Journal journal, ChargeRepository charges, CommissionPolicy commissions, StripeLedgerApi stripe,
                 MeterRegistry registry) {
        this.journal = journal;
        this.charges = charges;
        this.commissions = commissions;
        this.stripe = stripe;
        this.registry = registry;
    }

    /**
     * Posts the charge unless posted before. {@code given} attributes it (an invoice's subscription metadata);
     * without it the charge's own metadata must. Empty if the charge is not (yet) postable: not succeeded or not
     * captured, or not attributable to a Tessera seller or buyer.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ChargeFacts> post(JsonNode charge, Attribution given, String account, String causationId) {
        String chargeId = StripeJson.requireText(charge, "id");
        Optional<ChargeFacts> known = charges.find(chargeId);
        if (known.isPresent()) {
            return known;
        }
        if (!"succeeded".equals(StripeJson.text(charge, "status").orElse(""))
                || !charge.path("captured").asBoolean(true)) {
            return Optional.empty();
        }
        Attribution attribution = given != null ? given
                : Attribution.fromMetadata(charge, Attribution.chargeEmail(charge)).orElse(null);
        if (attribution == null || !attribution.complete()) {
            registry.counter("tessera.ledger.charges.unattributed").increment();
            LOG.debugf("charge %s carries no Tessera attribution; not posted", chargeId);
            return Optional.empty();
        }
        JsonNode balanceTransaction = StripeJson.expanded(charge, "balance_transaction",
                id -> stripe.balanceTransaction(id, account));
        if (balanceTransaction == null) {
            return Optional.empty();
        }
        ChargeFacts facts = facts(charge, attribution, account, balanceTransaction);
        TransactionDraft draft = draft(facts, balanceTransaction, causationId);
        PostedTransaction posted = journal.post(draft);
        if (posted.posted()) {
            charges.insert(withTransaction(facts, posted.transactionId()));
        }
        return charges.find(chargeId);
    }

    /**
     * The posted charge, posting it first from Stripe if a refund or dispute arrived before it: the charge is
     * fetched, and attributed by its own metadata or, for a subscription payment, by its invoice's.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ChargeFacts> ensure(String chargeId, String account, String causationId) {
        Optional<ChargeFacts> known = charges.find(chargeId);
        if (known.isPresent()) {
            return known;
        }
        JsonNode charge = stripe.charge(chargeId, account);
        Attribution attribution = Attribution.fromMetadata(charge, Attribution.chargeEmail(charge))
                .filter(Attribution::complete)
                .or(() -> invoiceAttributionOf(charge, account))
                .orElse(null);
        return attribution == null ? Optional.empty() : post(charge, attribution, account, causationId);
    }

    /**
     * The charge a refund or dispute ({@code what} {@code id}) names, posted first if need be, and locked: the
     * reductions of one charge are posted one at a time, each on the totals the one before left.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ChargeFacts lockChargeOf(JsonNode object, String what, String id, String account, String causationId) {
        String chargeId = StripeJson.id(object, "charge")
                .orElseThrow(() -> new PoisonMessageException(what + " " + id + " names no charge"));
        ensure(chargeId, account, causationId).orElseThrow(() -> new IllegalStateException(
                "charge " + chargeId + " of " + what + " " + id + " cannot be attributed to a Tessera sale yet"));
        return charges.lock(chargeId).orElseThrow();
    }

    private Optional<Attribution> invoiceAttributionOf(JsonNode charge, String account) {
        Optional<String> paymentIntent = StripeJson.id(charge, "payment_intent");
        if (paymentIntent.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode payment : stripe.invoicePaymentsOfPaymentIntent(paymentIntent.get(), account)) {
            Optional<String> invoiceId = StripeJson.id(payment, "invoice");
            if (invoiceId.isPresent()) {
                return InvoicePoster.attributionOf(stripe.invoice(invoiceId.get(), account));
            }
        }
        return Optional.empty();
    }

    private ChargeFacts facts(JsonNode charge, Attribution attribution, String account, JsonNode txn) {
        String chargeId = StripeJson.requireText(charge, "id");
        long captured = StripeJson.optionalLong(charge, "amount_captured").filter(a -> a > 0)
                .orElseGet(() -> StripeJson.requireLong(charge, "amount"));
        String settlementCurrency = StripeJson.currency(txn, "currency");
        long fee = StripeJson.requireLong(txn, "fee");
        long net = StripeJson.requireLong(txn, "net");
        long gross = Math.addExact(net, fee);
        Instant paidAt = StripeJson.epochSeconds(charge, "created");
        Instant availableOn = StripeJson.optionalLong(txn, "available_on").map(Instant::ofEpochSecond).orElse(paidAt);
        Attribution.ChargeType type = attribution.chargeType();
        int bps = 0;
        long commission = 0;
        long sellerShare = 0;
        switch (type) {
            case SALE -> {
                bps = commissions.rateAt(attribution.sellerId(), paidAt);
                commission = CommissionPolicy.commission(gross, bps, settlementCurrency);
                sellerShare = gross - commission;
            }
            case PLATFORM_PLAN -> commission = gross;
            case CREDIT_PACK -> sellerShare = gross;
        }
        return new ChargeFacts(chargeId, type, attribution.sellerId(), attribution.buyerId(), attribution.offeringKind(),
                attribution.offeringId(), account, StripeJson.currency(charge, "currency"), captured,
                settlementCurrency, gross, fee, bps, 0, 0, commission, sellerShare, paidAt, availableOn, 0);
    }

    private static TransactionDraft draft(ChargeFacts f, JsonNode txn, String causationId) {
        String currency = f.settlementCurrency();
        long fee = f.stripeFee();
        long net = f.gross() - fee;
        TransactionDraft.Builder draft = TransactionDraft.builder(f.chargeId(), PostingKind.CHARGE, f.paidAt())
                .seller(f.postingSellerId())
                .description(f.chargeType().dbValue() + " " + f.offeringKind()
                        + (f.offeringId() == null ? "" : " " + f.offeringId()))
                .causation(causationId)
                .stripeBalanceTransaction(StripeJson.text(txn, "id").orElse(null))
                .debit(platform(AccountType.STRIPE_BALANCE, currency), net)
                .debit(platform(AccountType.STRIPE_FEES, currency), fee);
        if (!f.presentmentCurrency().equals(currency)) {
            draft.presentment(new Presentment(f.presentmentAmount(), f.presentmentCurrency(),
                    StripeJson.decimal(txn, "exchange_rate").orElse(null)));
        }
        switch (f.chargeType()) {
            case SALE -> draft
                    .credit(platform(AccountType.COMMISSION_REVENUE, currency), f.commissionOpen())
                    .credit(of(AccountType.SELLER_PAYABLE_PENDING, f.sellerId(), currency), f.sellerOpen())
                    .earnings(new EarningsDelta(f.sellerId(), currency, f.paidAt().atZone(ZoneOffset.UTC).toLocalDate(),
                            f.offeringKind(), f.commissionBps(), f.gross(), fee, f.commissionOpen(), 0, 0, f.sellerOpen(),
                            1, 0, 0))
                    .release(new PendingRelease(f.sellerId(), currency, f.sellerOpen(), f.availableOn()));
            case PLATFORM_PLAN -> draft.credit(platform(AccountType.SUBSCRIPTION_REVENUE, currency), f.gross());
            case CREDIT_PACK -> draft.credit(of(AccountType.BUYER_CREDITS, f.buyerId(), currency), f.gross());
        }
        return draft.build();
    }

    private static ChargeFacts withTransaction(ChargeFacts f, long transactionId) {
        return new ChargeFacts(f.chargeId(), f.chargeType(), f.sellerId(), f.buyerId(), f.offeringKind(), f.offeringId(),
                f.stripeAccount(), f.presentmentCurrency(), f.presentmentAmount(), f.settlementCurrency(), f.gross(),
                f.stripeFee(), f.commissionBps(), f.reducedPresentment(), f.reducedGross(), f.commissionOpen(),
                f.sellerOpen(), f.paidAt(), f.availableOn(), transactionId);
    }
}
