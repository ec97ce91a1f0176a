package dev.tessera.e2e.harness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.checkout.SessionCreateParams;

import dev.tessera.e2e.harness.Actors.Buyer;
import dev.tessera.e2e.harness.Actors.Seller;
import dev.tessera.events.StripeMetadata;

/**
 * Sells straight through Stripe, creating the Checkout Session exactly as checkout-service's {@code StripeApi}
 * does: the Tessera attribution ({@link StripeMetadata}) on the session and copied to {@code subscription_data} or
 * {@code payment_intent_data}, {@code client_reference_id} = the checkout id, the buyer's e-mail, promotion codes
 * allowed, an {@code expires_at} and an idempotency key derived from the checkout id. Products and prices are
 * created as checkout-service's catalog sync would create them.
 */
final class DirectStorefront implements Storefront {

    private static final Duration SESSION_TTL = Duration.ofHours(1);

    private final StripeEmulator emulator;

    DirectStorefront(E2eSuite suite) {
        this.emulator = suite.emulator();
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public Group group(Seller seller) {
        return new Group(seller.sellerId(), Actors.id("grp_e2e"));
    }

    @Override
    public Offering offering(Seller seller, Group group, String kind, long amountMinor, String currency, Integer capacity) {
        String offeringId = Actors.id("off_e2e");
        try {
            Product product = emulator.stripe().v1().products().create(ProductCreateParams.builder()
                    .setName("E2E " + kind + " " + offeringId)
                    .putMetadata(StripeMetadata.SELLER_ID, seller.sellerId())
                    .putMetadata(StripeMetadata.OFFERING_ID, offeringId)
                    .putMetadata(StripeMetadata.OFFERING_KIND, kind)
                    .build(), idempotent(offeringId + ":product"));
            PriceCreateParams.Builder price = PriceCreateParams.builder()
                    .setProduct(product.getId())
                    .setUnitAmount(amountMinor)
                    .setCurrency(currency)
                    .putMetadata(StripeMetadata.OFFERING_ID, offeringId);
            boolean recurring = kind.equals(StripeMetadata.KIND_MEMBERSHIP_TIER) || kind.equals(StripeMetadata.KIND_PLATFORM_PLAN);
            if (recurring) {
                price.setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build());
            }
            Price created = emulator.stripe().v1().prices().create(price.build(), idempotent(offeringId + ":price"));
            return new Offering(seller.sellerId(), group == null ? null : group.groupId(), offeringId, kind,
                    created.getId(), amountMinor, currency);
        } catch (StripeException e) {
            throw new AssertionError("The emulator refused the catalog of " + offeringId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Purchase buy(Buyer buyer, Offering offering, String replacesSubscriptionId) {
        String checkoutId = Actors.id("chk_e2e");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(StripeMetadata.SELLER_ID, offering.sellerId());
        metadata.put(StripeMetadata.OFFERING_ID, offering.offeringId());
        metadata.put(StripeMetadata.OFFERING_KIND, offering.kind());
        if (offering.groupId() != null) {
            metadata.put(StripeMetadata.GROUP_ID, offering.groupId());
        }
        metadata.put(StripeMetadata.CHECKOUT_ID, checkoutId);
        if (!buyer.guest()) {
            metadata.put(StripeMetadata.USER_ID, buyer.userId());
        }
        if (replacesSubscriptionId != null) {
            metadata.put(StripeMetadata.REPLACES_SUBSCRIPTION, replacesSubscriptionId);
        }
        boolean subscription = offering.recurring();
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(subscription ? SessionCreateParams.Mode.SUBSCRIPTION : SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(offering.stripePriceId()).setQuantity(1L).build())
                .setSuccessUrl("http://localhost:8082/checkout/success?checkout=" + checkoutId)
                .setCancelUrl("http://localhost:8082/checkout/cancel?checkout=" + checkoutId)
                .setClientReferenceId(checkoutId)
                // The emulator's clock, not the wall clock: scenarios move it ahead (see Storefront.direct).
                .setExpiresAt(emulator.now().plus(SESSION_TTL).getEpochSecond())
                .putAllMetadata(metadata)
                .setCustomerEmail(buyer.email())
                .setAllowPromotionCodes(true);
        if (subscription) {
            params.setSubscriptionData(SessionCreateParams.SubscriptionData.builder().putAllMetadata(metadata).build());
        } else {
            params.setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putAllMetadata(metadata).build());
        }
        Session session;
        try {
            session = emulator.stripe().v1().checkout().sessions().create(params.build(),
                    idempotent("tessera:" + checkoutId + ":session"));
        } catch (StripeException e) {
            throw new AssertionError("The emulator refused the Checkout Session of " + checkoutId + ": " + e.getMessage(), e);
        }
        JsonNode paid = emulator.pay(session.getId(), buyer.email());
        return new Purchase(checkoutId, session.getId(), text(paid, "customer"), text(paid, "subscription"),
                text(paid, "payment_intent"), paid);
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isObject()) {
            value = value.path("id");
        }
        return value.isTextual() ? value.asText() : null;
    }
}
