package dev.tessera.ledger.posting.domain;

import dev.tessera.ledger.LedgerConfig;
import dev.tessera.ledger.posting.persistence.PlanRepository;
import dev.tessera.runtime.money.Money;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The platform's commission: the seller's plan rate in force at payment time (from seller.plan.changed),
 * else the configured default, applied half-up to the whole minor unit.
 */
@ApplicationScoped
public class CommissionPolicy {

    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private final PlanRepository plans;
    private final LedgerConfig config;

    CommissionPolicy(PlanRepository plans, LedgerConfig config) {
        this.plans = plans;
        this.config = config;
    }

    public int rateAt(String sellerId, Instant at) {
        return plans.inForce(sellerId, at).map(PlanRepository.PlanChange::commissionBps)
                .orElse(config.defaultCommissionBps());
    }

    /** The commission on {@code gross} minor units at {@code bps}. */
    public static long commission(long gross, int bps, String currency) {
        return Money.of(gross, currency).percentage(bps, ROUNDING).amountMinor();
    }
}
