package dev.tessera.checkout.domain;

import dev.tessera.checkout.CheckoutConfig;
import dev.tessera.checkout.persistence.CheckoutRepository;
import dev.tessera.checkout.persistence.CouponRepository;
import dev.tessera.checkout.persistence.GroupRepository;
import dev.tessera.checkout.persistence.OfferingRepository;
import dev.tessera.checkout.persistence.PriceRepository;
import dev.tessera.checkout.persistence.RedemptionRepository;
import dev.tessera.checkout.persistence.SeatRepository;
import dev.tessera.events.StripeMetadata;
import dev.tessera.runtime.error.PlatformErrorCode;
import dev.tessera.runtime.error.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Opens Checkout Sessions: idempotently, holding a seat for capacity-limited offerings, with coupons checked up
 * front and Tessera's attribution metadata on the session and on the PaymentIntent or Subscription it creates.
 *
 * <p>Opening is three steps. (1) In one transaction, under a row lock on the offering, the request key is looked
 * up, the purchase checked (availability, coupon, capacity) and the checkout recorded with its seat held; two
 * buyers racing for the last seat serialize on the lock and exactly one gets it. (2) The session is created in
 * Stripe with an idempotency key derived from the checkout id and the parameters. (3) Its id and URL are recorded.
 * If step 2 fails without an answer, the checkout stays {@code creating}: a retry with the same request key (or the
 * reconciler) repeats step 2 with the same key and gets the same session.
 */
