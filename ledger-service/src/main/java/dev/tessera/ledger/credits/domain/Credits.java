package dev.tessera.ledger.credits.domain;

import static dev.tessera.ledger.journal.domain.AccountKey.of;
import static dev.tessera.ledger.journal.domain.AccountKey.platform;

import dev.tessera.events.StripeMetadata;
import dev.tessera.ledger.LedgerErrorCode;
import dev.tessera.ledger.journal.domain.AccountKey;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.EarningsDelta;
import dev.tessera.ledger.journal.domain.Journal;
import dev.tessera.ledger.journal.domain.PostedTransaction;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import dev.tessera.ledger.journal.persistence.AccountRepository;
import dev.tessera.ledger.journal.persistence.JournalRepository;
import dev.tessera.ledger.posting.domain.CommissionPolicy;
import dev.tessera.ledger.support.Jdbc;
import dev.tessera.runtime.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Buyers' credits. A credit pack's payment credits the buyer (see the charge posting); spending credits on a
 * seller's service moves the service price from the buyer's credits to the seller, less the platform's
 * commission at the seller's rate:
 *
 * <pre>
 * Dr buyer_credits price, Cr commission_revenue commission, Cr seller_payable_available price - commission
 * </pre>
 * The credits' money was settled when the pack was paid, so the seller's share is available at once.
 */
@ApplicationScoped
public class Credits {

    private final Journal journal;
    private final JournalRepository transactions;
    private final AccountRepository accounts;
    private final CommissionPolicy commissions;
    private final DataSource dataSource;

    Credits(Journal journal, JournalRepository transactions, AccountRepository accounts, CommissionPolicy commissions,
            DataSource dataSource) {
        this.journal = journal;
        this.transactions = transactions;
        this.accounts = accounts;
        this.commissions = commissions;
        this.dataSource = dataSource;
    }

    public record Balance(String currency, long amount) {
    }

    public record Redemption(String redemptionId, String buyerId, String sellerId, String offeringId, long amount,
                             String currency) {
    }

    public record Redeemed(long transactionId, boolean created, long remaining) {
    }

    /** The buyer's unspent credits per currency. */
    public List<Balance> balances(String buyerId) {
        return Jdbc.query(dataSource, "select a.currency, coalesce(sum(b.credits - b.debits), 0) from ledger_account a "
                        + "left join account_balance b on b.account_id = a.id where a.type = ? and a.owner_id = ? "
                        + "group by a.currency order by a.currency",
                rs -> new Balance(rs.getString(1), rs.getLong(2)), AccountType.BUYER_CREDITS.dbValue(), buyerId);
    }

    /**
     * Spends credits on a service, once per redemption id. The buyer's credits account is locked while its
     * balance is checked, so two concurrent redemptions cannot overspend.
     *
     * @throws ProblemException 409 {@code ledger.insufficient_credits} if the credits do not cover the price
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Redeemed redeem(Redemption redemption, Instant at) {
        String sourceId = "redemption:" + redemption.redemptionId();
        AccountKey credits = of(AccountType.BUYER_CREDITS, redemption.buyerId(), redemption.currency());
        Optional<Long> existing = transactions.find(sourceId, PostingKind.CREDIT_REDEMPTION.dbValue());
        if (existing.isPresent()) {
            return new Redeemed(existing.get(), false, balance(credits));
        }
        long accountId = accounts.idsOf(List.of(credits)).get(credits);
        accounts.lock(accountId);
        existing = transactions.find(sourceId, PostingKind.CREDIT_REDEMPTION.dbValue());
        if (existing.isPresent()) {
            return new Redeemed(existing.get(), false, balance(credits));
        }
        long available = balance(credits);
        if (available < redemption.amount()) {
            throw new ProblemException(LedgerErrorCode.INSUFFICIENT_CREDITS, "the buyer has " + available
                    + " minor units of " + redemption.currency() + " credits; the service costs " + redemption.amount())
                    .with("available", available);
        }
        String currency = redemption.currency();
        int bps = commissions.rateAt(redemption.sellerId(), at);
        long commission = CommissionPolicy.commission(redemption.amount(), bps, currency);
        long share = redemption.amount() - commission;
        PostedTransaction posted = journal.post(TransactionDraft.builder(sourceId, PostingKind.CREDIT_REDEMPTION, at)
                .seller(redemption.sellerId())
                .description("credits of " + redemption.buyerId() + " spent on "
                        + (redemption.offeringId() == null ? "a service" : redemption.offeringId()))
                .causation(sourceId)
                .debit(credits, redemption.amount())
                .credit(platform(AccountType.COMMISSION_REVENUE, currency), commission)
                .credit(of(AccountType.SELLER_PAYABLE_AVAILABLE, redemption.sellerId(), currency), share)
                .earnings(new EarningsDelta(redemption.sellerId(), currency, at.atZone(ZoneOffset.UTC).toLocalDate(),
                        StripeMetadata.KIND_SERVICE, bps, redemption.amount(), 0, commission, 0, 0, share, 1, 0, 0))
                .build());
        return new Redeemed(posted.transactionId(), posted.posted(), available - redemption.amount());
    }

    private long balance(AccountKey credits) {
        return Jdbc.queryOne(dataSource, "select coalesce(sum(b.credits - b.debits), 0) from ledger_account a "
                        + "join account_balance b on b.account_id = a.id where a.type = ? and a.owner_id = ? and a.currency = ?",
                rs -> rs.getLong(1), credits.type().dbValue(), credits.ownerId(), credits.currency()).orElse(0L);
    }
}
