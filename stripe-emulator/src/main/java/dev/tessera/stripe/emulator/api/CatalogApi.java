package dev.tessera.stripe.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Pages;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.domain.Discounts;
import dev.tessera.stripe.emulator.domain.Metadata;
import dev.tessera.stripe.emulator.domain.Money;
import dev.tessera.stripe.emulator.domain.Shapes;
import dev.tessera.stripe.emulator.events.EventLog;
import dev.tessera.stripe.emulator.http.ApiModule;
import dev.tessera.stripe.emulator.http.Call;
import dev.tessera.stripe.emulator.http.Router;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Predicate;

/** Products, prices, coupons and promotion codes. */
@Singleton
public class CatalogApi implements ApiModule {
  private static final String[] PRODUCT_FIELDS = {"name", "active", "description", "metadata", "images", "url",
      "statement_descriptor", "unit_label", "tax_code", "shippable"};

  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject EventLog events;
  @Inject Discounts discounts;

  @Override
  public void routes(Router r) {
    r.post("/v1/products", this::createProduct)
        .get("/v1/products", this::listProducts)
        .get("/v1/products/{id}", c -> store.require(c.account(), "product", c.id(), "id"))
        .post("/v1/products/{id}", this::updateProduct)
        .delete("/v1/products/{id}", this::deleteProduct)
        .post("/v1/prices", this::createPrice)
        .get("/v1/prices", this::listPrices)
        .get("/v1/prices/{id}", c -> store.require(c.account(), "price", c.id(), "id"))
        .post("/v1/prices/{id}", this::updatePrice)
        .post("/v1/coupons", this::createCoupon)
        .get("/v1/coupons", c -> {
          c.params().allow(Pages.with("created"));
          return Lists.of(store, c, "coupon", Pages.range(c.params(), "created"), "/v1/coupons");
        })
        .get("/v1/coupons/{id}", c -> {
          ObjectNode coupon = store.require(c.account(), "coupon", c.id(), "id");
          discounts.couponValid(coupon);
          return coupon;
        })
        .post("/v1/coupons/{id}", this::updateCoupon)
        .delete("/v1/coupons/{id}", this::deleteCoupon)
        .post("/v1/promotion_codes", this::createPromotionCode)
        .get("/v1/promotion_codes", this::listPromotionCodes)
        .get("/v1/promotion_codes/{id}", c -> store.require(c.account(), "promotion_code", c.id(), "id"))
        .post("/v1/promotion_codes/{id}", this::updatePromotionCode);
  }

  // ---- products

  private ObjectNode createProduct(Call c) {
    Params p = c.params();
    p.allow("id", "name", "active", "description", "metadata", "images", "url", "statement_descriptor",
        "unit_label", "tax_code", "shippable", "default_price_data");
    String name = p.requireString("name");
    String id = p.string("id") != null ? p.string("id") : Ids.shortId("prod");
    if (store.get(c.account(), id) != null) {
      throw new ApiError(400, "invalid_request_error", "resource_already_exists", "Product already exists.", "id");
    }
    Params priceData = p.map("default_price_data");
    if (priceData != null) {
      priceData.allow("currency", "unit_amount", "unit_amount_decimal", "recurring", "metadata", "tax_behavior");
    }
    ObjectNode product = Shapes.product(id, clock.now(), name);
    applyProductFields(product, p);
    ObjectNode price = null;
    if (priceData != null) {
      price = buildPrice(c.account(), priceData, id);
    }
    store.put(c.account(), product);
    events.emit(c.account(), "product.created", product);
    if (price != null) {
      store.put(c.account(), price);
      events.emit(c.account(), "price.created", price);
      product.put("default_price", Json.text(price, "id"));
    }
    return product;
  }

  private void applyProductFields(ObjectNode product, Params p) {
    for (String field : PRODUCT_FIELDS) {
      if (!p.has(field) || field.equals("metadata") || field.equals("name")) {
        continue;
      }
      switch (field) {
        case "active", "shippable" -> product.put(field, p.bool(field));
        case "images" -> product.set("images", Json.arrOf(p.stringList("images")));
        default -> product.put(field, p.string(field));
      }
    }
    if (p.has("name")) {
      product.put("name", p.requireString("name"));
    }
    Metadata.apply(product, p);
  }