@ApplicationScoped
public class CheckoutService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final int MAX_URL = 2000;
    /** Stripe refuses a session expiring sooner than 30 minutes from now. */
    private static final java.time.Duration MIN_TTL = java.time.Duration.ofMinutes(30);

    private final CheckoutConfig config;
    private final CheckoutRepository checkouts;
    private final OfferingRepository offerings;
    private final PriceRepository prices;
    private final GroupRepository groups;
    private final CouponRepository coupons;
    private final RedemptionRepository redemptions;
    private final SeatRepository seats;
    private final CatalogSync sync;
    private final StripeSessions stripe;
    private final CheckoutEvents events;
    private final MeterRegistry registry;

    CheckoutService(CheckoutConfig config, CheckoutRepository checkouts, OfferingRepository offerings,
                    PriceRepository prices, GroupRepository groups, CouponRepository coupons,
                    RedemptionRepository redemptions, SeatRepository seats, CatalogSync sync, StripeSessions stripe,
                    CheckoutEvents events, MeterRegistry registry) {
        this.registry = registry;
        this.config = config;
        this.checkouts = checkouts;
        this.offerings = offerings;
        this.prices = prices;
        this.groups = groups;
        this.coupons = coupons;
        this.redemptions = redemptions;
        this.seats = seats;
        this.sync = sync;
        this.stripe = stripe;
        this.events = events;
    }

    /**
     * What the buyer asks for. {@code sellerId} names the seller buying a platform plan; {@code email} is required
     * for a guest. URLs default to this service's own pages.
     */
    public record OpenRequest(String offeringId, Integer quantity, String email, String couponCode, String successUrl,
                              String cancelUrl, String replacesSubscriptionId, String sellerId) {
    }

    /** The checkout, and whether it was an earlier request's result returned again. */
    public record Opened(Checkout checkout, boolean replayed) {
    }

    /**
     * @param userId the signed-in buyer, or null for a guest
     * @param tokenEmail the e-mail from the buyer's token, if any
     * @param idempotencyKey the {@code Idempotency-Key} header, or null to derive one
     * @param authorizeSeller called with the seller id a platform plan is bought for
     */
    public Opened open(OpenRequest request, String userId, String tokenEmail, String idempotencyKey,
                       Consumer<String> authorizeSeller) {
        try {
            Opened opened = openChecked(request, userId, tokenEmail, idempotencyKey, authorizeSeller);
            registry.counter("tessera.checkout.requests", "outcome", opened.replayed() ? "replayed" : "opened").increment();
            return opened;
        } catch (ProblemException e) {
            // capacity_exhausted, coupon_*, idempotency_key_reused, stripe_*: what turns buyers away, by stable code
            registry.counter("tessera.checkout.requests", "outcome", e.errorCode().code()).increment();
            throw e;
        }
    }

    private Opened openChecked(OpenRequest request, String userId, String tokenEmail, String idempotencyKey,
                               Consumer<String> authorizeSeller) {
        if (!stripe.configured()) {
            throw new ProblemException(PlatformErrorCode.SERVICE_UNAVAILABLE,
                    "Stripe is not configured on this service (STRIPE_API_KEY is not set)");
        }
        int quantity = request.quantity() == null ? 1 : request.quantity();
        String email = normalizedEmail(request.email() != null ? request.email() : tokenEmail);
        Checkout.Buyer buyer = new Checkout.Buyer(userId, email, userId == null);
        validate(request, quantity, buyer, idempotencyKey);
        String couponCode = request.couponCode() == null || request.couponCode().isBlank() ? null
                : request.couponCode().strip().toUpperCase(Locale.ROOT);
        String fingerprint = Ids.fingerprint(request.offeringId(), quantity, email, couponCode, request.successUrl(),
                request.cancelUrl(), request.replacesSubscriptionId(), request.sellerId());
        Checkout.RequestKey key = idempotencyKey != null
                ? new Checkout.RequestKey(idempotencyKey, false, fingerprint)
                : new Checkout.RequestKey("derived:" + Ids.fingerprint(buyer.scope(), fingerprint), true, fingerprint);

        prepareStripeObjects(request.offeringId(), couponCode);

        Opened opened;
        try {
            opened = QuarkusTransaction.requiringNew().call(() ->
                    record(request, quantity, couponCode, buyer, key, authorizeSeller));
        } catch (PersistenceException e) {
            // a concurrent request with the same key (for another offering) committed first: answer like a replay
            opened = QuarkusTransaction.requiringNew().call(() -> checkouts.findByRequestKey(buyer.scope(), key.key())
                    .map(existing -> replay(existing, key)).orElseThrow(() -> e));
        }
        if (CheckoutStatus.CREATING.equals(opened.checkout().status())) {
            return new Opened(createSession(opened.checkout().id()), opened.replayed());
        }
        return opened;
    }

    private Opened replay(Checkout existing, Checkout.RequestKey key) {
        if (!existing.requestFingerprint().equals(key.fingerprint())) {
            throw ProblemException.of(CheckoutErrorCode.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used for "
                    + "checkout " + existing.id() + " with a different request; use a new key for a new request");
        }
        return new Opened(existing, true);
    }

    /** Step 1: everything checked and recorded under the offering's row lock. */
    private Opened record(OpenRequest request, int quantity, String couponCode, Checkout.Buyer buyer,
                          Checkout.RequestKey key, Consumer<String> authorizeSeller) {
        Offering offering = offerings.findForUpdate(request.offeringId()).orElseThrow(() ->
                ProblemException.of(CheckoutErrorCode.OFFERING_NOT_FOUND, "no offering with id " + request.offeringId()));
        Optional<Checkout> existing = checkouts.findByRequestKey(buyer.scope(), key.key());
        if (existing.isPresent()) {
            return replay(existing.get(), key);
        }
        Instant now = now();
        OfferingKind kind = offering.kindEnum();
        requireOnSale(offering);
        OfferingPrice price = prices.findById(offering.currentPriceId());
        if (price.amountMinor() == 0) {
            throw ProblemException.of(CheckoutErrorCode.NOTHING_TO_PAY, offering.name() + " is free: there is nothing to pay");
        }
        if (quantity > 1 && !kind.allowsQuantity()) {
            throw ProblemException.invalidField("quantity", "must be 1 for a " + kind.value());
        }
        String sellerId = offering.sellerId();
        String holder = buyer.scope();
        if (kind == OfferingKind.PLATFORM_PLAN) {
            if (request.sellerId() == null || buyer.guest()) {
                throw ProblemException.invalidField("sellerId", "is required: a platform plan is bought by a signed-in seller for one of its sellers");
            }
            authorizeSeller.accept(request.sellerId());
            sellerId = request.sellerId();
            holder = "seller:" + sellerId;
        } else if (request.sellerId() != null && !request.sellerId().equals(sellerId)) {
            throw ProblemException.invalidField("sellerId", "is only for platform plans");
        }
        Coupon coupon = couponCode == null ? null : applicableCoupon(couponCode, offering, price, now);
        boolean exempt = false;
        if (request.replacesSubscriptionId() != null) {
            requireSwitchable(request.replacesSubscriptionId(), offering, holder);
            exempt = true;
        } else if (kind == OfferingKind.MEMBERSHIP_TIER) {
            // an existing member renewing or changing tier is never turned away for capacity
            exempt = seats.isMemberOfGroup(holder, offering.groupId());
        }
        if (offering.capacity() != null && !exempt) {
            long taken = seats.taken(offering.id(), now);
            if (taken + quantity > offering.capacity()) {
                long left = Math.max(0, offering.capacity() - taken);
                throw ProblemException.of(CheckoutErrorCode.CAPACITY_EXHAUSTED, left == 0
                        ? offering.name() + " is full" : "only " + left + " of " + offering.name() + " left")
                        .with("remaining", left);
            }
        }
        String checkoutId = Ids.next("chk");
        Instant expiresAt = now.plus(ttl()).truncatedTo(ChronoUnit.SECONDS);
        Checkout.Purchase purchase = new Checkout.Purchase(offering, price, sellerId, quantity,
                request.replacesSubscriptionId(), coupon,
                request.successUrl() != null ? request.successUrl() : defaultUrl("/checkout/success", checkoutId)
                        + "&session_id={CHECKOUT_SESSION_ID}",
                request.cancelUrl() != null ? request.cancelUrl() : defaultUrl("/checkout/cancel", checkoutId),
                expiresAt);
        Checkout checkout = Checkout.create(checkoutId, buyer, key, purchase, now);
        checkouts.persist(checkout);
        seats.persist(Seat.hold(checkoutId, offering.id(), offering.groupId(), holder, quantity,
                expiresAt.plus(config.holdGrace()), exempt, now));
        checkouts.flush();
        return new Opened(checkout, false);
    }

    private void requireOnSale(Offering offering) {
        if (!offering.isActive()) {
            throw ProblemException.of(CheckoutErrorCode.OFFERING_NOT_AVAILABLE, offering.name() + " is not on sale");
        }
        if (offering.groupId() != null) {
            CatalogGroup group = groups.findById(offering.groupId());
            if (group == null || !group.isActive()) {
                throw ProblemException.of(CheckoutErrorCode.OFFERING_NOT_AVAILABLE,
                        offering.name() + " is not on sale: its group is not active");
            }
        }
        if (offering.startsAt() != null && !offering.startsAt().isAfter(now())) {
            throw ProblemException.of(CheckoutErrorCode.OFFERING_NOT_AVAILABLE, offering.name() + " has already started");
        }
    }

    /** A tier switch must name a subscription the buyer holds in the same group (or, for plans, the same seller's plan). */
    private void requireSwitchable(String subscriptionId, Offering offering, String holder) {
        OfferingKind kind = offering.kindEnum();
        if (!kind.recurring()) {
            throw ProblemException.of(CheckoutErrorCode.REPLACED_SUBSCRIPTION_INVALID,
                    "only a membership tier or platform plan can replace a subscription");
        }
        boolean switchable = seats.findBySubscription(subscriptionId).stream().anyMatch(seat ->
                Seat.CONFIRMED.equals(seat.state()) && seat.holder().equals(holder)
                        && (kind == OfferingKind.PLATFORM_PLAN
                        ? seat.groupId() == null && offerings.findById(seat.offeringId()).isPlatformPlan()
                        : offering.groupId().equals(seat.groupId()))
                        && !seat.offeringId().equals(offering.id()));
        if (!switchable) {
            throw ProblemException.of(CheckoutErrorCode.REPLACED_SUBSCRIPTION_INVALID, "subscription " + subscriptionId
                    + " is not an active subscription of yours to another tier of this "
                    + (kind == OfferingKind.PLATFORM_PLAN ? "seller's platform plan" : "group"));
        }
    }

    private Coupon applicableCoupon(String code, Offering offering, OfferingPrice price, Instant now) {
        Coupon found = coupons.findActiveByCode(code).orElse(null);
        if (found == null) {
            boolean existed = coupons.findLatestByCode(code).isPresent();
            throw ProblemException.of(existed ? CheckoutErrorCode.COUPON_EXPIRED : CheckoutErrorCode.COUPON_UNKNOWN,
                    existed ? "coupon " + code + " is no longer valid" : "there is no coupon " + code);
        }
        // the coupon row is locked too: two buyers cannot take its last redemption at once
        Coupon coupon = coupons.findForUpdate(found.id()).orElseThrow();
        if (!coupon.appliesTo(offering.id()) || !coupon.sellerId().equals(offering.sellerId())) {
            throw ProblemException.of(CheckoutErrorCode.COUPON_NOT_APPLICABLE, "coupon " + code + " does not apply to "
                    + offering.name());
        }
        if (coupon.currency() != null && !coupon.currency().equals(price.currency())) {
            throw ProblemException.of(CheckoutErrorCode.COUPON_NOT_APPLICABLE, "coupon " + code + " is in "
                    + coupon.currency() + " but " + offering.name() + " is priced in " + price.currency());
        }
        if (coupon.redeemFrom() != null && now.isBefore(coupon.redeemFrom())) {
            throw ProblemException.of(CheckoutErrorCode.COUPON_NOT_YET_VALID, "coupon " + code + " can be used from "
                    + coupon.redeemFrom());
        }
        if (coupon.redeemUntil() != null && !now.isBefore(coupon.redeemUntil())) {
            throw ProblemException.of(CheckoutErrorCode.COUPON_EXPIRED, "coupon " + code + " expired at "
                    + coupon.redeemUntil());
        }
        if (coupon.maxRedemptions() != null) {
            long used = redemptions.countForCoupon(coupon.id()) + checkouts.countInFlightWithCoupon(coupon.id(), now);
            if (used >= coupon.maxRedemptions()) {
                throw ProblemException.of(CheckoutErrorCode.COUPON_EXHAUSTED, "coupon " + code + " has been used up");
            }
        }
        if (coupon.stripePromotionCodeId() == null || !coupon.stripePromotionActive()) {
            throw ProblemException.of(CheckoutErrorCode.STRIPE_UNAVAILABLE, "coupon " + code
                    + " is not in Stripe yet; try again shortly");
        }
        return coupon;
    }

    /** Makes sure Stripe has the offering's price (and the coupon's promotion code) before a session needs them. */
    private void prepareStripeObjects(String offeringId, String couponCode) {
        try {
            Boolean offeringBehind = QuarkusTransaction.requiringNew().call(() -> {
                Offering offering = offerings.findById(offeringId);
                if (offering == null || offering.currentPriceId() == null) {
                    return false;
                }
                OfferingPrice price = prices.findById(offering.currentPriceId());
                return offering.stripeProductId() == null || price.stripePriceId() == null;
            });
            if (offeringBehind) {
                sync.syncOffering(offeringId);
            }
            if (couponCode != null) {
                String couponBehind = QuarkusTransaction.requiringNew().call(() -> coupons.findActiveByCode(couponCode)
                        .filter(c -> c.stripePromotionCodeId() == null
                                || c.stripePromotionActive() != c.shouldBeActiveInStripe(Instant.now()))
                        .map(Coupon::id).orElse(null));
                if (couponBehind != null) {
                    sync.syncCoupon(couponBehind);
                }
            }
        } catch (StripeCallException e) {
            throw stripeProblem(e);
        }
    }

    /** Step 2 and 3: creates (or, with the same idempotency key, finds again) the checkout's session. */
    public Checkout createSession(String checkoutId) {
        StripeSessions.SessionSpec spec = QuarkusTransaction.requiringNew().call(() -> sessionSpec(checkoutId));
        StripeSessions.CreatedSession session;
        try {
            session = stripe.create(spec);
        } catch (StripeCallException e) {
            if (e.rejected()) {
                QuarkusTransaction.requiringNew().run(() -> {
                    Checkout checkout = checkouts.findForUpdate(checkoutId).orElseThrow();
                    checkout.failed(e.getMessage());
                    String previous = checkout.moveTo(CheckoutStatus.FAILED, now());
                    if (previous != null) {
                        seats.findByCheckout(checkoutId).ifPresent(seat -> seat.release(now()));
                        events.changed(checkout, previous, null, now());
                    }
                });
            }
            throw stripeProblem(e);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Checkout checkout = checkouts.findForUpdate(checkoutId).orElseThrow();
            checkout.sessionCreated(session.id(), session.url(), session.expiresAt(), now());
            String previous = checkout.moveTo(CheckoutStatus.OPEN, now());
            if (previous != null) {
                events.changed(checkout, previous, null, now());
            }
            return checkout;
        });
    }

    private StripeSessions.SessionSpec sessionSpec(String checkoutId) {
        Checkout checkout = checkouts.findById(checkoutId);
        Offering offering = offerings.findById(checkout.offeringId());
        OfferingPrice price = prices.findById(checkout.priceId());
        if (price.stripePriceId() == null) {
            throw ProblemException.of(CheckoutErrorCode.STRIPE_UNAVAILABLE, "the price is not in Stripe yet");
        }
        return new StripeSessions.SessionSpec(checkout.id(), checkout.isSubscription(), price.stripePriceId(),
                checkout.quantity(), checkout.successUrl(), checkout.cancelUrl(), checkout.email(),
                metadata(checkout, offering), checkout.promotionCodeId(), checkout.expiresAt());
    }

    /** The attribution every Stripe object of this purchase carries (architecture: "attribution travels in metadata"). */
    static Map<String, String> metadata(Checkout checkout, Offering offering) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(StripeMetadata.SELLER_ID, checkout.sellerId());
        metadata.put(StripeMetadata.OFFERING_ID, checkout.offeringId());
        metadata.put(StripeMetadata.OFFERING_KIND, checkout.offeringKind());
        if (checkout.groupId() != null) {
            metadata.put(StripeMetadata.GROUP_ID, checkout.groupId());
        }
        metadata.put(StripeMetadata.CHECKOUT_ID, checkout.id());
        if (checkout.userId() != null) {
            metadata.put(StripeMetadata.USER_ID, checkout.userId());
        }
        if (checkout.replacesSubscriptionId() != null) {
            metadata.put(StripeMetadata.REPLACES_SUBSCRIPTION, checkout.replacesSubscriptionId());
        }
        if (offering.planCode() != null) {
            metadata.put(StripeMetadata.PLAN, offering.planCode());
            metadata.put(StripeMetadata.COMMISSION_BPS, String.valueOf(offering.commissionBasisPoints()));
        }
        return metadata;
    }

    // ---- reading and cancelling ----------------------------------------------------------------------------

    public Optional<Checkout> find(String checkoutId) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(checkouts.findById(checkoutId)));
    }

    /**
     * Cancels a checkout that has not been paid: its session is expired in Stripe (so it cannot be paid any more)
     * and its seat released. A session Stripe already finished is not cancelled; its real state is applied instead.
     */
    public Checkout cancel(String checkoutId, Consumer<Checkout> authorize, SessionOutcomes outcomes) {
        Checkout checkout = find(checkoutId).orElseThrow(() -> notFound(checkoutId));
        authorize.accept(checkout);
        if (CheckoutStatus.CANCELLED.equals(checkout.status())) {
            return checkout;
        }
        if (!CheckoutStatus.CREATING.equals(checkout.status()) && !CheckoutStatus.OPEN.equals(checkout.status())) {
            throw ProblemException.of(CheckoutErrorCode.CHECKOUT_NOT_CANCELLABLE, "checkout " + checkoutId + " is "
                    + checkout.status());
        }
        if (checkout.stripeSessionId() != null) {
            try {
                stripe.expire(checkout.stripeSessionId());
            } catch (StripeCallException e) {
                if (!e.rejected()) {
                    throw stripeProblem(e);
                }
                // Stripe refuses to expire a session that is complete or already expired: take its real state
                outcomes.applySession(stripe.retrieve(checkout.stripeSessionId()), null, null, now());
                Checkout now = find(checkoutId).orElseThrow();
                if (!CheckoutStatus.CANCELLED.equals(now.status()) && !CheckoutStatus.EXPIRED.equals(now.status())) {
                    throw ProblemException.of(CheckoutErrorCode.CHECKOUT_NOT_CANCELLABLE, "checkout " + checkoutId
                            + " is " + now.status());
                }
                return now;
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Checkout locked = checkouts.findForUpdate(checkoutId).orElseThrow();
            String previous = locked.moveTo(CheckoutStatus.CANCELLED, now());
            if (previous != null) {
                seats.findByCheckout(checkoutId).ifPresent(seat -> seat.release(now()));
                events.changed(locked, previous, null, now());
            }
            return locked;
        });
    }

    public static ProblemException notFound(String checkoutId) {
        return ProblemException.of(CheckoutErrorCode.CHECKOUT_NOT_FOUND, "no checkout with id " + checkoutId);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void validate(OpenRequest request, int quantity, Checkout.Buyer buyer, String idempotencyKey) {
        Validation v = new Validation();
        v.text(request.offeringId(), "offeringId", 40, true);
        v.require(quantity >= 1 && quantity <= config.maxQuantity(), "quantity",
                "must be between 1 and " + config.maxQuantity());
        if (buyer.guest()) {
            v.require(buyer.email() != null, "email", "is required to check out as a guest (or sign in)");
        }
        v.require(buyer.email() == null || EMAIL.matcher(buyer.email()).matches() && buyer.email().length() <= 320,
                "email", "must be an e-mail address");
        v.text(request.couponCode(), "couponCode", 100, false);
        v.text(request.replacesSubscriptionId(), "replacesSubscriptionId", 100, false);
        v.require(request.replacesSubscriptionId() == null || request.replacesSubscriptionId().startsWith("sub_"),
                "replacesSubscriptionId", "must be a Stripe subscription id (sub_...)");
        v.require(request.replacesSubscriptionId() == null || !buyer.guest(), "replacesSubscriptionId",
                "needs a signed-in buyer");
        redirect(v, request.successUrl(), "successUrl");
        redirect(v, request.cancelUrl(), "cancelUrl");
        v.throwIfInvalid();
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to 200 visible ASCII characters");
        }
    }

    /** Only URLs on allowed hosts: the service must not become an open redirect. */
    private void redirect(Validation v, String url, String field) {
        if (url == null) {
            return;
        }
        boolean valid = false;
        try {
            URI uri = new URI(url.replace("{CHECKOUT_SESSION_ID}", "x"));
            String host = uri.getHost();
            valid = url.length() <= MAX_URL && host != null && config.allowedRedirectHosts().contains(host)
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && "localhost".equals(host));
        } catch (URISyntaxException e) {
            valid = false;
        }
        v.require(valid, field, "must be an https URL on an allowed host " + config.allowedRedirectHosts());
    }

    private String defaultUrl(String path, String checkoutId) {
        String base = config.publicBaseUrl().endsWith("/") ? config.publicBaseUrl().substring(0,
                config.publicBaseUrl().length() - 1) : config.publicBaseUrl();
        return base + path + "?checkout_id=" + checkoutId;
    }

    private java.time.Duration ttl() {
        return config.sessionTtl().compareTo(MIN_TTL) < 0 ? MIN_TTL : config.sessionTtl();
    }

    static ProblemException stripeProblem(StripeCallException e) {
        if (e.rejected()) {
            return new ProblemException(CheckoutErrorCode.STRIPE_REJECTED,
                    "Stripe refused the request: " + e.getMessage(), e);
        }
        return new ProblemException(CheckoutErrorCode.STRIPE_UNAVAILABLE,
                "Stripe could not be reached; retry with the same Idempotency-Key", e);
    }

    private static String normalizedEmail(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
