package dev.tessera.membership.domain;

import dev.tessera.events.StripeMetadata;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names of what an entitlement opens, as {@code GET /access?resource=} takes them: {@code group:<groupId>}
 * (any tier of the group), {@code tier:<offeringId>}, {@code event:<offeringId>}, {@code course:<offeringId>},
 * {@code service:<offeringId>}, {@code stream:<offeringId>}.
 */
public final class Resources {

    public static final Pattern PATTERN = Pattern.compile("(group|tier|event|course|service|stream):[A-Za-z0-9_.\\-]{1,128}");

    /** Entitlement kind per offering kind; kinds that open nothing here (credit packs, sponsorships) are absent. */
    private static final Map<String, String> KIND_OF_OFFERING = Map.of(
            StripeMetadata.KIND_MEMBERSHIP_TIER, "tier",
            StripeMetadata.KIND_EVENT_TICKET, "event_ticket",
            StripeMetadata.KIND_COURSE, "course",
            StripeMetadata.KIND_SERVICE, "service",
            StripeMetadata.KIND_STREAM, "stream");

    private static final Map<String, String> PREFIX_OF_KIND = Map.of(
            "tier", "tier", "event_ticket", "event", "course", "course", "service", "service", "stream", "stream");

    private Resources() {
    }

    public static boolean valid(String resource) {
        return resource != null && PATTERN.matcher(resource).matches();
    }

    public static Optional<String> entitlementKind(String offeringKind) {
        return Optional.ofNullable(offeringKind == null ? null : KIND_OF_OFFERING.get(offeringKind));
    }

    public static String resource(String entitlementKind, String offeringId) {
        return PREFIX_OF_KIND.get(entitlementKind) + ":" + offeringId;
    }

    public static String group(String groupId) {
        return groupId == null ? null : "group:" + groupId;
    }
}
