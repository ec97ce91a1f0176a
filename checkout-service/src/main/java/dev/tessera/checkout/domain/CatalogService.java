package dev.tessera.checkout.domain;

import dev.tessera.checkout.persistence.GroupRepository;
import dev.tessera.checkout.persistence.OfferingRepository;
import dev.tessera.checkout.persistence.PriceRepository;
import dev.tessera.checkout.persistence.SeatRepository;
import dev.tessera.events.catalog.CatalogEventTypes;
import dev.tessera.runtime.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sellers' catalog: groups, membership tiers and one-time offerings, their prices and lifecycle. Every change
 * commits with its catalog event (outbox) and asks for a Stripe sync after the commit; the catalog never waits
 * for Stripe, so it works without a Stripe key.
 *
 * <p>Mutations take an {@code authorize} callback, called with the owning seller id after the record is loaded and
 * before anything changes: the resource passes {@code caller::requireSeller}.
 */
@ApplicationScoped
public class CatalogService {

    static final int MAX_BENEFITS = 50;
    private static final Set<String> INTERVALS = Set.of("month", "year");

    private final GroupRepository groups;
    private final OfferingRepository offerings;
    private final PriceRepository prices;
    private final CatalogEvents events;
    private final SeatRepository seats;
    private final Event<SyncRequested> syncRequests;
    private final Clock clock;

    CatalogService(GroupRepository groups, OfferingRepository offerings, PriceRepository prices, CatalogEvents events,
                   SeatRepository seats, Event<SyncRequested> syncRequests) {
        this.groups = groups;
        this.seats = seats;
        this.offerings = offerings;
        this.prices = prices;
        this.events = events;
        this.syncRequests = syncRequests;
        this.clock = Clock.systemUTC();
    }

    /** The fields of an offering a seller writes; which apply depends on the kind. */
    public record OfferingInput(String groupId, String name, String description, Integer capacity, String accessLevel,
                                List<String> benefits, Instant startsAt, Integer credits) {
    }

    public record PriceInput(Long amountMinor, String currency, String interval) {
    }

    // ---- groups --------------------------------------------------------------------------------------------

    @Transactional
    public CatalogGroup createGroup(String sellerId, String name, String description) {
        new Validation().text(sellerId, "sellerId", 100, true).text(name, "name", 200, true)
                .text(description, "description", 5000, false).throwIfInvalid();
        CatalogGroup group = CatalogGroup.create(sellerId, name.strip(), blankToNull(description), now());
        groups.persist(group);
        events.group(CatalogEventTypes.GROUP_CREATED, group);
        return group;
    }

    @Transactional
    public CatalogGroup updateGroup(String groupId, String name, String description, Consumer<String> authorize) {
        CatalogGroup group = lockedGroup(groupId, authorize);
        new Validation().text(name, "name", 200, true).text(description, "description", 5000, false).throwIfInvalid();
        if (group.isArchived()) {
            throw ProblemException.of(CheckoutErrorCode.GROUP_ARCHIVED, "group " + groupId + " is archived");
        }
        group.update(name.strip(), blankToNull(description), now());
        events.group(CatalogEventTypes.GROUP_UPDATED, group);
        return group;
    }

    @Transactional
    public CatalogGroup changeGroupStatus(String groupId, String status, Consumer<String> authorize) {
        CatalogGroup group = lockedGroup(groupId, authorize);
        if (status.equals(group.status())) {
            return group;
        }
        group.changeStatus(status, now());
        events.group(CatalogStatus.ACTIVE.equals(status) ? CatalogEventTypes.GROUP_ACTIVATED
                : CatalogEventTypes.GROUP_ARCHIVED, group);
        return group;
    }

    public CatalogGroup group(String groupId) {
        CatalogGroup group = groups.findById(groupId);
        if (group == null) {
            throw ProblemException.of(CheckoutErrorCode.GROUP_NOT_FOUND, "no group with id " + groupId);
        }
        return group;
    }

    // ---- offerings -----------------------------------------------------------------------------------------

    @Transactional
    public Offering createOffering(String sellerId, String kindValue, OfferingInput input, PriceInput price,
                                   Consumer<String> authorize) {
        Validation validation = new Validation().text(sellerId, "sellerId", 100, true);
        OfferingKind kind = OfferingKind.parse(kindValue).filter(OfferingKind::sellable).orElse(null);
        validation.require(kind != null, "kind", "must be one of " + sellableKinds());
        validation.throwIfInvalid();
        authorize.accept(sellerId);
        validateDetails(validation, kind, input, true);
        validatePrice(validation, kind, price);
        validation.throwIfInvalid();
        requireUsableGroup(input.groupId(), sellerId);

        Instant now = now();
        Offering offering = Offering.create(Ids.next("off"), sellerId, kind, details(input), now);
        OfferingPrice first = OfferingPrice.create(offering.id(), price.amountMinor(), normalized(price.currency()),
                price.interval(), now);
        offering.priceChanged(first.id(), now);
        offerings.persist(offering);
        prices.persist(first);
        return announced(CatalogEventTypes.OFFERING_CREATED, offering);
    }

