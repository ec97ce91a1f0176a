package dev.tessera.stripe.emulator.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Expander;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.Resettable;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.core.TimeDriven;
import dev.tessera.stripe.emulator.core.Urls;
import dev.tessera.stripe.emulator.events.EventLog;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Checkout Sessions: creation with Stripe's validation, and what happens on the hosted page
 * (pay, decline, leave) or when the session expires.
 */
@Singleton
public class Checkout implements TimeDriven, Resettable {
  private static final long MIN_TTL = 30 * 60;
  private static final long MAX_TTL = 24 * 3600;

  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject EventLog events;
  @Inject Payments payments;
  @Inject Billing billing;
  @Inject Discounts discounts;
  @Inject Connect connect;
  @Inject Urls urls;
  @Inject Expander expander;

  /** What a session was created with that is not part of its public JSON. */
  private record Extras(ArrayNode lineItems, List<Billing.ItemSpec> items, Params paymentIntentData,
      Params subscriptionData, ObjectNode coupon, ObjectNode promotionCode) {}

  private final Map<String, Extras> extras = new HashMap<>();

  @PostConstruct
  void registerExpansions() {
    expander.registerVirtual("checkout.session", "line_items",
        (account, session) -> Json.list(lineItemsList(Json.text(session, "id")), false,
            "/v1/checkout/sessions/" + Json.text(session, "id") + "/line_items"));
  }

  private static java.util.Set<String> productsOf(List<Billing.ItemSpec> items) {
    java.util.Set<String> products = new java.util.HashSet<>();
    for (Billing.ItemSpec spec : items) {
      String product = Json.text(spec.price(), "product");
      if (product != null) {
        products.add(product);
      }
    }
    return products;
  }

  public List<ObjectNode> lineItemsList(String sessionId) {
    Extras e = extras.get(sessionId);
    List<ObjectNode> out = new ArrayList<>();
    if (e != null) {
      e.lineItems.forEach(n -> out.add((ObjectNode) n));
    }
    return out;
  }

