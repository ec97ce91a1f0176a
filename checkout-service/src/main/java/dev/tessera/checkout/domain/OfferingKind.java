package dev.tessera.checkout.domain;

import dev.tessera.events.StripeMetadata;
import java.util.Arrays;
import java.util.Optional;

/** What an offering is; the value is the one carried in Stripe metadata ({@code tessera_offering_kind}) and events. */
public enum OfferingKind {
    MEMBERSHIP_TIER(StripeMetadata.KIND_MEMBERSHIP_TIER),
    EVENT_TICKET(StripeMetadata.KIND_EVENT_TICKET),
    COURSE(StripeMetadata.KIND_COURSE),
    SERVICE(StripeMetadata.KIND_SERVICE),
    STREAM(StripeMetadata.KIND_STREAM),
    CREDIT_PACK(StripeMetadata.KIND_CREDIT_PACK),
    SPONSORSHIP(StripeMetadata.KIND_SPONSORSHIP),
    PLATFORM_PLAN(StripeMetadata.KIND_PLATFORM_PLAN);

    private final String value;

    OfferingKind(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Sold as a subscription (recurring price, subscription-mode Checkout Session). */
    public boolean recurring() {
        return this == MEMBERSHIP_TIER || this == PLATFORM_PLAN;
    }

    /** Kinds a seller may create (platform plans come from configuration). */
    public boolean sellable() {
        return this != PLATFORM_PLAN;
    }

    /** More than one can be bought at once. */
    public boolean allowsQuantity() {
        return this == EVENT_TICKET;
    }

    public static Optional<OfferingKind> parse(String value) {
        return Arrays.stream(values()).filter(kind -> kind.value.equals(value)).findFirst();
    }

    public static OfferingKind of(String value) {
        return parse(value).orElseThrow(() -> new IllegalStateException("unknown offering kind " + value));
    }
}
