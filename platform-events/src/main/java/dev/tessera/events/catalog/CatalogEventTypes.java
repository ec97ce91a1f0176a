package dev.tessera.events.catalog;

import java.util.List;

/**
 * Event types on {@code catalog.events} (source {@code checkout-service}), all version 1. Group events carry
 * {@link GroupChanged} (subject: the group id), offering events {@link OfferingChanged} (subject: the offering id),
 * coupon events {@link CouponChanged} (subject: the coupon id). Each payload is the full state after the change, so a
 * consumer can keep a copy by applying the latest event per subject.
 */
public final class CatalogEventTypes {

    public static final String GROUP_CREATED = "catalog.group.created";
    public static final String GROUP_UPDATED = "catalog.group.updated";
    public static final String GROUP_ACTIVATED = "catalog.group.activated";
    public static final String GROUP_ARCHIVED = "catalog.group.archived";

    public static final String OFFERING_CREATED = "catalog.offering.created";
    public static final String OFFERING_UPDATED = "catalog.offering.updated";
    public static final String OFFERING_ACTIVATED = "catalog.offering.activated";
    public static final String OFFERING_ARCHIVED = "catalog.offering.archived";
    /** A new price replaced the current one (the old one stays in the history, inactive). */
    public static final String OFFERING_PRICE_CHANGED = "catalog.offering.price_changed";
    /** The offering's product and current price now exist in Stripe (ids filled in). */
    public static final String OFFERING_SYNCED = "catalog.offering.synced";

    public static final String COUPON_CREATED = "catalog.coupon.created";
    public static final String COUPON_ARCHIVED = "catalog.coupon.archived";

    public static final List<String> ALL = List.of(GROUP_CREATED, GROUP_UPDATED, GROUP_ACTIVATED, GROUP_ARCHIVED,
            OFFERING_CREATED, OFFERING_UPDATED, OFFERING_ACTIVATED, OFFERING_ARCHIVED, OFFERING_PRICE_CHANGED,
            OFFERING_SYNCED, COUPON_CREATED, COUPON_ARCHIVED);

    public static final int VERSION = 1;

    private CatalogEventTypes() {
    }
}