  public ObjectNode create(String account, Params p) {
    p.allow("mode", "line_items", "metadata", "payment_intent_data", "subscription_data", "success_url",
        "cancel_url", "customer", "customer_email", "customer_creation", "client_reference_id", "expires_at",
        "allow_promotion_codes", "discounts", "locale", "payment_method_types", "billing_address_collection");
    String mode = p.oneOf("mode", "payment", "setup", "subscription");
    if (mode == null) {
      throw ApiError.missing("mode");
    }
    if ("setup".equals(mode)) {
      throw ApiError.unsupported("mode", "Checkout in setup mode");
    }
    boolean subscription = "subscription".equals(mode);
    String successUrl = p.requireString("success_url");
    List<Params> lineParams = p.mapList("line_items");
    if (lineParams.isEmpty()) {
      throw ApiError.missing("line_items");
    }
    if (p.has("customer") && p.has("customer_email")) {
      throw ApiError.invalid("customer_email", "You may only specify one of these parameters: customer, customer_email.");
    }
    String customer = p.string("customer");
    if (customer != null) {
      store.require(account, "customer", customer, "customer");
    }
    String customerCreation = p.oneOf("customer_creation", "always", "if_required");
    if (customerCreation != null && subscription) {
      throw ApiError.invalid("customer_creation", "`customer_creation` can only be used in `payment` mode.");
    }
    if (p.has("payment_intent_data") && subscription) {
      throw ApiError.invalid("payment_intent_data", "You can not pass `payment_intent_data` in `subscription` mode.");
    }
    if (p.has("subscription_data") && !subscription) {
      throw ApiError.invalid("subscription_data", "You can not pass `subscription_data` in `payment` mode.");
    }
    for (String type : p.stringList("payment_method_types")) {
      if (!"card".equals(type)) {
        throw ApiError.unsupported("payment_method_types", "payment method types other than card");
      }
    }
    long now = clock.now();
    Long expiresAt = p.longValue("expires_at");
    if (expiresAt != null && (expiresAt < now + MIN_TTL || expiresAt > now + MAX_TTL)) {
      throw ApiError.invalid("expires_at",
          "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.");
    }

    // line items: prices must exist, be active, share currency, and fit the mode
    List<Billing.ItemSpec> items = new ArrayList<>();
    String currency = null;
    String interval = null;
    for (Params item : lineParams) {
      item.allow("price", "quantity");
      String priceId = item.requireString("price");
      ObjectNode price = store.require(account, "price", priceId, item.name("price"));
      if (!price.get("active").asBoolean()) {
        throw ApiError.invalid(item.name("price"),
            "The price specified is inactive. This field only accepts active prices.");
      }
      Long quantity = item.longInRange("quantity", 1, 999_999);
      if (quantity == null) {
        throw ApiError.missing(item.name("quantity"));
      }
      boolean recurring = !price.get("recurring").isNull();
      if (!subscription && recurring) {
        throw ApiError.invalid(item.name("price"), "You specified `payment` mode but passed a recurring price. "
            + "Either switch to `subscription` mode or use only one-time prices.");
      }
      if (subscription && !recurring) {
        throw ApiError.unsupported(item.name("price"), "one-time prices in subscription mode");
      }
      String c = Json.text(price, "currency");
      if (currency != null && !currency.equals(c)) {
        throw ApiError.invalid(item.name("price"), "All prices on a Checkout Session must use the same currency.");
      }
      currency = c;
      if (recurring) {
        ObjectNode r = (ObjectNode) price.get("recurring");
        String i = Json.text(r, "interval") + "/" + Json.num(r, "interval_count");
        if (interval != null && !interval.equals(i)) {
          throw ApiError.invalid(item.name("price"),
              "Checkout does not support multiple prices with different billing intervals.");
        }
        interval = i;
      }
      items.add(new Billing.ItemSpec(price, quantity));
    }

    Params piData = p.map("payment_intent_data");
    if (piData != null) {
      piData.allow("metadata", "description", "receipt_email", "transfer_data", "application_fee_amount",
          "on_behalf_of", "transfer_group");
      validateConnect(account, piData, "payment_intent_data", false);
      piData.longInRange("application_fee_amount", 0, Long.MAX_VALUE);
    }
    Params subData = p.map("subscription_data");
    if (subData != null) {
      subData.allow("metadata", "description", "application_fee_percent", "transfer_data");
      validateConnect(account, subData, "subscription_data", true);
      Double pct = subData.decimal("application_fee_percent");
      if (pct != null && (pct < 0 || pct > 100)) {
        throw ApiError.invalid(subData.name("application_fee_percent"), "This value must be between 0 and 100.");
      }
    }

    // a discount given up front; or the buyer may enter a promotion code on the page
    Boolean allowPromotionCodes = p.bool("allow_promotion_codes");
    List<Params> discountParams = p.mapList("discounts");
    if (allowPromotionCodes != null && allowPromotionCodes && !discountParams.isEmpty()) {
      throw ApiError.invalid("discounts", "You may only specify one of these parameters: allow_promotion_codes, discounts.");
    }
    if (discountParams.size() > 1) {
      throw ApiError.invalid("discounts", "Checkout Sessions accept at most one discount.");
    }
    long subtotal = 0;
    for (Billing.ItemSpec spec : items) {
      subtotal += Json.num(spec.price(), "unit_amount") * spec.quantity();
    }
    ObjectNode coupon = null;
    ObjectNode promo = null;
    if (!discountParams.isEmpty()) {
      Params d = discountParams.get(0);
      d.allow("coupon", "promotion_code");
      if (d.has("coupon") == d.has("promotion_code")) {
        throw ApiError.invalid(d.name("coupon"), "Provide exactly one of coupon or promotion_code.");
      }
      if (d.has("coupon")) {
        coupon = discounts.redeemableCoupon(account, d.requireString("coupon"), d.name("coupon"));
        discounts.checkCurrency(coupon, currency, d.name("coupon"));
        discounts.checkAppliesTo(coupon, productsOf(items), d.name("coupon"));
      } else {
        promo = store.require(account, "promotion_code", d.requireString("promotion_code"), d.name("promotion_code"));
        coupon = discounts.checkRedeemable(account, promo, customer, subtotal, currency, d.name("promotion_code"));
        discounts.checkAppliesTo(coupon, productsOf(items), d.name("promotion_code"));
      }
    }

    String id = Ids.checkoutSession();
    ObjectNode session = Shapes.checkoutSession(id, now, mode);
    session.put("currency", currency);
    session.put("success_url", successUrl);
    session.put("cancel_url", p.string("cancel_url"));
    session.put("customer", customer);
    session.put("customer_email", p.string("customer_email"));
    session.put("client_reference_id", p.string("client_reference_id"));
    session.put("locale", p.string("locale"));
    session.put("billing_address_collection", p.oneOf("billing_address_collection", "auto", "required"));
    if (customerCreation != null) {
      session.put("customer_creation", customerCreation);
    }
    if (allowPromotionCodes != null) {
      session.put("allow_promotion_codes", allowPromotionCodes);
    }
    if (expiresAt != null) {
      session.put("expires_at", expiresAt);
    }
    Metadata.apply(session, p);
    session.put("url", urls.of("/checkout/" + id));
    store.put(account, session);
    extras.put(id, new Extras(Json.F.arrayNode(), items, piData, subData, coupon, promo));
    price(account, session, coupon, promo);
    return session;
  }

