package dev.tessera.checkout.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.ApiRequestParams;
import com.stripe.net.ApiResource;
import com.stripe.net.RequestOptions;
import com.stripe.net.StripeResponse;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.ProductUpdateParams;
import com.stripe.param.PromotionCodeCreateParams;
import com.stripe.param.PromotionCodeUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionExpireParams;
import dev.tessera.checkout.domain.Coupon;
import dev.tessera.checkout.domain.Ids;
import dev.tessera.checkout.domain.OfferingPrice;
import dev.tessera.checkout.domain.StripeCallException;
import dev.tessera.checkout.domain.StripeCatalog;
import dev.tessera.checkout.domain.StripeSessions;
import dev.tessera.events.EventJson;
import dev.tessera.runtime.stripe.StripeClients;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The only class that talks to Stripe. Every mutating call carries an idempotency key made of the Tessera record
 * id, what the call does, and a fingerprint of its exact parameters: a retry (ours or stripe-java's own network
 * retry) returns the object the first call created, and a changed parameter set gets a new key instead of
 * Stripe's "key reused with different parameters" error.
 */
@ApplicationScoped
public class StripeApi implements StripeCatalog, StripeSessions {

    private static final Logger LOG = Logger.getLogger(StripeApi.class);
    /** Stripe limits coupon names to 40 characters. */
    private static final int COUPON_NAME_MAX = 40;

    private final StripeClients clients;
    private final MeterRegistry registry;

    StripeApi(StripeClients clients, MeterRegistry registry) {
        this.clients = clients;
        this.registry = registry;
    }

    @Override
    public boolean configured() {
        return clients.configured();
    }

    // ---- catalog -------------------------------------------------------------------------------------------

    @Override
    public String createProduct(String offeringId, ProductSpec spec) {
        ProductCreateParams.Builder params = ProductCreateParams.builder()
                .setName(spec.name())
                .setActive(spec.active())
                .putAllMetadata(spec.metadata());
        if (spec.description() != null && !spec.description().isBlank()) {
            params.setDescription(spec.description());
        }
        ProductCreateParams built = params.build();
        return call("create product of " + offeringId, () -> client().v1().products()
                .create(built, options(offeringId, "product", built)).getId());
    }

    @Override
    public void updateProduct(String offeringId, String productId, ProductSpec spec) {
        ProductUpdateParams.Builder params = ProductUpdateParams.builder()
                .setName(spec.name())
                .setActive(spec.active())
                .putAllMetadata(spec.metadata());
        if (spec.description() != null && !spec.description().isBlank()) {
            params.setDescription(spec.description());
        }
        ProductUpdateParams built = params.build();
        call("update product " + productId, () -> client().v1().products()
                .update(productId, built, options(offeringId, "product-update", built)));
    }

    @Override
    public String createPrice(OfferingPrice price, String productId, Map<String, String> metadata) {
        PriceCreateParams.Builder params = PriceCreateParams.builder()
                .setProduct(productId)
                .setCurrency(price.currency().toLowerCase(Locale.ROOT))
                .setUnitAmount(price.amountMinor())
                .putAllMetadata(metadata);
        if (price.interval() != null) {
            params.setRecurring(PriceCreateParams.Recurring.builder()
                    .setInterval("year".equals(price.interval()) ? PriceCreateParams.Recurring.Interval.YEAR
                            : PriceCreateParams.Recurring.Interval.MONTH)
                    .build());
        }
        PriceCreateParams built = params.build();
        return call("create price " + price.id(), () -> client().v1().prices()
                .create(built, options(price.id(), "price", built)).getId());
    }

    @Override
    public void deactivatePrice(OfferingPrice price) {
        PriceUpdateParams built = PriceUpdateParams.builder().setActive(false).build();
        call("deactivate price " + price.stripePriceId(), () -> client().v1().prices()
                .update(price.stripePriceId(), built, options(price.id(), "price-deactivate", built)));
    }

    @Override
    public String createCoupon(Coupon coupon, List<String> productIds) {
        CouponCreateParams.Builder params = CouponCreateParams.builder()
                .setDuration(switch (coupon.duration()) {
                    case "once" -> CouponCreateParams.Duration.ONCE;
                    case "repeating" -> CouponCreateParams.Duration.REPEATING;
                    default -> CouponCreateParams.Duration.FOREVER;
                })
                .setAppliesTo(CouponCreateParams.AppliesTo.builder().addAllProduct(productIds).build())
                .putMetadata("tessera_coupon_id", coupon.id())
                .putMetadata("tessera_seller_id", coupon.sellerId());
        if (coupon.percentOffBasisPoints() != null) {
            // basis points to a two-decimal percentage, exactly: 1250 -> 12.50
            params.setPercentOff(BigDecimal.valueOf(coupon.percentOffBasisPoints(), 2));
        } else {
            params.setAmountOff(coupon.amountOffMinor()).setCurrency(coupon.currency().toLowerCase(Locale.ROOT));
        }
        if (coupon.durationInMonths() != null) {
            params.setDurationInMonths(coupon.durationInMonths().longValue());
        }
        if (coupon.maxRedemptions() != null) {
            params.setMaxRedemptions(coupon.maxRedemptions().longValue());
        }
        if (coupon.redeemUntil() != null) {
            params.setRedeemBy(coupon.redeemUntil().getEpochSecond());
        }
        String name = coupon.name() != null ? coupon.name() : coupon.code();
        params.setName(name.length() > COUPON_NAME_MAX ? name.substring(0, COUPON_NAME_MAX) : name);
        CouponCreateParams built = params.build();
        return call("create coupon " + coupon.id(), () -> client().v1().coupons()
                .create(built, options(coupon.id(), "coupon", built)).getId());
    }

