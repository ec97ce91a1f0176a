package dev.tessera.ledger.journal.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The chart of accounts. Every account exists once per currency and, for seller and buyer accounts, per
 * owner. {@link Normal} is the side on which the account normally grows: reports show balances in that
 * direction (a seller's payable as a positive amount owed).
 */
public enum AccountType {
    /** The platform's balance at Stripe (asset). */
    STRIPE_BALANCE("stripe_balance", Owner.PLATFORM, Normal.DEBIT, "Stripe balance"),
    /** Stripe's processing fees, borne by the platform (expense). */
    STRIPE_FEES("stripe_fees", Owner.PLATFORM, Normal.DEBIT, "Stripe fees"),
    /** The platform's commission on sellers' sales (revenue). */
    COMMISSION_REVENUE("commission_revenue", Owner.PLATFORM, Normal.CREDIT, "Commission revenue"),
    /** What sellers pay for their platform plans (revenue). */
    SUBSCRIPTION_REVENUE("subscription_revenue", Owner.PLATFORM, Normal.CREDIT, "Platform plan revenue"),
    /** Platform revenue given back by refunds: the commission part of a refunded sale, refunded plans (contra revenue). */
    REFUNDS("refunds", Owner.PLATFORM, Normal.DEBIT, "Refunds (platform share)"),
    /** Platform revenue lost to disputes (contra revenue). */
    CHARGEBACKS("chargebacks", Owner.PLATFORM, Normal.DEBIT, "Chargebacks (platform share)"),
    /** Stripe's dispute fees (expense). */
    DISPUTE_FEES("dispute_fees", Owner.PLATFORM, Normal.DEBIT, "Dispute fees"),
    /** Funds Stripe withdrew for an open dispute, until it is won (reinstated) or lost (asset). */
    DISPUTED_FUNDS("disputed_funds", Owner.PLATFORM, Normal.DEBIT, "Funds held in disputes"),
    /** Differences from exchange rates between a charge and its refund or dispute (debit: loss). */
    FX_GAIN_LOSS("fx_gain_loss", Owner.PLATFORM, Normal.DEBIT, "Exchange rate differences"),
    /** Everything transferred to sellers (contra of the sellers' paid-out accounts). */
    SELLER_PAYOUTS("seller_payouts", Owner.PLATFORM, Normal.DEBIT, "Transferred to sellers"),
    /** The platform's bank account, fed by Stripe payouts (asset). */
    PLATFORM_BANK("platform_bank", Owner.PLATFORM, Normal.DEBIT, "Platform bank"),
    /** Money that could not be attributed (e.g. a transfer without a seller); to be cleared by hand. */
    SUSPENSE("suspense", Owner.PLATFORM, Normal.DEBIT, "Suspense"),
    /** A seller's share of sales whose funds are not yet available at Stripe (liability). */
    SELLER_PAYABLE_PENDING("seller_payable_pending", Owner.SELLER, Normal.CREDIT, "Seller payable (pending)"),
    /** A seller's share available to be transferred (liability). */
    SELLER_PAYABLE_AVAILABLE("seller_payable_available", Owner.SELLER, Normal.CREDIT, "Seller payable (available)"),
    /** What has been transferred to the seller so far. */
    SELLER_PAID_OUT("seller_paid_out", Owner.SELLER, Normal.CREDIT, "Seller paid out"),
    /** A buyer's unspent credits, in money (liability). */
    BUYER_CREDITS("buyer_credits", Owner.BUYER, Normal.CREDIT, "Buyer credits");

    public enum Owner {
        PLATFORM, SELLER, BUYER
    }

    public enum Normal {
        DEBIT, CREDIT
    }

    private static final Map<String, AccountType> BY_DB_VALUE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AccountType::dbValue, Function.identity()));

    private final String dbValue;
    private final Owner owner;
    private final Normal normal;
    private final String label;

    AccountType(String dbValue, Owner owner, Normal normal, String label) {
        this.dbValue = dbValue;
        this.owner = owner;
        this.normal = normal;
        this.label = label;
    }

    public String dbValue() {
        return dbValue;
    }

    public Owner owner() {
        return owner;
    }

    public Normal normal() {
        return normal;
    }

    public String label() {
        return label;
    }

    /** A balance (debits minus credits) shown in the account's normal direction. */
    public long normalBalance(long debitMinusCredit) {
        return normal == Normal.DEBIT ? debitMinusCredit : Math.negateExact(debitMinusCredit);
    }

    public static AccountType fromDb(String value) {
        AccountType type = BY_DB_VALUE.get(value);
        if (type == null) {
            throw new IllegalArgumentException("unknown account type " + value);
        }
        return type;
    }

    public static Optional<AccountType> parse(String value) {
        return value == null ? Optional.empty()
                : Optional.ofNullable(BY_DB_VALUE.get(value.trim().toLowerCase(Locale.ROOT)));
    }
}
