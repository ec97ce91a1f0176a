package dev.tessera.checkout.domain;

import java.util.List;
import java.util.Map;

/**
 * The Stripe objects behind the catalog. Implementations send every mutating call with an idempotency key made of
 * our record id and a fingerprint of the parameters, so a repeated call never creates a second object.
 *
 * @see StripeCallException
 */
public interface StripeCatalog {

    /** Whether a Stripe key is configured at all. */
    boolean configured();

    /** What an offering's product should look like in Stripe. */
    record ProductSpec(String name, String description, boolean active, Map<String, String> metadata) {

        public String fingerprint() {
            return Ids.fingerprint(name, description, active, new java.util.TreeMap<>(metadata));
        }
    }

    /** Creates the offering's product; returns its Stripe id. */
    String createProduct(String offeringId, ProductSpec spec);

    void updateProduct(String offeringId, String productId, ProductSpec spec);

    /** Creates the Stripe price of one of our price rows; returns its Stripe id. */
    String createPrice(OfferingPrice price, String productId, Map<String, String> metadata);

    void deactivatePrice(OfferingPrice price);

    /** Creates the coupon, limited to the given products; returns its Stripe id. */
    String createCoupon(Coupon coupon, List<String> productIds);

    /** Creates the coupon's promotion code (its customer-facing code); returns its Stripe id. */
    String createPromotionCode(Coupon coupon, boolean active);

    void setPromotionCodeActive(Coupon coupon, boolean active);
}
