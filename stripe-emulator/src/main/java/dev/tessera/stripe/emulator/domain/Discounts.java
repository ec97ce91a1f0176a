package dev.tessera.stripe.emulator.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Store;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Coupon and promotion code rules shared by Checkout and the catalog endpoints. */
@Singleton
public class Discounts {
  @Inject Store store;
  @Inject EmulatorClock clock;

  /** Whether a coupon can still be redeemed now; also refreshes its {@code valid} flag. */
  public boolean couponValid(ObjectNode coupon) {
    long now = clock.now();
    boolean valid = (coupon.get("redeem_by").isNull() || Json.num(coupon, "redeem_by") > now)
        && (coupon.get("max_redemptions").isNull()
            || Json.num(coupon, "times_redeemed") < Json.num(coupon, "max_redemptions"));
    coupon.put("valid", valid);
    return valid;
  }

  public ObjectNode redeemableCoupon(String account, String id, String param) {
    ObjectNode coupon = store.require(account, "coupon", id, param);
    if (!couponValid(coupon)) {
      throw ApiError.invalid(param, "Coupon " + id + " is no longer valid.");
    }
    return coupon;
  }

  /** A promotion code found by its customer-facing code (case-insensitive), if active. */
  public ObjectNode activeByCode(String account, String code) {
    for (ObjectNode p : store.list(account, "promotion_code", p -> p.get("active").asBoolean())) {
      if (Json.text(p, "code").equalsIgnoreCase(code)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Checks that a promotion code can be applied to a purchase of {@code subtotal} by
   * {@code customer} (may be null), and returns its coupon.
   */
  public ObjectNode checkRedeemable(String account, ObjectNode promo, String customer, long subtotal,
      String currency, String param) {
    String code = Json.text(promo, "code");
    long now = clock.now();
    if (!promo.get("active").asBoolean()
        || (!promo.get("expires_at").isNull() && Json.num(promo, "expires_at") <= now)
        || (!promo.get("max_redemptions").isNull()
            && Json.num(promo, "times_redeemed") >= Json.num(promo, "max_redemptions"))) {
      throw ApiError.invalid(param, "This promotion code cannot be redeemed: " + code + " is no longer active.");
    }
    String onlyFor = Json.text(promo, "customer");
    if (onlyFor != null && !onlyFor.equals(customer)) {
      throw ApiError.invalid(param, "This promotion code cannot be redeemed by this customer: " + code + ".");
    }
    ObjectNode restrictions = (ObjectNode) promo.get("restrictions");
    if (!restrictions.get("minimum_amount").isNull()
        && currency.equals(Json.text(restrictions, "minimum_amount_currency"))
        && subtotal < Json.num(restrictions, "minimum_amount")) {
      throw ApiError.invalid(param, "This promotion code requires a minimum order of "
          + Money.format(Json.num(restrictions, "minimum_amount"), currency) + ": " + code + ".");
    }
    if (restrictions.get("first_time_transaction").asBoolean() && customer != null
        && !store.list(account, "charge", c -> customer.equals(Json.text(c, "customer"))
            && "succeeded".equals(Json.text(c, "status"))).isEmpty()) {
      throw ApiError.invalid(param, "This promotion code is only for first-time customers: " + code + ".");
    }
    ObjectNode coupon = redeemableCoupon(account, Json.text(promo.get("promotion"), "coupon"), param);
    checkCurrency(coupon, currency, param);
    return coupon;
  }

  /**
   * A coupon restricted with {@code applies_to[products]} must name at least one product being bought.
   * (Stripe then discounts only those items; the emulator discounts the whole subtotal.)
   */
  public void checkAppliesTo(ObjectNode coupon, java.util.Collection<String> products, String param) {
    com.fasterxml.jackson.databind.JsonNode appliesTo = coupon.path("applies_to").path("products");
    if (!appliesTo.isArray() || appliesTo.isEmpty()) {
      return;
    }
    for (com.fasterxml.jackson.databind.JsonNode product : appliesTo) {
      if (products.contains(product.asText())) {
        return;
      }
    }
    throw ApiError.invalid(param, "This coupon does not apply to any item in this purchase.");
  }

  public void checkCurrency(ObjectNode coupon, String currency, String param) {
    if (!coupon.get("amount_off").isNull() && !currency.equals(Json.text(coupon, "currency"))) {
      throw ApiError.invalid(param, "The coupon " + Json.text(coupon, "id") + " is in "
          + Json.text(coupon, "currency") + " but the purchase is in " + currency + ".");
    }
  }

  /** Counts one redemption of a coupon and, if used, the promotion code that carried it. */
  public void redeem(ObjectNode coupon, ObjectNode promo) {
    coupon.put("times_redeemed", Json.num(coupon, "times_redeemed") + 1);
    couponValid(coupon);
    if (promo != null) {
      promo.put("times_redeemed", Json.num(promo, "times_redeemed") + 1);
    }
  }

  /** The end of a discount that starts now under this coupon: once/forever have none, repeating ends after N months. */
  public static Long discountEnd(ObjectNode coupon, long start) {
    if ("repeating".equals(Json.text(coupon, "duration"))) {
      return Billing.addInterval(start, "month", Json.num(coupon, "duration_in_months"));
    }
    return null;
  }
}
