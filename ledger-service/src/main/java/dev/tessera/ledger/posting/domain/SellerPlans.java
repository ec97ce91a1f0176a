package dev.tessera.ledger.posting.domain;

import static dev.tessera.ledger.journal.domain.AccountKey.of;
import static dev.tessera.ledger.journal.domain.AccountKey.platform;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.membership.SellerPlanChanged;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.journal.domain.EarningsDelta;
import dev.tessera.ledger.journal.domain.Journal;
import dev.tessera.ledger.journal.domain.PostingKind;
import dev.tessera.ledger.journal.domain.TransactionDraft;
import dev.tessera.ledger.posting.persistence.ChargeRepository;
import dev.tessera.ledger.posting.persistence.PlanRepository;
import dev.tessera.runtime.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.ZoneOffset;

/**
 * Keeps each seller's commission history from {@code seller.plan.changed}. A change can arrive after sales
 * it applies to (the topics are independent, and replays reorder them); those sales are then corrected with
 * a commission adjustment (Dr seller_payable_available, Cr commission_revenue for the difference, dated at
 * the sale), so the books end up the same whichever event came first.
 */
@ApplicationScoped
public class SellerPlans {

    private final PlanRepository plans;
    private final ChargeRepository charges;
    private final CommissionPolicy commissions;
    private final Journal journal;

    SellerPlans(PlanRepository plans, ChargeRepository charges, CommissionPolicy commissions, Journal journal) {
        this.plans = plans;
        this.charges = charges;
        this.commissions = commissions;
        this.journal = journal;
    }

    /** Records the change; returns how many already posted sales had to be adjusted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int apply(DomainEvent event) {
        SellerPlanChanged change = event.dataAs(SellerPlanChanged.class);
        if (change.sellerId() == null || change.sellerId().isBlank() || change.effectiveAt() == null) {
            throw new PoisonMessageException("seller.plan.changed " + event.id() + " lacks sellerId or effectiveAt");
        }
        if (change.commissionRateBasisPoints() < 0 || change.commissionRateBasisPoints() > 10_000) {
            throw new PoisonMessageException("seller.plan.changed " + event.id() + " has commission "
                    + change.commissionRateBasisPoints() + " bps, outside 0..10000");
        }
        boolean recorded = plans.record(new PlanRepository.PlanChange(event.id().toString(), change.sellerId(),
                change.plan(), change.commissionRateBasisPoints(), change.effectiveAt(), event.occurredAt()),
                change.membershipId());
        if (!recorded) {
            return 0;
        }
        int adjusted = 0;
        for (ChargeFacts charge : charges.lockSales(change.sellerId(), change.effectiveAt(), null)) {
            int bps = commissions.rateAt(charge.sellerId(), charge.paidAt());
            if (bps == charge.commissionBps()) {
                continue;
            }
            String currency = charge.settlementCurrency();
            long commissionOpen = CommissionPolicy.commission(charge.openGross(), bps, currency);
            long delta = commissionOpen - charge.commissionOpen();
            if (delta != 0) {
                journal.post(TransactionDraft.builder(charge.chargeId() + "/" + event.id(),
                                PostingKind.COMMISSION_ADJUSTMENT, charge.paidAt())
                        .seller(charge.sellerId())
                        .description("commission of " + charge.chargeId() + " from " + charge.commissionBps() + " to "
                                + bps + " bps (plan " + change.plan() + ")")
                        .causation(event.id().toString())
                        .debit(of(AccountType.SELLER_PAYABLE_AVAILABLE, charge.sellerId(), currency), delta)
                        .credit(platform(AccountType.COMMISSION_REVENUE, currency), delta)
                        .earnings(new EarningsDelta(charge.sellerId(), currency,
                                charge.paidAt().atZone(ZoneOffset.UTC).toLocalDate(), charge.offeringKind(), bps, 0, 0,
                                delta, 0, 0, -delta, 0, 0, 0))
                        .build());
            }
            charges.update(charge.withCommission(bps, commissionOpen));
            adjusted++;
        }
        return adjusted;
    }
}