    @Override
    public String createPromotionCode(Coupon coupon, boolean active) {
        PromotionCodeCreateParams.Builder params = PromotionCodeCreateParams.builder()
                .setPromotion(PromotionCodeCreateParams.Promotion.builder()
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON)
                        .setCoupon(coupon.stripeCouponId())
                        .build())
                .setCode(coupon.code())
                .setActive(active)
                .putMetadata("tessera_coupon_id", coupon.id())
                .putMetadata("tessera_seller_id", coupon.sellerId());
        if (coupon.redeemUntil() != null) {
            params.setExpiresAt(coupon.redeemUntil().getEpochSecond());
        }
        if (coupon.maxRedemptions() != null) {
            params.setMaxRedemptions(coupon.maxRedemptions().longValue());
        }
        PromotionCodeCreateParams built = params.build();
        return call("create promotion code of " + coupon.id(), () -> client().v1().promotionCodes()
                .create(built, options(coupon.id(), "promotion-code", built)).getId());
    }

    @Override
    public void setPromotionCodeActive(Coupon coupon, boolean active) {
        PromotionCodeUpdateParams built = PromotionCodeUpdateParams.builder().setActive(active).build();
        call("update promotion code " + coupon.stripePromotionCodeId(), () -> client().v1().promotionCodes()
                .update(coupon.stripePromotionCodeId(), built, options(coupon.id(), "promotion-code-active", built)));
    }

    // ---- checkout sessions ---------------------------------------------------------------------------------

    @Override
    public CreatedSession create(SessionSpec spec) {
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(spec.subscription() ? SessionCreateParams.Mode.SUBSCRIPTION : SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setPrice(spec.stripePriceId())
                        .setQuantity(spec.quantity())
                        .build())
                .setSuccessUrl(spec.successUrl())
                .setCancelUrl(spec.cancelUrl())
                .setClientReferenceId(spec.checkoutId())
                .setExpiresAt(spec.expiresAt().getEpochSecond())
                .putAllMetadata(spec.metadata());
        if (spec.customerEmail() != null) {
            params.setCustomerEmail(spec.customerEmail());
        }
        // Stripe takes either a pre-applied discount or a code field on its page, not both.
        if (spec.promotionCodeId() != null) {
            params.addDiscount(SessionCreateParams.Discount.builder().setPromotionCode(spec.promotionCodeId()).build());
        } else {
            params.setAllowPromotionCodes(true);
        }
        // The attribution travels on: every later event of the subscription or payment says whom it concerns.
        if (spec.subscription()) {
            params.setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                    .putAllMetadata(spec.metadata()).build());
        } else {
            params.setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                    .putAllMetadata(spec.metadata()).build());
        }
        SessionCreateParams built = params.build();
        Session session = call("create checkout session of " + spec.checkoutId(), () -> client().v1().checkout()
                .sessions().create(built, options(spec.checkoutId(), "session", built)));
        Instant expiresAt = session.getExpiresAt() == null ? null : Instant.ofEpochSecond(session.getExpiresAt());
        return new CreatedSession(session.getId(), session.getUrl(), expiresAt);
    }

    @Override
    public JsonNode retrieve(String sessionId) {
        StripeResponse response = call("retrieve checkout session " + sessionId, () -> client().rawRequest(
                ApiResource.RequestMethod.GET,
                "/v1/checkout/sessions/" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8), null));
        return EventJson.tree(response.body());
    }

    @Override
    public void expire(String sessionId) {
        SessionExpireParams built = SessionExpireParams.builder().build();
        call("expire checkout session " + sessionId, () -> client().v1().checkout().sessions()
                .expire(sessionId, built, options(sessionId, "expire", built)));
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    private StripeClient client() {
        return clients.require();
    }

    /** {@code tessera:<record id>:<operation>:<fingerprint of the parameters>}, well under Stripe's 255 characters. */
    static String idempotencyKey(String recordId, String operation, ApiRequestParams params) {
        return "tessera:" + recordId + ":" + operation + ":" + Ids.sha256(canonical(params.toMap())).substring(0, 32);
    }

    private static RequestOptions options(String recordId, String operation, ApiRequestParams params) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey(recordId, operation, params)).build();
    }

    /** Maps with sorted keys, recursively, so the same parameters always print the same. */
    static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, String> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put(String.valueOf(key), canonical(item)));
            return sorted.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StripeApi::canonical).toList().toString();
        }
        return String.valueOf(value);
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private <T> T call(String what, StripeCall<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            Integer status = e.getStatusCode();
            boolean rejected = !(e instanceof ApiConnectionException) && !(e instanceof RateLimitException)
                    && status != null && status >= 400 && status < 500 && status != 409;
            String reason = e.getStripeError() != null && e.getStripeError().getMessage() != null
                    ? e.getStripeError().getMessage() : e.getMessage();
            LOG.warnf("Stripe call failed (%s, status %s, request %s): %s", what, status, e.getRequestId(), reason);
            registry.counter("tessera.stripe.call.failures", "outcome", rejected ? "rejected" : "unavailable").increment();
            throw new StripeCallException(what + " failed: " + reason, rejected, e);
        }
    }
}
