package dev.tessera.stripe.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Pages;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.domain.Billing;
import dev.tessera.stripe.emulator.domain.Metadata;
import dev.tessera.stripe.emulator.domain.Payments;
import dev.tessera.stripe.emulator.domain.Shapes;
import dev.tessera.stripe.emulator.events.EventLog;
import dev.tessera.stripe.emulator.http.ApiModule;
import dev.tessera.stripe.emulator.http.Call;
import dev.tessera.stripe.emulator.http.Router;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Subscriptions (retrieve, update, cancel), subscription items, invoices and invoice payments. */
@Singleton
public class BillingApi implements ApiModule {
  private static final Set<String> STATUSES = Set.of("active", "all", "canceled", "ended", "incomplete",
      "incomplete_expired", "past_due", "paused", "trialing", "unpaid");

  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject EventLog events;
  @Inject Billing billing;

  @Override
  public void routes(Router r) {
    r.get("/v1/subscriptions", this::listSubscriptions)
        .get("/v1/subscriptions/{id}", c -> store.require(c.account(), "subscription", c.id(), "id"))
        .post("/v1/subscriptions/{id}", this::updateSubscription)
        .delete("/v1/subscriptions/{id}", this::cancelSubscription)
        .get("/v1/subscription_items", this::listItems)
        .get("/v1/subscription_items/{id}", c -> findItem(c.account(), c.id()))
        .get("/v1/invoices", this::listInvoices)
        .get("/v1/invoices/{id}", c -> store.require(c.account(), "invoice", c.id(), "id"))
        .post("/v1/invoices/{id}", this::updateInvoice)
        .post("/v1/invoices/{id}/pay", this::payInvoice)
        .get("/v1/invoices/{id}/lines", c -> {
          c.params().allow(Pages.PAGING);
          ObjectNode invoice = store.require(c.account(), "invoice", c.id(), "id");
          List<JsonNode> lines = new ArrayList<>();
          invoice.get("lines").get("data").forEach(lines::add);
          return Pages.pageOf(lines, c.params(), "/v1/invoices/" + c.id() + "/lines");
        })
        .get("/v1/invoice_payments", this::listInvoicePayments)
        .get("/v1/invoice_payments/{id}", c -> store.require(c.account(), "invoice_payment", c.id(), "id"));
  }

  private ObjectNode listSubscriptions(Call c) {
    Params p = c.params();
    p.allow(Pages.with("customer", "price", "status", "created"));
    String status = p.string("status");
    if (status != null && !STATUSES.contains(status)) {
      throw ApiError.invalid("status", "Invalid status: " + status);
    }
    String price = p.string("price");
    return Lists.of(store, c, "subscription", Pages.range(p, "created")
        .and(Pages.eq(p, "customer", "customer"))
        .and(s -> matchesStatus(s, status))
        .and(s -> price == null || items(s).stream().anyMatch(i -> price.equals(Json.text(i.get("price"), "id")))),
        "/v1/subscriptions");
  }

  /** Without a status filter Stripe lists every subscription that is not canceled. */
  private static boolean matchesStatus(ObjectNode sub, String wanted) {
    String status = Json.text(sub, "status");
    if (wanted == null) {
      return !"canceled".equals(status);
    }
    return switch (wanted) {
      case "all" -> true;
      case "ended" -> "canceled".equals(status) || "incomplete_expired".equals(status);
      default -> wanted.equals(status);
    };
  }

  private static List<ObjectNode> items(ObjectNode sub) {
    List<ObjectNode> out = new ArrayList<>();
    sub.get("items").get("data").forEach(i -> out.add((ObjectNode) i));
    return out;
  }