    @Transactional
    public Offering updateOffering(String offeringId, OfferingInput input, Consumer<String> authorize) {
        Offering offering = lockedUnarchivedOffering(offeringId, authorize);
        Validation validation = new Validation();
        validateDetails(validation, offering.kindEnum(), input, false);
        validation.require(input.groupId() == null || input.groupId().equals(offering.groupId())
                || offering.kindEnum() != OfferingKind.MEMBERSHIP_TIER, "groupId", "a tier cannot move to another group");
        validation.throwIfInvalid();
        requireUsableGroup(input.groupId(), offering.sellerId());
        offering.apply(details(input), now());
        return announced(CatalogEventTypes.OFFERING_UPDATED, offering);
    }

    /** A new price: Stripe prices are immutable, so this is a new price row (and Stripe price); the old one is history. */
    @Transactional
    public Offering changePrice(String offeringId, PriceInput input, Consumer<String> authorize) {
        Offering offering = lockedUnarchivedOffering(offeringId, authorize);
        Validation validation = new Validation();
        validatePrice(validation, offering.kindEnum(), input);
        validation.throwIfInvalid();
        return replacePrice(offering, input.amountMinor(), normalized(input.currency()), input.interval());
    }

    /** Also used for platform plans, whose price comes from configuration. */
    @Transactional(Transactional.TxType.MANDATORY)
    Offering replacePrice(Offering offering, long amountMinor, String currency, String interval) {
        Instant now = now();
        OfferingPrice current = offering.currentPriceId() == null ? null : prices.findById(offering.currentPriceId());
        if (current != null && current.sameAs(amountMinor, currency, interval)) {
            throw ProblemException.of(CheckoutErrorCode.PRICE_UNCHANGED, "the offering already has this price");
        }
        if (current != null) {
            current.supersede(now);
        }
        OfferingPrice next = OfferingPrice.create(offering.id(), amountMinor, currency, interval, now);
        prices.persist(next);
        offering.priceChanged(next.id(), now);
        return announced(CatalogEventTypes.OFFERING_PRICE_CHANGED, offering);
    }

    @Transactional
    public Offering changeOfferingStatus(String offeringId, String status, Consumer<String> authorize) {
        Offering offering = lockedOffering(offeringId, authorize);
        if (status.equals(offering.status())) {
            return offering;
        }
        if (CatalogStatus.ACTIVE.equals(status) && offering.groupId() != null) {
            CatalogGroup group = groups.findById(offering.groupId());
            if (group != null && group.isArchived()) {
                throw ProblemException.of(CheckoutErrorCode.GROUP_ARCHIVED,
                        "offering " + offeringId + " belongs to archived group " + group.id());
            }
        }
        offering.changeStatus(status, now());
        return announced(CatalogStatus.ACTIVE.equals(status) ? CatalogEventTypes.OFFERING_ACTIVATED
                : CatalogEventTypes.OFFERING_ARCHIVED, offering);
    }

    public Offering offering(String offeringId) {
        Offering offering = offerings.findById(offeringId);
        if (offering == null) {
            throw ProblemException.of(CheckoutErrorCode.OFFERING_NOT_FOUND, "no offering with id " + offeringId);
        }
        return offering;
    }

    public List<OfferingPrice> priceHistory(String offeringId) {
        return prices.history(offeringId);
    }

    /** Seats still available, or null for an offering without a capacity. */
    public Long seatsLeft(Offering offering) {
        if (offering.capacity() == null) {
            return null;
        }
        return Math.max(0, offering.capacity() - seats.taken(offering.id(), now()));
    }

    public List<Offering> search(String sellerId, String groupId, String kind, List<String> statuses, int limit) {
        return offerings.search(sellerId, groupId, kind, statuses, limit);
    }

    public List<Offering> platformPlans() {
        return offerings.platformPlans(List.of(CatalogStatus.ACTIVE));
    }

    public List<CatalogGroup> groupsOf(String sellerId, List<String> statuses) {
        return groups.listBySeller(sellerId, statuses);
    }

    public OfferingPrice price(String priceId) {
        return priceId == null ? null : prices.findById(priceId);
    }

    // ---- rules ---------------------------------------------------------------------------------------------

