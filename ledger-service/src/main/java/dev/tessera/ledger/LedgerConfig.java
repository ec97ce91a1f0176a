package dev.tessera.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The ledger's business and tuning settings ({@code tessera.ledger.*}). */
@ConfigMapping(prefix = "tessera.ledger")
public interface LedgerConfig {

    /** Commission (basis points, 1/100 of a percent) of a seller without any seller.plan.changed yet. */
    @WithDefault("1000")
    int defaultCommissionBps();

    /**
     * Stripe slots over which the platform's hot account totals are striped: concurrent postings pick
     * different slots and so never wait for each other's row locks.
     */
    @WithDefault("8")
    int balanceSlots();

    Release release();

    Reports reports();

    Reconciliation reconciliation();

    interface Release {
        /** How often the job moves sellers' funds from pending to available once Stripe's available_on passed. */
        @WithDefault("PT1M")
        Duration interval();

        /** Releases posted per database transaction. */
        @WithDefault("500")
        int batchSize();
    }

    interface Reports {
        /** Largest page of transaction listings. */
        @WithDefault("200")
        int maxPageSize();

        /** Longest period of a daily report, in days. */
        @WithDefault("1100")
        int maxDays();
    }

    interface Reconciliation {
        /** Longest period one reconciliation run may cover. */
        @WithDefault("P93D")
        Duration maxPeriod();

        /** Balance transactions per Stripe list page (Stripe allows up to 100). */
        @WithDefault("100")
        int pageSize();
    }
}
