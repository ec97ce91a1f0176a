package dev.tessera.events;

import java.util.List;

/**
 * The metadata keys Tessera puts on Stripe objects so that every later Stripe event says whom it
 * concerns without a cross-service call. checkout-service sets them on the Checkout Session and copies
 * them to the PaymentIntent ({@code payment_intent_data.metadata}) and the Subscription
 * ({@code subscription_data.metadata}) it creates; Stripe snapshots a subscription's metadata on each of
 * its invoices ({@code parent.subscription_details.metadata}). Key names stay within Stripe's 40-character limit.
 */
public final class StripeMetadata {

    /** The seller that sells the offering (for a platform plan: the seller that buys it). */
    public static final String SELLER_ID = "tessera_seller_id";
    public static final String OFFERING_ID = "tessera_offering_id";
    /** One of the {@code KIND_*} values. */
    public static final String OFFERING_KIND = "tessera_offering_kind";
    public static final String GROUP_ID = "tessera_group_id";
    public static final String CHECKOUT_ID = "tessera_checkout_id";
    /** The buying user, when known at checkout; guest purchases carry {@code customer_details.email} instead. */
    public static final String USER_ID = "tessera_user_id";
    /** On a tier switch: the Stripe subscription id this subscription replaces (cancelled once this one is active). */
    public static final String REPLACES_SUBSCRIPTION = "tessera_replaces_subscription";
    /** On a platform plan: the plan code (e.g. {@code pro}); defaults to the offering id. */
    public static final String PLAN = "tessera_plan";
    /** On a platform plan: the platform's commission in basis points while the plan is active. */
    public static final String COMMISSION_BPS = "tessera_commission_bps";

    public static final String KIND_MEMBERSHIP_TIER = "membership_tier";
    public static final String KIND_EVENT_TICKET = "event_ticket";
    public static final String KIND_COURSE = "course";
    public static final String KIND_SERVICE = "service";
    public static final String KIND_STREAM = "stream";
    public static final String KIND_CREDIT_PACK = "credit_pack";
    public static final String KIND_PLATFORM_PLAN = "platform_plan";
    public static final String KIND_SPONSORSHIP = "sponsorship";

    public static final List<String> KINDS = List.of(KIND_MEMBERSHIP_TIER, KIND_EVENT_TICKET, KIND_COURSE,
            KIND_SERVICE, KIND_STREAM, KIND_CREDIT_PACK, KIND_PLATFORM_PLAN, KIND_SPONSORSHIP);

    private StripeMetadata() {
    }
}