  /** Destination charges and application fees need a connected account that can receive transfers. */
  private void validateConnect(String account, Params data, String name, boolean subscription) {
    Params transfer = data.map("transfer_data");
    if (transfer != null) {
      transfer.allow("destination", subscription ? "amount_percent" : "amount");
      String destination = transfer.requireString("destination");
      connect.requireTransferCapable(destination, transfer.name("destination"));
      if (subscription) {
        Double pct = transfer.decimal("amount_percent");
        if (pct != null && (pct < 0 || pct > 100)) {
          throw ApiError.invalid(transfer.name("amount_percent"), "This value must be between 0 and 100.");
        }
      } else {
        transfer.longInRange("amount", 1, Long.MAX_VALUE);
      }
      if (account != null) {
        throw ApiError.invalid(transfer.name("destination"),
            "transfer_data cannot be used when making a request on behalf of a connected account.");
      }
    }
    boolean hasFee = data.has(subscription ? "application_fee_percent" : "application_fee_amount");
    if (hasFee && account == null && transfer == null) {
      throw ApiError.invalid(data.name(subscription ? "application_fee_percent" : "application_fee_amount"),
          "Can only apply an application fee when the request is made on behalf of another account (using an "
              + "OAuth key or the Stripe-Account header) or when `" + name + "[transfer_data][destination]` is set.");
    }
  }

  /** Fills line items and totals from the prices and the discount, if any. */
  private void price(String account, ObjectNode session, ObjectNode coupon, ObjectNode promo) {
    Extras e = extras.get(Json.text(session, "id"));
    long[] amounts = new long[e.items.size()];
    long subtotal = 0;
    for (int i = 0; i < amounts.length; i++) {
      Billing.ItemSpec spec = e.items.get(i);
      amounts[i] = Json.num(spec.price(), "unit_amount") * spec.quantity();
      subtotal += amounts[i];
    }
    long discount = Billing.discountAmount(coupon, subtotal);
    long[] lineDiscounts = Billing.allocate(discount, amounts);
    e.lineItems.removeAll();
    for (int i = 0; i < amounts.length; i++) {
      Billing.ItemSpec spec = e.items.get(i);
      ObjectNode product = store.get(account, "product", Json.text(spec.price(), "product"));
      e.lineItems.add(Shapes.checkoutLineItem(spec.price(), product == null ? null : Json.text(product, "name"),
          spec.quantity(), lineDiscounts[i]));
    }
    session.put("amount_subtotal", subtotal);
    session.put("amount_total", subtotal - discount);
    ((ObjectNode) session.get("total_details")).put("amount_discount", discount);
    session.set("discounts", coupon == null ? Json.arr()
        : Json.arr(Json.obj("coupon", promo == null ? Json.text(coupon, "id") : null,
            "promotion_code", promo == null ? null : Json.text(promo, "id"))));
    extras.put(Json.text(session, "id"), new Extras(e.lineItems, e.items, e.paymentIntentData, e.subscriptionData,
        coupon, promo));
  }

  private ObjectNode requireOpen(String account, String id) {
    ObjectNode session = store.require(account, "checkout.session", id, "id");
    if ("open".equals(Json.text(session, "status")) && Json.num(session, "expires_at") <= clock.now()) {
      expire(account, session);
    }
    if (!"open".equals(Json.text(session, "status"))) {
      throw ApiError.state("checkout_session_not_open",
          "This Checkout Session is " + Json.text(session, "status") + " and can no longer be paid.");
    }
    return session;
  }

  /** The buyer's details from the hosted page or the JSON control. */
  public record Buyer(String email, String name, String promotionCode) {}

