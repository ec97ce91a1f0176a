package dev.tessera.stripe.emulator.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.EmulatorConfig;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.core.TimeDriven;
import dev.tessera.stripe.emulator.core.Urls;
import dev.tessera.stripe.emulator.events.EventLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Subscriptions and their invoices: creation from Checkout, renewal when a period ends, payment
 * of invoices with Stripe's retry schedule, and cancellation (now or at period end).
 *
 * <p>A renewal sends {@code invoice.created} and {@code invoice.finalized} (the emulator does not
 * hold the draft for an hour), {@code customer.subscription.updated} (new period, latest invoice),
 * the payment's events, then {@code invoice.paid}/{@code invoice.payment_succeeded} or
 * {@code invoice.payment_failed} and a second {@code customer.subscription.updated} when the
 * status changes.
 */
@Singleton
public class Billing implements TimeDriven {
  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject EventLog events;
  @Inject Payments payments;
  @Inject EmulatorConfig config;
  @Inject Urls urls;

  /** A price and quantity to subscribe to. */
  public record ItemSpec(ObjectNode price, long quantity) {}

  /** Adds {@code n} billing intervals to an instant, in UTC calendar terms (Jan 31 + 1 month = Feb 28/29). */
  public static long addInterval(long epochSecond, String interval, long n) {
    ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC);
    ZonedDateTime r = switch (interval) {
      case "day" -> t.plusDays(n);
      case "week" -> t.plusWeeks(n);
      case "month" -> t.plusMonths(n);
      case "year" -> t.plusYears(n);
      default -> throw new IllegalArgumentException(interval);
    };
    return r.toEpochSecond();
  }

  /** The first period boundary after {@code after}, counted from the anchor so month-ends are kept. */
  static long nextBoundary(long anchor, String interval, long count, long after) {
    long k = 1;
    long boundary = addInterval(anchor, interval, count);
    while (boundary <= after) {
      k++;
      boundary = addInterval(anchor, interval, count * k);
    }
    return boundary;
  }

  public ObjectNode createSubscription(String account, String customer, List<ItemSpec> items, ObjectNode metadata,
      String description, String paymentMethod, ObjectNode discount, Double applicationFeePercent,
      ObjectNode transferData) {
    long now = clock.now();
    String currency = Json.text(items.get(0).price(), "currency");
    String id = Ids.next("sub");
    ObjectNode sub = Shapes.subscription(id, now, customer, currency);
    ArrayNode data = Json.F.arrayNode();
    for (ItemSpec spec : items) {
      ObjectNode recurring = (ObjectNode) spec.price().get("recurring");
      long end = addInterval(now, Json.text(recurring, "interval"), Json.num(recurring, "interval_count"));
      data.add(Shapes.subscriptionItem(Ids.shortId("si"), now, id, spec.price(), spec.quantity(), now, end));
    }
    ((ObjectNode) sub.get("items")).set("data", data);
    if (metadata != null) {
      sub.set("metadata", metadata.deepCopy());
    }
    sub.put("description", description);
    sub.put("default_payment_method", paymentMethod);
    if (discount != null) {
      discount.put("subscription", id);
      sub.set("discounts", Json.arr(Json.text(discount, "id")));
    }
    if (applicationFeePercent != null) {
      sub.put("application_fee_percent", applicationFeePercent);
      sub.put("application", Payments.APPLICATION_ID);
    }
    sub.set("transfer_data", transferData);
    store.put(account, sub);
    events.emit(account, "customer.subscription.created", sub);
    return sub;
  }

  /** The discount applying to the subscription's next invoice, if still valid. */
  private ObjectNode activeDiscount(String account, ObjectNode sub, long at) {
    for (JsonNode d : sub.withArray("discounts")) {
      ObjectNode discount = store.get(account, "discount", d.asText());
      if (discount != null && (discount.get("end").isNull() || Json.num(discount, "end") > at)) {
        return discount;
      }
    }
    return null;
  }

  /** Discount amount of a subtotal under a coupon: percent (rounded) or a fixed amount, never above the subtotal. */
  public static long discountAmount(ObjectNode coupon, long subtotal) {
    if (coupon == null) {
      return 0;
    }
    if (!coupon.get("percent_off").isNull()) {
      return Math.min(subtotal, Money.percentOf(subtotal, coupon.get("percent_off").asDouble()));
    }
    return Math.min(subtotal, Json.num(coupon, "amount_off"));
  }

  /** Splits a discount over amounts proportionally; the rounding remainder goes to the last one. */
  public static long[] allocate(long discount, long[] amounts) {
    long total = 0;
    for (long a : amounts) {
      total += a;
    }
    long[] out = new long[amounts.length];
    long given = 0;
    for (int i = 0; i < amounts.length; i++) {
      out[i] = i == amounts.length - 1 ? discount - given : total == 0 ? 0 : discount * amounts[i] / total;
      given += out[i];
    }
    return out;
  }

  /**
   * Creates and finalizes the invoice for the subscription's current item periods (draft, then
   * open), paying a zero total at once. Emits {@code invoice.created} and {@code invoice.finalized}.
   */
  public ObjectNode invoiceFor(String account, ObjectNode sub, String billingReason, long periodStart, long periodEnd) {
    long now = clock.now();
    String customerId = Json.text(sub, "customer");
    ObjectNode customer = store.get(account, "customer", customerId);
    String id = Ids.next("in");
    ObjectNode invoice = Shapes.invoice(id, now, customerId, Json.text(sub, "currency"));
    invoice.put("billing_reason", billingReason);
    invoice.put("period_start", periodStart);
    invoice.put("period_end", periodEnd);
    invoice.put("hosted_invoice_url", urls.of("/invoices/" + id));
    invoice.put("description", Json.text(sub, "description"));
    if (customer != null) {
      invoice.put("customer_email", Json.text(customer, "email"));
      invoice.put("customer_name", Json.text(customer, "name"));
      invoice.set("customer_address", customer.get("address").deepCopy());
      invoice.put("number", Json.text(customer, "invoice_prefix") + "-"
          + String.format("%04d", Json.num(customer, "next_invoice_sequence")));
      customer.put("next_invoice_sequence", Json.num(customer, "next_invoice_sequence") + 1);
    }
    ObjectNode discount = activeDiscount(account, sub, now);
    ObjectNode coupon = discount == null ? null
        : store.get(account, "coupon", Json.text((ObjectNode) discount.get("source"), "coupon"));
    List<JsonNode> items = new ArrayList<>();
    sub.get("items").get("data").forEach(items::add);
    long[] amounts = new long[items.size()];
    long subtotal = 0;
    for (int i = 0; i < items.size(); i++) {
      amounts[i] = Json.num(items.get(i).get("price"), "unit_amount") * Json.num(items.get(i), "quantity");
      subtotal += amounts[i];
    }
    long discountTotal = discountAmount(coupon, subtotal);
    long[] lineDiscounts = allocate(discountTotal, amounts);
    ArrayNode lines = Json.F.arrayNode();
    for (int i = 0; i < items.size(); i++) {
      ObjectNode item = (ObjectNode) items.get(i);
      ObjectNode price = (ObjectNode) item.get("price");
      ObjectNode product = store.get(account, "product", Json.text(price, "product"));
      ObjectNode recurring = (ObjectNode) price.get("recurring");
      String description = Json.num(item, "quantity") + " × " + (product != null ? Json.text(product, "name") : "")
          + " (at " + Money.format(Json.num(price, "unit_amount"), Json.text(price, "currency")) + " / "
          + Json.text(recurring, "interval") + ")";
      lines.add(Shapes.invoiceLine(id, item, Json.num(item, "current_period_start"),
          Json.num(item, "current_period_end"), description, lineDiscounts[i],
          discount == null ? null : Json.text(discount, "id")));
    }
    ((ObjectNode) invoice.get("lines")).set("data", lines);
    long total = subtotal - discountTotal;
    invoice.put("subtotal", subtotal).put("subtotal_excluding_tax", subtotal);
    invoice.put("total", total).put("total_excluding_tax", total);
    invoice.put("amount_due", total).put("amount_remaining", total);
    if (discount != null && discountTotal > 0) {
      invoice.set("discounts", Json.arr(Json.text(discount, "id")));
      invoice.set("total_discount_amounts", Json.arr(Json.obj("amount", discountTotal, "discount",
          Json.text(discount, "id"))));
      if ("once".equals(Json.text(coupon, "duration"))) {
        // a once-only coupon is used up by this invoice
        discount.put("end", now);
        sub.set("discounts", Json.F.arrayNode());
      }
    }
    invoice.set("parent", Json.obj("quote_details", null,
        "subscription_details", Json.obj("metadata", sub.get("metadata").deepCopy(), "subscription", sub.get("id")),
        "type", "subscription_details"));
    store.put(account, invoice);
    sub.put("latest_invoice", id);
    events.emit(account, "invoice.created", invoice);

    invoice.put("status", "open");
    invoice.put("effective_at", now);
    ((ObjectNode) invoice.get("status_transitions")).put("finalized_at", now);
    invoice.put("ending_balance", 0L);
    events.emit(account, "invoice.finalized", invoice);
    if (total == 0) {
      markPaid(account, invoice, null);
    }
    return invoice;
  }

  private void markPaid(String account, ObjectNode invoice, ObjectNode invoicePayment) {
    long now = clock.now();
    invoice.put("status", "paid");
    invoice.put("amount_paid", Json.num(invoice, "amount_due"));
    invoice.put("amount_remaining", 0L);
    invoice.putNull("next_payment_attempt");
    ((ObjectNode) invoice.get("status_transitions")).put("paid_at", now);
    if (invoicePayment != null) {
      invoicePayment.put("status", "paid");
      invoicePayment.put("amount_paid", Json.num(invoicePayment, "amount_requested"));
      ((ObjectNode) invoicePayment.get("status_transitions")).put("paid_at", now);
      events.emit(account, "invoice_payment.paid", invoicePayment);
    }
    events.emit(account, "invoice.paid", invoice);
    events.emit(account, "invoice.payment_succeeded", invoice);
  }

  /** The subscription an invoice was created for, if any. */
  public ObjectNode subscriptionOf(String account, ObjectNode invoice) {
    JsonNode parent = invoice.get("parent");
    if (parent == null || parent.isNull() || parent.get("subscription_details").isNull()) {
      return null;
    }
    return store.get(account, "subscription", Json.text(parent.get("subscription_details"), "subscription"));
  }

  /**
   * One payment attempt of an open invoice with the subscription's card. On failure the next
   * retry is scheduled from {@code billing.retry-days} (or none when they are used up) before
   * {@code invoice.payment_failed} is sent. Off-session attempts (renewals, retries) consume the
   * customer's {@code fail_next_payments}; on-session ones (the buyer pressing Pay) do not.
   * Returns the charge.
   */
  public ObjectNode attemptInvoice(String account, ObjectNode invoice, boolean offSession) {
    ObjectNode sub = subscriptionOf(account, invoice);
    String customer = Json.text(invoice, "customer");
    ObjectNode invoicePayment = null;
    for (ObjectNode ip : store.list(account, "invoice_payment",
        p -> Json.text(invoice, "id").equals(Json.text(p, "invoice")) && "open".equals(Json.text(p, "status")))) {
      invoicePayment = ip;
    }
    ObjectNode intent;
    if (invoicePayment == null) {
      long amount = Json.num(invoice, "amount_due");
      String destination = null;
      Long transferAmount = null;
      Long fee = null;
      if (sub != null && !sub.get("transfer_data").isNull()) {
        destination = Json.text(sub.get("transfer_data"), "destination");
        JsonNode pct = sub.get("transfer_data").get("amount_percent");
        transferAmount = pct == null || pct.isNull() ? null : Money.percentOf(amount, pct.asDouble());
      }
      if (sub != null && !sub.get("application_fee_percent").isNull()) {
        fee = Money.percentOf(amount, sub.get("application_fee_percent").asDouble());
      }
      String description = "subscription_create".equals(Json.text(invoice, "billing_reason"))
          ? "Subscription creation" : "Subscription update";
      intent = payments.createIntent(account, new Payments.IntentSpec(amount, Json.text(invoice, "currency"),
          customer, description, null, destination, transferAmount, fee, null, null, null));
      invoicePayment = Shapes.invoicePayment(Ids.next("inpay"), clock.now(), Json.text(invoice, "id"), amount,
          Json.text(invoice, "currency"), Json.text(intent, "id"));
      store.put(account, invoicePayment);
    } else {
      intent = store.get(account, "payment_intent", Json.text(invoicePayment.get("payment"), "payment_intent"));
    }
    String pmId = sub != null ? Json.text(sub, "default_payment_method") : null;
    if (pmId == null) {
      ObjectNode c = store.get(account, "customer", customer);
      pmId = c == null ? null : Json.text(c.get("invoice_settings"), "default_payment_method");
    }
    ObjectNode pm = store.get(account, "payment_method", pmId);
    if (pm == null) {
      throw new IllegalStateException("invoice " + Json.text(invoice, "id") + " has no payment method to charge");
    }
    String decline = offSession ? payments.takeFailure(account, customer) : null;
    ObjectNode charge = payments.attempt(account, intent, pm, decline);
    invoice.put("attempt_count", Json.num(invoice, "attempt_count") + 1);
    invoice.put("attempted", true);
    if ("succeeded".equals(Json.text(charge, "status"))) {
      markPaid(account, invoice, invoicePayment);
    } else {
      List<Integer> retryDays = config.billing().retryDays();
      int failures = (int) Json.num(invoice, "attempt_count");
      if (failures <= retryDays.size()) {
        invoice.put("next_payment_attempt", clock.now() + retryDays.get(failures - 1) * 86400L);
      } else {
        invoice.putNull("next_payment_attempt");
      }
      events.emit(account, "invoice.payment_failed", invoice);
    }
    return charge;
  }

  /** Ends a subscription at {@code at}. Emits {@code customer.subscription.deleted}. */
  public void cancel(String account, ObjectNode sub, long at, String reason) {
    sub.put("status", "canceled");
    if (sub.get("canceled_at").isNull()) {
      sub.put("canceled_at", at);
    }
    sub.put("ended_at", at);
    ((ObjectNode) sub.get("cancellation_details")).put("reason", reason);
    events.emit(account, "customer.subscription.deleted", sub);
  }

  private static long periodEnd(ObjectNode sub) {
    long min = Long.MAX_VALUE;
    for (JsonNode item : sub.get("items").get("data")) {
      min = Math.min(min, Json.num(item, "current_period_end"));
    }
    return min;
  }

  /** Unpaid subscriptions stop renewing until their open invoice is paid, as with Stripe's "unpaid" setting. */
  private static boolean renews(ObjectNode sub) {
    String status = Json.text(sub, "status");
    return "active".equals(status) || "past_due".equals(status);
  }

  @Override
  public OptionalLong nextDue() {
    long next = Long.MAX_VALUE;
    for (String account : store.accounts()) {
      for (ObjectNode sub : store.list(account, "subscription", Billing::renews)) {
        next = Math.min(next, periodEnd(sub));
      }
      for (ObjectNode inv : store.list(account, "invoice", i -> "open".equals(Json.text(i, "status"))
          && !i.get("next_payment_attempt").isNull())) {
        next = Math.min(next, Json.num(inv, "next_payment_attempt"));
      }
    }
    return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
  }

  @Override
  public void runDue(long now) {
    for (String account : new ArrayList<>(store.accounts())) {
      for (ObjectNode sub : store.list(account, "subscription", s -> renews(s) && periodEnd(s) <= now)) {
        long end = periodEnd(sub);
        if (sub.get("cancel_at_period_end").asBoolean()
            || (!sub.get("cancel_at").isNull() && Json.num(sub, "cancel_at") <= end)) {
          cancel(account, sub, end, "cancellation_requested");
        } else {
          renew(account, sub, end);
        }
      }
      for (ObjectNode invoice : store.list(account, "invoice", i -> "open".equals(Json.text(i, "status"))
          && !i.get("next_payment_attempt").isNull() && Json.num(i, "next_payment_attempt") <= now)) {
        retry(account, invoice);
      }
    }
  }

  private void renew(String account, ObjectNode sub, long boundary) {
    ObjectNode before = sub.deepCopy();
    long previousStart = Long.MAX_VALUE;
    for (JsonNode node : sub.get("items").get("data")) {
      ObjectNode item = (ObjectNode) node;
      ObjectNode recurring = (ObjectNode) item.get("price").get("recurring");
      long start = Json.num(item, "current_period_end");
      previousStart = Math.min(previousStart, Json.num(item, "current_period_start"));
      item.put("current_period_start", start);
      item.put("current_period_end", nextBoundary(Json.num(sub, "billing_cycle_anchor"),
          Json.text(recurring, "interval"), Json.num(recurring, "interval_count"), start));
    }
    ArrayNode stillValid = Json.F.arrayNode();
    for (JsonNode d : sub.withArray("discounts")) {
      ObjectNode discount = store.get(account, "discount", d.asText());
      if (discount != null && (discount.get("end").isNull() || Json.num(discount, "end") > boundary)) {
        stillValid.add(d.asText());
      }
    }
    sub.set("discounts", stillValid);
    ObjectNode invoice = invoiceFor(account, sub, "subscription_cycle", previousStart, boundary);
    events.updated(account, "customer.subscription.updated", before, sub);
    if ("open".equals(Json.text(invoice, "status"))) {
      ObjectNode beforePayment = sub.deepCopy();
      ObjectNode charge = attemptInvoice(account, invoice, true);
      if (!"succeeded".equals(Json.text(charge, "status")) && "active".equals(Json.text(sub, "status"))) {
        sub.put("status", "past_due");
        events.updated(account, "customer.subscription.updated", beforePayment, sub);
      }
    }
  }

  private void retry(String account, ObjectNode invoice) {
    ObjectNode sub = subscriptionOf(account, invoice);
    if (sub != null && "canceled".equals(Json.text(sub, "status"))) {
      // Stripe stops collecting an invoice once its subscription is gone
      invoice.putNull("next_payment_attempt");
      return;
    }
    ObjectNode before = sub == null ? null : sub.deepCopy();
    ObjectNode charge = attemptInvoice(account, invoice, true);
    if (sub == null) {
      return;
    }
    if ("succeeded".equals(Json.text(charge, "status"))) {
      if (!"active".equals(Json.text(sub, "status")) && !hasUnpaidInvoices(account, sub)) {
        sub.put("status", "active");
        events.updated(account, "customer.subscription.updated", before, sub);
      }
    } else if (invoice.get("next_payment_attempt").isNull()) {
      if ("unpaid".equals(config.billing().afterRetries())) {
        sub.put("status", "unpaid");
        events.updated(account, "customer.subscription.updated", before, sub);
      } else {
        cancel(account, sub, clock.now(), "payment_failed");
      }
    }
  }

  private boolean hasUnpaidInvoices(String account, ObjectNode sub) {
    return !store.list(account, "invoice", i -> "open".equals(Json.text(i, "status"))
        && sub == subscriptionOf(account, i)).isEmpty();
  }

  /** After an invoice of a past-due subscription was paid on request: the subscription recovers. */
  public void afterManualPayment(String account, ObjectNode invoice, ObjectNode before) {
    ObjectNode sub = subscriptionOf(account, invoice);
    if (sub != null && "paid".equals(Json.text(invoice, "status"))
        && ("past_due".equals(Json.text(sub, "status")) || "unpaid".equals(Json.text(sub, "status")))
        && !hasUnpaidInvoices(account, sub)) {
      sub.put("status", "active");
      events.updated(account, "customer.subscription.updated", before, sub);
    }
  }
}