  private ObjectNode updateSubscription(Call c) {
    Params p = c.params();
    p.allow("metadata", "cancel_at_period_end", "description", "default_payment_method", "items",
        "proration_behavior", "cancellation_details");
    ObjectNode sub = store.require(c.account(), "subscription", c.id(), "id");
    boolean canceled = "canceled".equals(Json.text(sub, "status"));
    if (canceled && !p.keys().stream().allMatch(k -> k.equals("metadata") || k.equals("cancellation_details"))) {
      throw ApiError.state(null, "A canceled subscription can only update its cancellation_details and metadata.");
    }
    ObjectNode updated = sub.deepCopy();
    Metadata.apply(updated, p);
    if (p.has("description")) {
      updated.put("description", p.string("description"));
    }
    Params details = p.map("cancellation_details");
    if (details != null) {
      details.allow("comment", "feedback");
      ObjectNode target = (ObjectNode) updated.get("cancellation_details");
      if (details.has("comment")) {
        target.put("comment", details.string("comment"));
      }
      if (details.has("feedback")) {
        target.put("feedback", details.oneOf("feedback", "customer_service", "low_quality", "missing_features",
            "other", "switched_service", "too_complex", "too_expensive", "unused"));
      }
    }
    if (p.has("default_payment_method")) {
      String pmId = p.requireString("default_payment_method");
      ObjectNode pm = store.require(c.account(), "payment_method", pmId, "default_payment_method");
      if (!Json.text(sub, "customer").equals(Json.text(pm, "customer"))) {
        throw ApiError.invalid("default_payment_method",
            "The payment method must be attached to the subscription's customer.");
      }
      updated.put("default_payment_method", pmId);
    }
    if (p.has("cancel_at_period_end")) {
      boolean cancel = p.bool("cancel_at_period_end", false);
      updated.put("cancel_at_period_end", cancel);
      ObjectNode cd = (ObjectNode) updated.get("cancellation_details");
      if (cancel) {
        long periodEnd = Long.MAX_VALUE;
        for (ObjectNode item : items(updated)) {
          periodEnd = Math.min(periodEnd, Json.num(item, "current_period_end"));
        }
        updated.put("cancel_at", periodEnd);
        updated.put("canceled_at", clock.now());
        cd.put("reason", "cancellation_requested");
      } else {
        updated.putNull("cancel_at");
        updated.putNull("canceled_at");
        cd.putNull("reason");
      }
    }
    List<Params> itemChanges = p.mapList("items");
    if (!itemChanges.isEmpty()) {
      String proration = p.oneOf("proration_behavior", "always_invoice", "create_prorations", "none");
      if (!"none".equals(proration)) {
        throw ApiError.unsupported("proration_behavior",
            "prorations; change items with proration_behavior=none (the new price applies from the next period)");
      }
      for (Params change : itemChanges) {
        change.allow("id", "price", "quantity", "metadata");
        String itemId = change.requireString("id");
        ObjectNode item = items(updated).stream().filter(i -> itemId.equals(Json.text(i, "id"))).findFirst()
            .orElseThrow(() -> ApiError.noSuch("subscription item", itemId, change.name("id")));
        if (change.has("price")) {
          ObjectNode price = store.require(c.account(), "price", change.requireString("price"), change.name("price"));
          ObjectNode current = (ObjectNode) item.get("price");
          if (price.get("recurring").isNull() || !price.get("currency").equals(current.get("currency"))
              || !price.get("recurring").get("interval").equals(current.get("recurring").get("interval"))
              || !price.get("recurring").get("interval_count").equals(current.get("recurring").get("interval_count"))) {
            throw ApiError.invalid(change.name("price"),
                "The new price must be recurring with the same currency and billing interval as the current one.");
          }
          if (!price.get("active").asBoolean()) {
            throw ApiError.invalid(change.name("price"),
                "The price specified is inactive. This field only accepts active prices.");
          }
          item.set("price", price.deepCopy());
          item.set("plan", Shapes.plan(price));
        }
        if (change.has("quantity")) {
          item.put("quantity", change.longInRange("quantity", 1, 999_999));
        }
        Metadata.apply(item, change);
      }
    } else if (p.has("proration_behavior")) {
      p.oneOf("proration_behavior", "always_invoice", "create_prorations", "none");
    }
    ObjectNode before = sub.deepCopy();
    sub.setAll(updated);
    if (!Json.diff(before, sub).isEmpty()) {
      events.updated(c.account(), "customer.subscription.updated", before, sub);
    }
    return sub;
  }

  private ObjectNode cancelSubscription(Call c) {
    Params p = c.params();
    p.allow("invoice_now", "prorate", "cancellation_details");
    if (p.bool("invoice_now", false)) {
      throw ApiError.unsupported("invoice_now", "final invoices on cancellation");
    }
    // prorate=true is accepted: Stripe would credit the unused time to the customer's balance, which the
    // emulator does not keep, so the cancellation itself is the same either way.
    p.bool("prorate", false);
    ObjectNode sub = store.require(c.account(), "subscription", c.id(), "id");
    if ("canceled".equals(Json.text(sub, "status"))) {
      throw ApiError.state(null, "This subscription has already been canceled.");
    }
    Params details = p.map("cancellation_details");
    if (details != null) {
      details.allow("comment", "feedback");
      ObjectNode target = (ObjectNode) sub.get("cancellation_details");
      target.put("comment", details.string("comment"));
      target.put("feedback", details.oneOf("feedback", "customer_service", "low_quality", "missing_features",
          "other", "switched_service", "too_complex", "too_expensive", "unused"));
    }
    sub.putNull("canceled_at");
    billing.cancel(c.account(), sub, clock.now(), "cancellation_requested");
    return sub;
  }

