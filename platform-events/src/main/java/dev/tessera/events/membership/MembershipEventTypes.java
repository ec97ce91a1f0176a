package dev.tessera.events.membership;

import java.util.List;

/**
 * Event types on {@code membership.events}. Membership lifecycle events carry {@link MembershipChanged}
 * (subject: the membership id); entitlement events carry {@link EntitlementChanged} (subject: the
 * entitlement id); {@code membership.tier_switched} carries {@link TierSwitched} (subject: the new
 * membership id); {@code seller.plan.changed} carries {@link SellerPlanChanged} (subject: the seller id).
 */
public final class MembershipEventTypes {

    public static final String ACTIVATED = "membership.activated";
    public static final String RENEWED = "membership.renewed";
    public static final String PAST_DUE = "membership.past_due";
    public static final String CANCELLED = "membership.cancelled";
    public static final String EXPIRED = "membership.expired";
    /** A past-due membership whose grace period ran out: access is withheld until a payment succeeds. */
    public static final String SUSPENDED = "membership.suspended";
    public static final String REVOKED = "membership.revoked";
    public static final String TIER_SWITCHED = "membership.tier_switched";
    public static final String ENTITLEMENT_GRANTED = "entitlement.granted";
    public static final String ENTITLEMENT_REVOKED = "entitlement.revoked";
    public static final String SELLER_PLAN_CHANGED = "seller.plan.changed";

    public static final List<String> ALL = List.of(ACTIVATED, RENEWED, PAST_DUE, CANCELLED, EXPIRED, SUSPENDED, REVOKED,
            TIER_SWITCHED, ENTITLEMENT_GRANTED, ENTITLEMENT_REVOKED, SELLER_PLAN_CHANGED);

    public static final int VERSION = 1;

    private MembershipEventTypes() {
    }
}
