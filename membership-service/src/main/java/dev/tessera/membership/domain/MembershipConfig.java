package dev.tessera.membership.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "tessera.membership")
public interface MembershipConfig {

    /** Access kept after a subscription falls past due; Stripe's Smart Retries default to 8 tries within 2 weeks. */
    @WithDefault("P14D")
    Duration gracePeriod();

    /** How often the job that records the end of grace periods runs (a suspension is seen at most this late). */
    @WithDefault("60s")
    String graceCheckInterval();

    TierSwitch tierSwitch();

    Cancellation cancellation();

    /** The plan a seller is on while no paid platform plan is active. */
    @WithDefault("free")
    String defaultPlan();

    /** Commission of the default plan, and of paid plans that carry no rate of their own. */
    @WithDefault("1000")
    int defaultCommissionBps();

    /** Commission per plan code, for plans whose Stripe metadata carries no {@code tessera_commission_bps}. */
    Map<String, Integer> planCommissionBps();

    @WithDefault("200")
    int maxPageSize();

    interface TierSwitch {
        /** Prorate the unused time of the replaced subscription (Stripe cancel {@code prorate}). */
        @WithDefault("true")
        boolean prorate();

        /** Invoice the proration at once instead of crediting it to the next invoice (Stripe cancel {@code invoice_now}). */
        @WithDefault("false")
        boolean invoiceNow();
    }

    /** Stripe cancellations of subscriptions (replaced by a tier switch, or of revoked memberships). */
    interface Cancellation {
        /** How often pending cancellations are sent to Stripe. */
        @WithDefault("5s")
        String retryInterval();

        /** Tries before a cancellation is marked failed (it stays visible for operators). */
        @WithDefault("20")
        int maxAttempts();
    }
}