  /**
   * The buyer pays: customer (when Stripe would create one), payment or subscription with its
   * first invoice, then {@code checkout.session.completed}.
   */
  public ObjectNode pay(String account, String id, Buyer buyer) {
    ObjectNode session = requireOpen(account, id);
    Extras e = extras.get(id);
    boolean subscription = "subscription".equals(Json.text(session, "mode"));
    String customerId = Json.text(session, "customer");
    ObjectNode customer = customerId == null ? null : store.get(account, "customer", customerId);
    String email = customer != null && Json.text(customer, "email") != null ? Json.text(customer, "email")
        : Json.text(session, "customer_email") != null ? Json.text(session, "customer_email") : blank(buyer.email());
    if (email == null) {
      throw ApiError.missing("email");
    }
    String name = customer != null && Json.text(customer, "name") != null ? Json.text(customer, "name")
        : blank(buyer.name());

    ObjectNode coupon = e.coupon;
    ObjectNode promo = e.promotionCode;
    if (blank(buyer.promotionCode()) != null) {
      if (!session.get("allow_promotion_codes").asBoolean()) {
        throw ApiError.invalid("promotion_code", "This Checkout Session does not accept promotion codes.");
      }
      promo = discounts.activeByCode(account, buyer.promotionCode().trim());
      if (promo == null) {
        throw ApiError.invalid("promotion_code", "This code is invalid: " + buyer.promotionCode().trim());
      }
      coupon = discounts.checkRedeemable(account, promo, customerId, Json.num(session, "amount_subtotal"),
          Json.text(session, "currency"), "promotion_code");
      discounts.checkAppliesTo(coupon, productsOf(e.items), "promotion_code");
      price(account, session, coupon, promo);
    }

    if (customer == null && (subscription || "always".equals(Json.text(session, "customer_creation")))) {
      customer = Shapes.customer(Ids.shortId("cus"), clock.now());
      customer.put("email", email);
      customer.put("name", name);
      store.put(account, customer);
      events.emit(account, "customer.created", customer);
      customerId = Json.text(customer, "id");
    }
    if (coupon != null) {
      discounts.redeem(coupon, promo);
    }
    long total = Json.num(session, "amount_total");
    if (subscription) {
      completeSubscription(account, session, e, customerId, email, name, coupon, promo);
    } else if (total > 0) {
      ObjectNode intent = intentFor(account, session, e, customerId, email);
      ObjectNode pm = payments.newCard(account, null, email, name);
      payments.attempt(account, intent, pm, null);
    }
    session.put("status", "complete");
    session.put("payment_status", total == 0 && !subscription ? "no_payment_required" : "paid");
    session.put("customer", customerId);
    session.set("customer_details", Json.obj("address", Shapes.address(null), "email", email, "name", name,
        "phone", null, "tax_exempt", "none", "tax_ids", Json.arr(), "business_name", null,
        "individual_name", null));
    session.putNull("url");
    events.emit(account, "checkout.session.completed", session);
    return session;
  }

  private ObjectNode intentFor(String account, ObjectNode session, Extras e, String customer, String email) {
    String existing = Json.text(session, "payment_intent");
    if (existing != null) {
      ObjectNode intent = store.get(account, "payment_intent", existing);
      intent.put("customer", customer);
      return intent;
    }
    Params pi = e.paymentIntentData != null ? e.paymentIntentData : Params.empty();
    ObjectNode metadata = Json.obj();
    Metadata.apply(metadata, pi);
    Params transfer = pi.map("transfer_data");
    ObjectNode intent = payments.createIntent(account, new Payments.IntentSpec(Json.num(session, "amount_total"),
        Json.text(session, "currency"), customer, pi.string("description"),
        metadata.has("metadata") ? (ObjectNode) metadata.get("metadata") : Json.obj(),
        transfer == null ? null : transfer.string("destination"),
        transfer == null ? null : transfer.longValue("amount"), pi.longValue("application_fee_amount"),
        pi.string("transfer_group"), pi.string("receipt_email") != null ? pi.string("receipt_email") : email,
        pi.string("on_behalf_of")));
    session.put("payment_intent", Json.text(intent, "id"));
    return intent;
  }

