package dev.tessera.checkout.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.checkout.CheckoutConfig;
import dev.tessera.checkout.persistence.CheckoutRepository;
import dev.tessera.checkout.persistence.ClaimRepository;
import dev.tessera.checkout.persistence.CouponRepository;
import dev.tessera.checkout.persistence.OfferingRepository;
import dev.tessera.checkout.persistence.RedemptionRepository;
import dev.tessera.checkout.persistence.SeatRepository;
import dev.tessera.events.StripeMetadata;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies what Stripe says about a Checkout Session to our checkout: from {@code checkout.session.*} events and from
 * reconciliation. Idempotent and order-tolerant: the status only moves forward ({@link CheckoutStatus}), and seats,
 * redemptions and claims are keyed by checkout, so a duplicate or a late event changes nothing.
 */
@ApplicationScoped
public class SessionOutcomes {

    private static final Logger LOG = Logger.getLogger(SessionOutcomes.class);

    public static final String COMPLETED = "checkout.session.completed";
    public static final String ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded";
    public static final String ASYNC_FAILED = "checkout.session.async_payment_failed";
    public static final String EXPIRED = "checkout.session.expired";

    private final CheckoutConfig config;
    private final CheckoutRepository checkouts;
    private final OfferingRepository offerings;
    private final SeatRepository seats;
    private final CouponRepository coupons;
    private final RedemptionRepository redemptions;
    private final ClaimRepository claims;
    private final CheckoutEvents events;

    SessionOutcomes(CheckoutConfig config, CheckoutRepository checkouts, OfferingRepository offerings,
                    SeatRepository seats, CouponRepository coupons, RedemptionRepository redemptions,
                    ClaimRepository claims, CheckoutEvents events) {
        this.config = config;
        this.checkouts = checkouts;
        this.offerings = offerings;
        this.seats = seats;
        this.coupons = coupons;
        this.redemptions = redemptions;
        this.claims = claims;
        this.events = events;
    }

    /**
     * Applies a {@code checkout.session.*} event (in the consumer's transaction).
     *
     * @return the checkout's status afterwards, or empty if the session is not one of ours
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> applyEvent(String eventType, JsonNode session, String eventId, Instant created) {
        String target = switch (eventType) {
            case COMPLETED -> completedTarget(session);
            case ASYNC_SUCCEEDED -> CheckoutStatus.COMPLETED;
            case ASYNC_FAILED -> CheckoutStatus.PAYMENT_FAILED;
            case EXPIRED -> CheckoutStatus.EXPIRED;
            default -> null;
        };
        if (target == null) {
            return Optional.empty();
        }
        return apply(session, target, eventId, created);
    }

    /**
     * Applies a session's current state as retrieved from Stripe (reconciliation), in a transaction of its own
     * unless one is running.
     */
    public Optional<String> applySession(JsonNode session, String causationId, Instant created, Instant now) {
        String status = text(session, "status");
        String target = switch (status == null ? "" : status) {
            case "complete" -> completedTarget(session);
            case "expired" -> CheckoutStatus.EXPIRED;
            default -> null;
        };
        if (target == null) {
            return Optional.empty();
        }
        return QuarkusTransaction.joiningExisting().call(() -> apply(session, target, causationId,
                created != null ? created : now));
    }

    private static String completedTarget(JsonNode session) {
        String paymentStatus = text(session, "payment_status");
        return "paid".equals(paymentStatus) || "no_payment_required".equals(paymentStatus)
                ? CheckoutStatus.COMPLETED : CheckoutStatus.AWAITING_PAYMENT;
    }