  private ObjectNode listProducts(Call c) {
    Params p = c.params();
    p.allow(Pages.with("active", "created", "ids", "shippable", "url"));
    Boolean active = p.bool("active");
    List<String> ids = p.stringList("ids");
    Predicate<ObjectNode> filter = Pages.range(p, "created")
        .and(o -> active == null || o.get("active").asBoolean() == active)
        .and(o -> ids.isEmpty() || ids.contains(Json.text(o, "id")))
        .and(Pages.eq(p, "url", "url"));
    return Lists.of(store, c, "product", filter, "/v1/products");
  }

  private ObjectNode updateProduct(Call c) {
    Params p = c.params();
    p.allow("name", "active", "description", "metadata", "images", "url", "statement_descriptor", "unit_label",
        "tax_code", "shippable", "default_price");
    ObjectNode product = store.require(c.account(), "product", c.id(), "id");
    ObjectNode updated = product.deepCopy();
    applyProductFields(updated, p);
    if (p.has("default_price")) {
      String priceId = p.string("default_price");
      if (priceId != null) {
        ObjectNode price = store.require(c.account(), "price", priceId, "default_price");
        if (!c.id().equals(Json.text(price, "product")) || !price.get("active").asBoolean()) {
          throw ApiError.invalid("default_price", "The default price must be an active price of this product.");
        }
      }
      updated.put("default_price", priceId);
    }
    return applyUpdate(c.account(), product, updated, "product.updated", true);
  }

  private ObjectNode deleteProduct(Call c) {
    ObjectNode product = store.require(c.account(), "product", c.id(), "id");
    if (!store.list(c.account(), "price", pr -> c.id().equals(Json.text(pr, "product"))).isEmpty()) {
      throw ApiError.state(null, "This product cannot be deleted because it has one or more user-created prices.");
    }
    store.remove(c.account(), c.id(), null);
    events.emit(c.account(), "product.deleted", product);
    return Json.obj("deleted", true, "id", c.id(), "object", "product");
  }

  /** Copies the validated changes onto the stored object and sends the update event if anything changed. */
  private ObjectNode applyUpdate(String account, ObjectNode stored, ObjectNode updated, String eventType,
      boolean touchUpdated) {
    ObjectNode before = stored.deepCopy();
    if (touchUpdated && !Json.diff(before, updated).isEmpty()) {
      updated.put("updated", clock.now());
    }
    stored.setAll(updated);
    if (!Json.diff(before, stored).isEmpty()) {
      events.updated(account, eventType, before, stored);
    }
    return stored;
  }

  // ---- prices

  private ObjectNode createPrice(Call c) {
    Params p = c.params();
    p.allow("currency", "unit_amount", "unit_amount_decimal", "product", "product_data", "recurring", "lookup_key",
        "transfer_lookup_key", "nickname", "metadata", "active", "tax_behavior", "billing_scheme");
    if (p.has("product") == p.has("product_data")) {
      throw ApiError.invalid("product", "You must specify either `product` or `product_data` when creating a price.");
    }
    if (p.has("billing_scheme") && !"per_unit".equals(p.oneOf("billing_scheme", "per_unit", "tiered"))) {
      throw ApiError.unsupported("billing_scheme", "tiered prices");
    }
    ObjectNode newProduct = null;
    String productId;
    if (p.has("product")) {
      productId = p.requireString("product");
      store.require(c.account(), "product", productId, "product");
    } else {
      Params pd = p.requireMap("product_data");
      pd.allow("id", "name", "active", "metadata", "statement_descriptor", "unit_label", "tax_code");
      productId = pd.string("id") != null ? pd.string("id") : Ids.shortId("prod");
      newProduct = Shapes.product(productId, clock.now(), pd.requireString("name"));
      applyProductFields(newProduct, pd);
    }
    ObjectNode price = buildPrice(c.account(), p, productId);
    String lookupKey = p.string("lookup_key");
    ObjectNode previousOwner = null;
    if (lookupKey != null) {
      List<ObjectNode> owners = store.list(c.account(), "price", o -> lookupKey.equals(Json.text(o, "lookup_key")));
      if (!owners.isEmpty()) {
        if (!p.bool("transfer_lookup_key", false)) {
          throw ApiError.invalid("lookup_key", "A price (`" + Json.text(owners.get(0), "id")
              + "`) already uses that lookup key.");
        }
        previousOwner = owners.get(0);
      }
      price.put("lookup_key", lookupKey);
    }
    price.put("nickname", p.string("nickname"));
    if (p.has("active")) {
      price.put("active", p.bool("active"));
    }
    if (newProduct != null) {
      store.put(c.account(), newProduct);
      events.emit(c.account(), "product.created", newProduct);
    }
    if (previousOwner != null) {
      ObjectNode before = previousOwner.deepCopy();
      previousOwner.putNull("lookup_key");
      events.updated(c.account(), "price.updated", before, previousOwner);
    }
    store.put(c.account(), price);
    events.emit(c.account(), "price.created", price);
    return price;
  }