  private void completeSubscription(String account, ObjectNode session, Extras e, String customerId, String email,
      String name, ObjectNode coupon, ObjectNode promo) {
    ObjectNode pm = payments.newCard(account, customerId, email, name);
    Params sd = e.subscriptionData != null ? e.subscriptionData : Params.empty();
    ObjectNode metadataHolder = Json.obj();
    Metadata.apply(metadataHolder, sd);
    ObjectNode discount = null;
    long now = clock.now();
    if (coupon != null) {
      discount = Shapes.discount(Ids.next("di"), now, Discounts.discountEnd(coupon, now), Json.text(coupon, "id"),
          promo == null ? null : Json.text(promo, "id"), customerId, null, Json.text(session, "id"));
      store.put(account, discount);
    }
    Params transfer = sd.map("transfer_data");
    ObjectNode transferData = transfer == null ? null
        : Json.obj("amount_percent", transfer.decimal("amount_percent"), "destination", transfer.string("destination"));
    ObjectNode sub = billing.createSubscription(account, customerId, e.items,
        metadataHolder.has("metadata") ? (ObjectNode) metadataHolder.get("metadata") : Json.obj(),
        sd.string("description"), Json.text(pm, "id"), discount, sd.decimal("application_fee_percent"),
        transferData);
    ObjectNode before = sub.deepCopy();
    ObjectNode invoice = billing.invoiceFor(account, sub, "subscription_create", now, now);
    if ("open".equals(Json.text(invoice, "status"))) {
      billing.attemptInvoice(account, invoice, false);
    }
    sub.put("status", "active");
    events.updated(account, "customer.subscription.updated", before, sub);
    session.put("subscription", Json.text(sub, "id"));
    session.put("invoice", Json.text(invoice, "id"));
  }

  /**
   * The buyer's card is declined. The session stays open for another try, as on Stripe's page.
   * In payment mode the attempt is recorded (a failed charge, {@code payment_intent.payment_failed});
   * in subscription mode nothing is created before a payment succeeds.
   */
  public ObjectNode decline(String account, String id, String email, String declineCode) {
    ObjectNode session = requireOpen(account, id);
    String code = declineCode == null ? "generic_decline" : declineCode;
    if (!Payments.isDeclineCode(code)) {
      throw ApiError.invalid("decline_code", "Unsupported decline_code: " + code);
    }
    if ("payment".equals(Json.text(session, "mode")) && Json.num(session, "amount_total") > 0) {
      String buyerEmail = Json.text(session, "customer_email") != null ? Json.text(session, "customer_email")
          : blank(email);
      ObjectNode intent = intentFor(account, session, extras.get(id), Json.text(session, "customer"), buyerEmail);
      ObjectNode pm = payments.newCard(account, null, buyerEmail, null);
      payments.attempt(account, intent, pm, code);
    }
    return session;
  }

  /** Expires an open session ({@code checkout.session.expired}); its unpaid intent is canceled. */
  public ObjectNode expire(String account, String id) {
    ObjectNode session = store.require(account, "checkout.session", id, "id");
    if (!"open".equals(Json.text(session, "status"))) {
      throw ApiError.state(null, "Only Checkout Sessions with a status of `open` can be expired.");
    }
    expire(account, session);
    return session;
  }

  private void expire(String account, ObjectNode session) {
    String intentId = Json.text(session, "payment_intent");
    if (intentId != null) {
      ObjectNode intent = store.get(account, "payment_intent", intentId);
      if (intent != null && !"succeeded".equals(Json.text(intent, "status"))
          && !"canceled".equals(Json.text(intent, "status"))) {
        intent.put("status", "canceled");
        intent.put("canceled_at", clock.now());
        intent.put("cancellation_reason", "abandoned");
        events.emit(account, "payment_intent.canceled", intent);
      }
    }
    session.put("status", "expired");
    session.putNull("url");
    events.emit(account, "checkout.session.expired", session);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public OptionalLong nextDue() {
    long next = Long.MAX_VALUE;
    for (String account : store.accounts()) {
      for (ObjectNode s : store.list(account, "checkout.session", s -> "open".equals(Json.text(s, "status")))) {
        next = Math.min(next, Json.num(s, "expires_at"));
      }
    }
    return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
  }

  @Override
  public void runDue(long now) {
    for (String account : new ArrayList<>(store.accounts())) {
      for (ObjectNode s : store.list(account, "checkout.session",
          s -> "open".equals(Json.text(s, "status")) && Json.num(s, "expires_at") <= now)) {
        expire(account, s);
      }
    }
  }

  @Override
  public void reset() {
    extras.clear();
  }

  /** Line items for the hosted page. */
  public List<JsonNode> lineItems(String sessionId) {
    return new ArrayList<>(lineItemsList(sessionId));
  }
}