    private Optional<String> apply(JsonNode session, String target, String causationId, Instant causedAt) {
        String checkoutId = checkoutIdOf(session);
        if (checkoutId == null) {
            LOG.debugf("session %s is not a Tessera checkout; ignored", text(session, "id"));
            return Optional.empty();
        }
        Checkout checkout = checkouts.findForUpdate(checkoutId).orElse(null);
        if (checkout == null) {
            LOG.warnf("session %s names checkout %s, which does not exist here; ignored", text(session, "id"), checkoutId);
            return Optional.empty();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        JsonNode details = session.path("customer_details");
        JsonNode discount = session.path("discounts").path(0);
        checkout.recordStripeOutcome(text(session, "id"), idOf(session.get("customer")),
                idOf(session.get("subscription")), idOf(session.get("payment_intent")), text(details, "email"),
                number(session, "amount_total"), number(session.path("total_details"), "amount_discount"),
                idOf(discount.get("promotion_code")));
        String previous = checkout.moveTo(target, now);
        if (previous == null) {
            return Optional.of(checkout.status());
        }
        Seat seat = seats.findByCheckout(checkoutId).orElse(null);
        switch (target) {
            case CheckoutStatus.COMPLETED -> {
                if (seat != null) {
                    if (Seat.RELEASED.equals(seat.state())) {
                        // paid after we gave the seat up (a cancel raced the payment): the buyer keeps it
                        LOG.warnf("checkout %s was paid after its seat was released; the seat is taken again", checkoutId);
                    }
                    seat.confirm(checkout.subscriptionId(), now);
                }
                recordRedemption(checkout, idOf(discount.get("coupon")), now);
                if (checkout.guest() && checkout.userId() == null && !claims.existsForCheckout(checkoutId)) {
                    issueClaim(checkout, causationId, now);
                }
            }
            case CheckoutStatus.AWAITING_PAYMENT -> {
                if (seat != null) {
                    seat.holdUntilPaid(now);
                }
            }
            default -> {
                if (seat != null && CheckoutStatus.RELEASING.contains(target)) {
                    seat.release(now);
                }
            }
        }
        events.changed(checkout, previous, causationId, causedAt);
        return Optional.of(checkout.status());
    }

    private void recordRedemption(Checkout checkout, String stripeCouponId, Instant now) {
        String couponId = checkout.couponId();
        if (couponId == null && (checkout.promotionCodeId() != null || stripeCouponId != null)) {
            // a code typed on Stripe's page: map it back to our coupon
            couponId = coupons.findByStripeIds(checkout.promotionCodeId(), stripeCouponId).map(Coupon::id).orElse(null);
        }
        if (couponId == null || redemptions.exists(couponId, checkout.id())) {
            return;
        }
        checkout.couponRedeemed(couponId);
        redemptions.persist(CouponRedemption.of(couponId, checkout, now));
    }

    private void issueClaim(Checkout checkout, String causationId, Instant now) {
        String token = Ids.claimToken();
        Instant expiresAt = now.plus(config.claimTtl());
        claims.persist(GuestClaim.issue(token, checkout.id(), checkout.email(), expiresAt, now));
        events.claimIssued(checkout, offerings.findById(checkout.offeringId()), token, config.claimUrl() + token,
                expiresAt, causationId);
    }

    private String checkoutIdOf(JsonNode session) {
        String fromMetadata = text(session.path("metadata"), StripeMetadata.CHECKOUT_ID);
        if (fromMetadata != null) {
            return fromMetadata;
        }
        String reference = text(session, "client_reference_id");
        if (reference != null && reference.startsWith("chk_")) {
            return reference;
        }
        String sessionId = text(session, "id");
        return sessionId == null ? null : checkouts.idBySession(sessionId).orElse(null);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.canConvertToLong() || !value.isIntegralNumber() ? null : value.asLong();
    }

    /** A reference to another Stripe object: its id, or the object itself when expanded. */
    static String idOf(JsonNode reference) {
        if (reference == null || reference.isNull() || reference.isMissingNode()) {
            return null;
        }
        if (reference.isObject()) {
            return text(reference, "id");
        }
        return reference.isTextual() ? reference.asText() : null;
    }
}
