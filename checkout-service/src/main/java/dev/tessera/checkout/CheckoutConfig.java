package dev.tessera.checkout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

@ConfigMapping(prefix = "tessera.checkout")
public interface CheckoutConfig {

    /** Where browsers reach this service; the default success and cancel pages are under it. */
    String publicBaseUrl();

    /** Hosts a caller may name in its own success or cancel URL; any other host is refused (no open redirects). */
    List<String> allowedRedirectHosts();

    /** How long a Checkout Session stays open, and so how long it holds a seat. Stripe: 30 minutes to 24 hours. */
    @WithDefault("PT1H")
    Duration sessionTtl();

    /** How long after a session's expiry its seat still counts, in case the completion races the expiry. */
    @WithDefault("PT5M")
    Duration holdGrace();

    /** How long a guest can claim a purchase. */
    @WithDefault("P30D")
    Duration claimTtl();

    /** The claim link e-mailed to a guest, to which the token is appended. */
    String claimUrl();

    /** Most tickets one checkout may buy. */
    @WithDefault("10")
    int maxQuantity();

    /** How often products, prices and coupons not yet in Stripe are synced ({@code off} disables it). */
    @WithDefault("30s")
    String syncEvery();

    /** How often checkouts in flight are reconciled with Stripe ({@code off} disables it). */
    @WithDefault("10m")
    String reconcileEvery();

    /** A checkout in flight for longer than this is reconciled by the scheduled run. */
    @WithDefault("PT15M")
    Duration reconcileAfter();

    PlatformPlans platformPlans();

    interface PlatformPlans {

        /** The currency of every platform plan price. */
        @WithDefault("EUR")
        String currency();

        /** By plan code (e.g. {@code entry}): the plans sellers can subscribe to. */
        Map<String, Plan> plans();
    }

    interface Plan {

        String name();

        /** Monthly price in minor units of the plans' currency; 0 for a free plan. */
        long amountMinor();

        /** The platform's commission on a seller's sales while on this plan, in basis points (500 = 5%). */
        int commissionBasisPoints();
    }
}
