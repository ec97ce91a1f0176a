package dev.tessera.checkout.domain;

import dev.tessera.checkout.persistence.CouponRepository;
import dev.tessera.checkout.persistence.OfferingRepository;
import dev.tessera.checkout.persistence.RedemptionRepository;
import dev.tessera.events.catalog.CatalogEventTypes;
import dev.tessera.runtime.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Sellers' coupons. A coupon is immutable once created (as in Stripe); it can only be archived. Every coupon names
 * the offerings it applies to, which must be the seller's own: Stripe promotion codes are account-wide, and the
 * coupon's product restriction is what keeps one seller's code off another seller's checkout page.
 */
@ApplicationScoped
public class CouponService {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{3,50}");
    private static final Set<String> DURATIONS = Set.of("once", "repeating", "forever");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final CouponRepository coupons;
    private final OfferingRepository offerings;
    private final RedemptionRepository redemptions;
    private final CatalogEvents events;
    private final Event<SyncRequested> syncRequests;

    CouponService(CouponRepository coupons, OfferingRepository offerings, RedemptionRepository redemptions,
                  CatalogEvents events, Event<SyncRequested> syncRequests) {
        this.coupons = coupons;
        this.offerings = offerings;
        this.redemptions = redemptions;
        this.events = events;
        this.syncRequests = syncRequests;
    }

    public record CouponInput(String sellerId, String code, String name, BigDecimal percentOff, Long amountOffMinor,
                              String currency, String duration, Integer durationInMonths, Instant redeemFrom,
                              Instant redeemUntil, Integer maxRedemptions, List<String> offeringIds) {
    }

    @Transactional
    public Coupon create(CouponInput input, Consumer<String> authorize) {
        Validation v = new Validation().text(input.sellerId(), "sellerId", 100, true);
        v.throwIfInvalid();
        authorize.accept(input.sellerId());
        v.require(input.code() != null && CODE.matcher(input.code()).matches(), "code",
                "must be 3 to 50 letters and digits");
        v.text(input.name(), "name", 200, false);
        boolean percent = input.percentOff() != null;
        boolean amount = input.amountOffMinor() != null;
        v.require(percent != amount, "percentOff", "set exactly one of percentOff and amountOffMinor");
        Integer basisPoints = null;
        if (percent) {
            BigDecimal bps = input.percentOff().multiply(HUNDRED);
            boolean whole = bps.stripTrailingZeros().scale() <= 0;
            v.require(whole && bps.compareTo(BigDecimal.ONE) >= 0 && bps.compareTo(BigDecimal.valueOf(10_000)) <= 0,
                    "percentOff", "must be more than 0 and at most 100, with at most two decimals");
            if (whole) {
                basisPoints = bps.intValue();
            }
        }
        if (amount) {
            v.require(input.amountOffMinor() > 0, "amountOffMinor", "must be positive");
            v.currency(input.currency(), "currency");
        } else {
            v.absent(input.currency(), "currency", "without amountOffMinor");
        }
        v.require(input.duration() != null && DURATIONS.contains(input.duration()), "duration",
                "must be once, repeating or forever");
        if ("repeating".equals(input.duration())) {
            v.require(input.durationInMonths() != null && input.durationInMonths() > 0 && input.durationInMonths() <= 36,
                    "durationInMonths", "must be 1 to 36 for a repeating coupon");
        } else {
            v.absent(input.durationInMonths(), "durationInMonths", "unless duration is repeating");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        v.require(input.redeemUntil() == null || input.redeemUntil().isAfter(now), "redeemUntil", "must be in the future");
        v.require(input.redeemFrom() == null || input.redeemUntil() == null || input.redeemFrom().isBefore(input.redeemUntil()),
                "redeemFrom", "must be before redeemUntil");
        v.require(input.maxRedemptions() == null || input.maxRedemptions() > 0, "maxRedemptions", "must be positive");
        v.require(input.offeringIds() != null && !input.offeringIds().isEmpty() && input.offeringIds().size() <= 100,
                "offeringIds", "must name 1 to 100 of the seller's offerings the coupon applies to");
        v.throwIfInvalid();
        List<String> offeringIds = List.copyOf(new LinkedHashSet<>(input.offeringIds()));
        for (int i = 0; i < offeringIds.size(); i++) {
            Offering offering = offerings.findById(offeringIds.get(i));
            v.require(offering != null && input.sellerId().equals(offering.sellerId()), "offeringIds[" + i + "]",
                    "is not an offering of seller " + input.sellerId());
        }
        v.throwIfInvalid();
        if (coupons.findActiveByCode(input.code()).isPresent()) {
            throw ProblemException.of(CheckoutErrorCode.COUPON_CODE_TAKEN, "the code " + input.code().toUpperCase(Locale.ROOT)
                    + " is already in use");
        }
        Coupon coupon = Coupon.create(input.sellerId(), new Coupon.Terms(input.code().toUpperCase(Locale.ROOT),
                input.name(), basisPoints, input.amountOffMinor(),
                amount ? input.currency().toUpperCase(Locale.ROOT) : null, input.duration(), input.durationInMonths(),
                input.redeemFrom(), input.redeemUntil(), input.maxRedemptions(), offeringIds), now);
        coupons.persist(coupon);
        coupons.flush();
        events.coupon(CatalogEventTypes.COUPON_CREATED, coupon);
        syncRequests.fire(SyncRequested.coupon(coupon.id()));
        return coupon;
    }

    @Transactional
    public Coupon archive(String couponId, Consumer<String> authorize) {
        Coupon coupon = coupons.findForUpdate(couponId).orElseThrow(() -> notFound(couponId));
        authorize.accept(coupon.sellerId());
        if (!coupon.isActive()) {
            return coupon;
        }
        coupon.archive(Instant.now().truncatedTo(ChronoUnit.MICROS));
        events.coupon(CatalogEventTypes.COUPON_ARCHIVED, coupon);
        syncRequests.fire(SyncRequested.coupon(coupon.id()));
        return coupon;
    }

    public Coupon get(String couponId, Consumer<String> authorize) {
        Coupon coupon = coupons.findById(couponId);
        if (coupon == null) {
            throw notFound(couponId);
        }
        authorize.accept(coupon.sellerId());
        return coupon;
    }

    public List<Coupon> list(String sellerId) {
        return coupons.listBySeller(sellerId);
    }

    public long redemptions(String couponId) {
        return redemptions.countForCoupon(couponId);
    }

    private static ProblemException notFound(String couponId) {
        return ProblemException.of(CheckoutErrorCode.COUPON_NOT_FOUND, "no coupon with id " + couponId);
    }
}