  /** A price from currency, amount and recurrence parameters (validated, not stored). */
  private ObjectNode buildPrice(String account, Params p, String productId) {
    String currency = Money.currency("currency", p.requireString("currency"));
    Long unitAmount = p.longValue("unit_amount");
    if (unitAmount == null && p.has("unit_amount_decimal")) {
      Double decimal = p.decimal("unit_amount_decimal");
      if (decimal == null || decimal != Math.floor(decimal)) {
        throw ApiError.unsupported("unit_amount_decimal", "fractional unit amounts");
      }
      unitAmount = decimal.longValue();
    }
    if (unitAmount == null) {
      throw ApiError.missing("unit_amount");
    }
    if (unitAmount < 0) {
      throw ApiError.invalid("unit_amount", "This value must be greater than or equal to 0.");
    }
    ObjectNode recurring = null;
    Params r = p.map("recurring");
    if (r != null) {
      r.allow("interval", "interval_count", "usage_type");
      String interval = r.oneOf("interval", "day", "month", "week", "year");
      if (interval == null) {
        throw ApiError.missing(r.name("interval"));
      }
      Long count = r.longInRange("interval_count", 1, "year".equals(interval) ? 3 : "month".equals(interval) ? 36
          : "week".equals(interval) ? 156 : 1095);
      if ("metered".equals(r.oneOf("usage_type", "licensed", "metered"))) {
        throw ApiError.unsupported(r.name("usage_type"), "metered prices");
      }
      recurring = Shapes.recurring(interval, count == null ? 1 : count);
    }
    ObjectNode price = Shapes.price(Ids.next("price"), clock.now(), currency, productId, unitAmount, recurring);
    String taxBehavior = p.oneOf("tax_behavior", "exclusive", "inclusive", "unspecified");
    if (taxBehavior != null) {
      price.put("tax_behavior", taxBehavior);
    }
    Metadata.apply(price, p);
    return price;
  }

  private ObjectNode listPrices(Call c) {
    Params p = c.params();
    p.allow(Pages.with("active", "currency", "product", "type", "lookup_keys", "recurring", "created"));
    Boolean active = p.bool("active");
    String type = p.oneOf("type", "one_time", "recurring");
    List<String> lookupKeys = p.stringList("lookup_keys");
    Params recurring = p.map("recurring");
    String interval = null;
    if (recurring != null) {
      recurring.allow("interval", "usage_type", "meter");
      interval = recurring.oneOf("interval", "day", "month", "week", "year");
    }
    String wantInterval = interval;
    Predicate<ObjectNode> filter = Pages.range(p, "created")
        .and(o -> active == null || o.get("active").asBoolean() == active)
        .and(Pages.eq(p, "currency", "currency"))
        .and(Pages.eq(p, "product", "product"))
        .and(o -> type == null || type.equals(Json.text(o, "type")))
        .and(o -> lookupKeys.isEmpty() || lookupKeys.contains(Json.text(o, "lookup_key")))
        .and(o -> wantInterval == null || (!o.get("recurring").isNull()
            && wantInterval.equals(Json.text(o.get("recurring"), "interval"))));
    return Lists.of(store, c, "price", filter, "/v1/prices");
  }