  private ObjectNode findItem(String account, String id) {
    for (ObjectNode sub : store.list(account, "subscription")) {
      for (ObjectNode item : items(sub)) {
        if (id.equals(Json.text(item, "id"))) {
          return item;
        }
      }
    }
    throw ApiError.noSuch("subscription item", id, "id");
  }

  private ObjectNode listItems(Call c) {
    c.params().allow(Pages.with("subscription"));
    String subId = c.params().requireString("subscription");
    ObjectNode sub = store.require(c.account(), "subscription", subId, "subscription");
    return Pages.pageOf(items(sub), c.params(), "/v1/subscription_items");
  }

  private ObjectNode listInvoices(Call c) {
    Params p = c.params();
    p.allow(Pages.with("customer", "subscription", "status", "created", "collection_method"));
    String subscription = p.string("subscription");
    String status = p.oneOf("status", "draft", "open", "paid", "uncollectible", "void");
    return Lists.of(store, c, "invoice", Pages.range(p, "created")
        .and(Pages.eq(p, "customer", "customer"))
        .and(Pages.eq(p, "collection_method", "collection_method"))
        .and(i -> status == null || status.equals(Json.text(i, "status")))
        .and(i -> subscription == null || (!i.get("parent").isNull()
            && subscription.equals(Json.text(i.get("parent").get("subscription_details"), "subscription")))),
        "/v1/invoices");
  }

  private ObjectNode updateInvoice(Call c) {
    Params p = c.params();
    p.allow("metadata", "description", "footer");
    ObjectNode invoice = store.require(c.account(), "invoice", c.id(), "id");
    ObjectNode updated = invoice.deepCopy();
    Metadata.apply(updated, p);
    for (String field : new String[] {"description", "footer"}) {
      if (p.has(field)) {
        updated.put(field, p.string(field));
      }
    }
    ObjectNode before = invoice.deepCopy();
    invoice.setAll(updated);
    if (!Json.diff(before, invoice).isEmpty()) {
      events.updated(c.account(), "invoice.updated", before, invoice);
    }
    return invoice;
  }

  /** Pays an open invoice now with the subscription's card; a decline answers 402. */
  private ObjectNode payInvoice(Call c) {
    c.params().allow("off_session");
    ObjectNode invoice = store.require(c.account(), "invoice", c.id(), "id");
    if (!"open".equals(Json.text(invoice, "status"))) {
      throw ApiError.state("invoice_not_open", "Invoice is " + Json.text(invoice, "status")
          + "; only open invoices can be paid.");
    }
    ObjectNode sub = billing.subscriptionOf(c.account(), invoice);
    ObjectNode before = sub == null ? null : sub.deepCopy();
    ObjectNode charge = billing.attemptInvoice(c.account(), invoice, true);
    if (!"succeeded".equals(Json.text(charge, "status"))) {
      ObjectNode intent = store.get(c.account(), "payment_intent", Json.text(charge, "payment_intent"));
      throw Payments.cardError(intent, charge);
    }
    if (before != null) {
      billing.afterManualPayment(c.account(), invoice, before);
    }
    return invoice;
  }

  private ObjectNode listInvoicePayments(Call c) {
    Params p = c.params();
    p.allow(Pages.with("invoice", "payment", "status", "created"));
    Params payment = p.map("payment");
    String intent = null;
    if (payment != null) {
      payment.allow("type", "payment_intent");
      intent = payment.string("payment_intent");
    }
    String wantedIntent = intent;
    String status = p.oneOf("status", "canceled", "open", "paid");
    return Lists.of(store, c, "invoice_payment", Pages.range(p, "created")
        .and(Pages.eq(p, "invoice", "invoice"))
        .and(ip -> status == null || status.equals(Json.text(ip, "status")))
        .and(ip -> wantedIntent == null || wantedIntent.equals(Json.text(ip.get("payment"), "payment_intent"))),
        "/v1/invoice_payments");
  }
}