    private void validateDetails(Validation v, OfferingKind kind, OfferingInput input, boolean creating) {
        v.text(input.name(), "name", 200, true).text(input.description(), "description", 5000, false)
                .require(input.capacity() == null || input.capacity() > 0, "capacity", "must be positive");
        String notForKind = "for a " + kind.value();
        switch (kind) {
            case MEMBERSHIP_TIER -> {
                v.require(input.groupId() != null || !creating, "groupId", "is required for a membership tier");
                v.text(input.accessLevel(), "accessLevel", 100, false);
                v.require(input.benefits() == null || input.benefits().size() <= MAX_BENEFITS, "benefits",
                        "must list at most " + MAX_BENEFITS + " benefits");
                v.each(input.benefits(), "benefits", b -> b != null && !b.isBlank() && b.length() <= 200,
                        "must be 1 to 200 characters");
                v.absent(input.startsAt(), "startsAt", notForKind).absent(input.credits(), "credits", notForKind);
            }
            case EVENT_TICKET -> {
                v.require(input.startsAt() != null, "startsAt", "is required for an event ticket");
                v.require(input.startsAt() == null || !creating || input.startsAt().isAfter(now()), "startsAt",
                        "must be in the future");
                v.require(input.capacity() != null, "capacity", "is required for an event ticket (its seats)");
                tierFieldsAbsent(v, input, notForKind);
                v.absent(input.credits(), "credits", notForKind);
            }
            case CREDIT_PACK -> {
                v.require(input.credits() != null && input.credits() > 0, "credits", "must be a positive number of credits");
                tierFieldsAbsent(v, input, notForKind);
                v.absent(input.startsAt(), "startsAt", notForKind);
            }
            default -> {
                tierFieldsAbsent(v, input, notForKind);
                v.absent(input.startsAt(), "startsAt", notForKind).absent(input.credits(), "credits", notForKind);
            }
        }
    }

    private static void tierFieldsAbsent(Validation v, OfferingInput input, String why) {
        v.absent(input.accessLevel(), "accessLevel", why);
        v.require(input.benefits() == null || input.benefits().isEmpty(), "benefits", "must not be set " + why);
    }

    private static void validatePrice(Validation v, OfferingKind kind, PriceInput price) {
        if (price == null) {
            v.require(false, "price", "is required");
            return;
        }
        v.require(price.amountMinor() != null && price.amountMinor() > 0, "price.amountMinor",
                "must be a positive amount in minor units (2900 is 29.00 EUR)");
        v.currency(price.currency(), "price.currency");
        if (kind.recurring()) {
            v.require(price.interval() != null && INTERVALS.contains(price.interval()), "price.interval",
                    "must be month or year for a " + kind.value());
        } else {
            v.absent(price.interval(), "price.interval", "for a one-time " + kind.value());
        }
    }

    private void requireUsableGroup(String groupId, String sellerId) {
        if (groupId == null) {
            return;
        }
        CatalogGroup group = groups.findById(groupId);
        if (group == null || !group.sellerId().equals(sellerId)) {
            // another seller's group is reported as absent: its existence is not this seller's business
            throw ProblemException.of(CheckoutErrorCode.GROUP_NOT_FOUND, "seller " + sellerId + " has no group " + groupId);
        }
        if (group.isArchived()) {
            throw ProblemException.of(CheckoutErrorCode.GROUP_ARCHIVED, "group " + groupId + " is archived");
        }
    }

    private CatalogGroup lockedGroup(String groupId, Consumer<String> authorize) {
        CatalogGroup group = groups.findForUpdate(groupId).orElseThrow(() ->
                ProblemException.of(CheckoutErrorCode.GROUP_NOT_FOUND, "no group with id " + groupId));
        authorize.accept(group.sellerId());
        return group;
    }

    private Offering lockedOffering(String offeringId, Consumer<String> authorize) {
        Offering offering = offerings.findForUpdate(offeringId).orElseThrow(() ->
                ProblemException.of(CheckoutErrorCode.OFFERING_NOT_FOUND, "no offering with id " + offeringId));
        if (offering.isPlatformPlan()) {
            throw ProblemException.of(CheckoutErrorCode.PLATFORM_PLAN_READ_ONLY,
                    "platform plans are changed through configuration");
        }
        authorize.accept(offering.sellerId());
        return offering;
    }

    /** Archived offerings keep their details and price: only their status may change. */
    private Offering lockedUnarchivedOffering(String offeringId, Consumer<String> authorize) {
        Offering offering = lockedOffering(offeringId, authorize);
        if (offering.isArchived()) {
            throw ProblemException.of(CheckoutErrorCode.OFFERING_ARCHIVED, "offering " + offeringId + " is archived");
        }
        return offering;
    }

    /** Every offering change is both a catalog event and a reason for Stripe to catch up. */
    @Transactional(Transactional.TxType.MANDATORY)
    Offering announced(String eventType, Offering offering) {
        events.offering(eventType, offering);
        syncRequests.fire(SyncRequested.offering(offering.id()));
        return offering;
    }

    private static Offering.Details details(OfferingInput input) {
        return new Offering.Details(input.name().strip(), blankToNull(input.description()), input.groupId(),
                input.capacity(), blankToNull(input.accessLevel()),
                input.benefits() == null ? List.of() : input.benefits().stream().map(String::strip).toList(),
                input.startsAt(), input.credits());
    }

    private static List<String> sellableKinds() {
        return java.util.Arrays.stream(OfferingKind.values()).filter(OfferingKind::sellable).map(OfferingKind::value)
                .toList();
    }

    static String normalized(String currency) {
        return currency.toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