  private ObjectNode updatePrice(Call c) {
    Params p = c.params();
    p.allow("active", "metadata", "nickname", "lookup_key", "transfer_lookup_key", "tax_behavior");
    ObjectNode price = store.require(c.account(), "price", c.id(), "id");
    ObjectNode updated = price.deepCopy();
    if (p.has("active")) {
      updated.put("active", p.bool("active"));
    }
    if (p.has("nickname")) {
      updated.put("nickname", p.string("nickname"));
    }
    if (p.has("tax_behavior")) {
      updated.put("tax_behavior", p.oneOf("tax_behavior", "exclusive", "inclusive", "unspecified"));
    }
    ObjectNode previousOwner = null;
    if (p.has("lookup_key")) {
      String key = p.string("lookup_key");
      if (key != null) {
        List<ObjectNode> owners = store.list(c.account(), "price",
            o -> key.equals(Json.text(o, "lookup_key")) && !c.id().equals(Json.text(o, "id")));
        if (!owners.isEmpty()) {
          if (!p.bool("transfer_lookup_key", false)) {
            throw ApiError.invalid("lookup_key", "A price (`" + Json.text(owners.get(0), "id")
                + "`) already uses that lookup key.");
          }
          previousOwner = owners.get(0);
        }
      }
      updated.put("lookup_key", key);
    }
    Metadata.apply(updated, p);
    if (previousOwner != null) {
      ObjectNode before = previousOwner.deepCopy();
      previousOwner.putNull("lookup_key");
      events.updated(c.account(), "price.updated", before, previousOwner);
    }
    return applyUpdate(c.account(), price, updated, "price.updated", false);
  }

  // ---- coupons

  private ObjectNode createCoupon(Call c) {
    Params p = c.params();
    p.allow("id", "percent_off", "amount_off", "currency", "duration", "duration_in_months", "name",
        "max_redemptions", "redeem_by", "metadata", "applies_to");
    List<String> appliesTo = p.has("applies_to") ? p.requireMap("applies_to").stringList("products") : List.of();
    String id = p.string("id") != null ? p.string("id") : Ids.random(8);
    if (store.get(c.account(), id) != null) {
      throw new ApiError(400, "invalid_request_error", "resource_already_exists", "Coupon already exists.", "id");
    }
    Double percent = p.decimal("percent_off");
    Long amountOff = p.longValue("amount_off");
    if ((percent == null) == (amountOff == null)) {
      throw ApiError.invalid("percent_off", "You must pass exactly one of `percent_off` or `amount_off`.");
    }
    ObjectNode coupon = Shapes.coupon(id, clock.now());
    if (percent != null) {
      if (percent <= 0 || percent > 100) {
        throw ApiError.invalid("percent_off", "Invalid percent_off: must be greater than 0 and at most 100.");
      }
      coupon.put("percent_off", percent);
    } else {
      if (amountOff < 1) {
        throw ApiError.invalid("amount_off", "This value must be greater than or equal to 1.");
      }
      coupon.put("amount_off", amountOff);
      coupon.put("currency", Money.currency("currency", p.requireString("currency")));
    }
    String duration = p.oneOf("duration", "forever", "once", "repeating");
    if (duration != null) {
      coupon.put("duration", duration);
    }
    if ("repeating".equals(duration)) {
      Long months = p.longInRange("duration_in_months", 1, 1200);
      if (months == null) {
        throw ApiError.missing("duration_in_months");
      }
      coupon.put("duration_in_months", months);
    } else if (p.has("duration_in_months")) {
      throw ApiError.invalid("duration_in_months", "duration_in_months is only valid with duration=repeating.");
    }
    coupon.put("name", p.string("name"));
    coupon.put("max_redemptions", p.longInRange("max_redemptions", 1, Long.MAX_VALUE));
    Long redeemBy = p.longValue("redeem_by");
    if (redeemBy != null && redeemBy <= clock.now()) {
      throw ApiError.invalid("redeem_by", "redeem_by must be in the future.");
    }
    coupon.put("redeem_by", redeemBy);
    if (!appliesTo.isEmpty()) {
      for (String product : appliesTo) {
        store.require(c.account(), "product", product, "applies_to[products]");
      }
      com.fasterxml.jackson.databind.node.ArrayNode products = coupon.putObject("applies_to").putArray("products");
      appliesTo.forEach(products::add);
    }
    Metadata.apply(coupon, p);
    store.put(c.account(), coupon);
    events.emit(c.account(), "coupon.created", coupon);
    return coupon;
  }

  private ObjectNode updateCoupon(Call c) {
    Params p = c.params();
    p.allow("name", "metadata");
    ObjectNode coupon = store.require(c.account(), "coupon", c.id(), "id");
    ObjectNode updated = coupon.deepCopy();
    if (p.has("name")) {
      updated.put("name", p.string("name"));
    }
    Metadata.apply(updated, p);
    return applyUpdate(c.account(), coupon, updated, "coupon.updated", false);
  }

  private ObjectNode deleteCoupon(Call c) {
    ObjectNode coupon = store.require(c.account(), "coupon", c.id(), "id");
    store.remove(c.account(), c.id(), null);
    events.emit(c.account(), "coupon.deleted", coupon);
    return Json.obj("deleted", true, "id", c.id(), "object", "coupon");
  }

  // ---- promotion codes

  private ObjectNode createPromotionCode(Call c) {
    Params p = c.params();
    p.allow("promotion", "code", "active", "customer", "expires_at", "max_redemptions", "restrictions", "metadata");
    Params promotion = p.requireMap("promotion");
    promotion.allow("type", "coupon");
    if (!"coupon".equals(promotion.oneOf("type", "coupon"))) {
      throw ApiError.missing(promotion.name("type"));
    }
    String couponId = promotion.requireString("coupon");
    store.require(c.account(), "coupon", couponId, promotion.name("coupon"));
    String code = p.string("code") != null ? p.string("code") : Ids.upperCode(8);
    if (!code.matches("[A-Za-z0-9_-]{1,500}")) {
      throw ApiError.invalid("code", "Promotion codes may contain only letters, digits, '-' and '_'.");
    }
    if (discounts.activeByCode(c.account(), code) != null) {
      throw ApiError.invalid("code", "An active promotion code with `code: " + code + "` already exists.");
    }
    String customer = p.string("customer");
    if (customer != null) {
      store.require(c.account(), "customer", customer, "customer");
    }
    ObjectNode promo = Shapes.promotionCode(Ids.next("promo"), clock.now(), code, couponId);
    if (p.has("active")) {
      promo.put("active", p.bool("active"));
    }
    promo.put("customer", customer);
    Long expiresAt = p.longValue("expires_at");
    if (expiresAt != null && expiresAt <= clock.now()) {
      throw ApiError.invalid("expires_at", "expires_at must be in the future.");
    }
    promo.put("expires_at", expiresAt);
    promo.put("max_redemptions", p.longInRange("max_redemptions", 1, Long.MAX_VALUE));
    Params restrictions = p.map("restrictions");
    if (restrictions != null) {
      restrictions.allow("first_time_transaction", "minimum_amount", "minimum_amount_currency");
      ObjectNode target = (ObjectNode) promo.get("restrictions");
      if (restrictions.has("first_time_transaction")) {
        target.put("first_time_transaction", restrictions.bool("first_time_transaction"));
      }
      Long minimum = restrictions.longInRange("minimum_amount", 1, Long.MAX_VALUE);
      if (minimum != null) {
        target.put("minimum_amount", minimum);
        target.put("minimum_amount_currency", Money.currency(restrictions.name("minimum_amount_currency"),
            restrictions.requireString("minimum_amount_currency")));
      }
    }
    Metadata.apply(promo, p);
    store.put(c.account(), promo);
    events.emit(c.account(), "promotion_code.created", promo);
    return promo;
  }

  private ObjectNode listPromotionCodes(Call c) {
    Params p = c.params();
    p.allow(Pages.with("active", "code", "coupon", "customer", "created"));
    Boolean active = p.bool("active");
    String code = p.string("code");
    String coupon = p.string("coupon");
    Predicate<ObjectNode> filter = Pages.range(p, "created")
        .and(o -> active == null || o.get("active").asBoolean() == active)
        .and(o -> code == null || code.equalsIgnoreCase(Json.text(o, "code")))
        .and(o -> coupon == null || coupon.equals(Json.text(o.get("promotion"), "coupon")))
        .and(Pages.eq(p, "customer", "customer"));
    return Lists.of(store, c, "promotion_code", filter, "/v1/promotion_codes");
  }

  private ObjectNode updatePromotionCode(Call c) {
    Params p = c.params();
    p.allow("active", "metadata");
    ObjectNode promo = store.require(c.account(), "promotion_code", c.id(), "id");
    ObjectNode updated = promo.deepCopy();
    if (p.has("active")) {
      boolean active = p.bool("active", true);
      if (active && !promo.get("active").asBoolean()
          && discounts.activeByCode(c.account(), Json.text(promo, "code")) != null) {
        throw ApiError.invalid("active", "An active promotion code with `code: " + Json.text(promo, "code")
            + "` already exists.");
      }
      updated.put("active", active);
    }
    Metadata.apply(updated, p);
    return applyUpdate(c.account(), promo, updated, "promotion_code.updated", false);
  }
}
