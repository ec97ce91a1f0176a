package dev.tessera.stripe.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Pages;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.domain.Connect;
import dev.tessera.stripe.emulator.domain.Ledger;
import dev.tessera.stripe.emulator.domain.Metadata;
import dev.tessera.stripe.emulator.domain.Money;
import dev.tessera.stripe.emulator.domain.Payments;
import dev.tessera.stripe.emulator.domain.Refunds;
import dev.tessera.stripe.emulator.events.EventLog;
import dev.tessera.stripe.emulator.http.ApiModule;
import dev.tessera.stripe.emulator.http.Call;
import dev.tessera.stripe.emulator.http.Router;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** PaymentIntents, charges, refunds, balance transactions, the balance and application fees. */
@Singleton
public class PaymentsApi implements ApiModule {
  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject EventLog events;
  @Inject Payments payments;
  @Inject Refunds refunds;
  @Inject Ledger ledger;
  @Inject Connect connect;

  @Override
  public void routes(Router r) {
    r.post("/v1/payment_intents", this::createIntent)
        .get("/v1/payment_intents", c -> {
          Params p = c.params();
          p.allow(Pages.with("customer", "created"));
          return Lists.of(store, c, "payment_intent", Pages.range(p, "created").and(Pages.eq(p, "customer", "customer")),
              "/v1/payment_intents");
        })
        .get("/v1/payment_intents/{id}", c -> store.require(c.account(), "payment_intent", c.id(), "id"))
        .post("/v1/payment_intents/{id}", this::updateIntent)
        .post("/v1/payment_intents/{id}/confirm", this::confirmIntent)
        .post("/v1/payment_intents/{id}/cancel", this::cancelIntent)
        .get("/v1/charges", c -> {
          Params p = c.params();
          p.allow(Pages.with("customer", "payment_intent", "created", "transfer_group"));
          return Lists.of(store, c, "charge", Pages.range(p, "created").and(Pages.eq(p, "customer", "customer"))
              .and(Pages.eq(p, "payment_intent", "payment_intent"))
              .and(Pages.eq(p, "transfer_group", "transfer_group")), "/v1/charges");
        })
        .get("/v1/charges/{id}", c -> store.require(c.account(), "charge", c.id(), "id"))
        .post("/v1/charges/{id}", this::updateCharge)
        .post("/v1/refunds", c -> refunds.create(c.account(), c.params()))
        .get("/v1/refunds", c -> {
          Params p = c.params();
          p.allow(Pages.with("charge", "payment_intent", "created"));
          return Lists.of(store, c, "refund", Pages.range(p, "created").and(Pages.eq(p, "charge", "charge"))
              .and(Pages.eq(p, "payment_intent", "payment_intent")), "/v1/refunds");
        })
        .get("/v1/refunds/{id}", c -> store.require(c.account(), "refund", c.id(), "id"))
        .post("/v1/refunds/{id}", c -> refunds.update(c.account(), c.id(), c.params()))
        .get("/v1/balance_transactions", c -> {
          Params p = c.params();
          p.allow(Pages.with("type", "source", "currency", "created"));
          return Lists.of(store, c, "balance_transaction", Pages.range(p, "created").and(Pages.eq(p, "type", "type"))
              .and(Pages.eq(p, "source", "source")).and(Pages.eq(p, "currency", "currency")),
              "/v1/balance_transactions");
        })
        .get("/v1/balance_transactions/{id}", c -> store.require(c.account(), "balance_transaction", c.id(), "id"))
        .get("/v1/balance", c -> {
          c.params().allow();
          return ledger.balance(c.account());
        })
        .get("/v1/application_fees", c -> {
          Params p = c.params();
          p.allow(Pages.with("charge", "created"));
          return Lists.of(store, c, "application_fee", Pages.range(p, "created").and(Pages.eq(p, "charge", "charge")),
              "/v1/application_fees");
        })
        .get("/v1/application_fees/{id}", c -> store.require(c.account(), "application_fee", c.id(), "id"));
  }

  private ObjectNode createIntent(Call c) {
    Params p = c.params();
    p.allow("amount", "currency", "customer", "description", "metadata", "payment_method", "confirm",
        "receipt_email", "transfer_data", "application_fee_amount", "on_behalf_of", "transfer_group",
        "payment_method_types", "automatic_payment_methods", "capture_method", "off_session", "confirmation_method");
    long amount = p.requireLong("amount");
    if (amount < 1) {
      throw ApiError.invalid("amount", "This value must be greater than or equal to 1.");
    }
    String currency = Money.currency("currency", p.requireString("currency"));
    String customer = p.string("customer");
    if (customer != null) {
      store.require(c.account(), "customer", customer, "customer");
    }
    String capture = p.oneOf("capture_method", "automatic", "automatic_async", "manual");
    if ("manual".equals(capture)) {
      throw ApiError.unsupported("capture_method", "manual capture");
    }
    if ("manual".equals(p.oneOf("confirmation_method", "automatic", "manual"))) {
      throw ApiError.unsupported("confirmation_method", "manual confirmation");
    }
    for (String type : p.stringList("payment_method_types")) {
      if (!"card".equals(type)) {
        throw ApiError.unsupported("payment_method_types", "payment method types other than card");
      }
    }
    Params transfer = p.map("transfer_data");
    String destination = null;
    Long transferAmount = null;
    if (transfer != null) {
      transfer.allow("destination", "amount");
      if (c.account() != null) {
        throw ApiError.invalid("transfer_data[destination]",
            "transfer_data cannot be used when making a request on behalf of a connected account.");
      }
      destination = transfer.requireString("destination");
      connect.requireTransferCapable(destination, "transfer_data[destination]");
      transferAmount = transfer.longInRange("amount", 1, amount);
    }
    Long fee = p.longInRange("application_fee_amount", 0, amount);
    if (fee != null && c.account() == null && destination == null) {
      throw ApiError.invalid("application_fee_amount", "Can only apply an application_fee_amount when the "
          + "PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or "
          + "destination payment (using `transfer_data[destination]`).");
    }
    boolean confirm = p.bool("confirm", false);
    String pmParam = p.string("payment_method");
    ObjectNode metadataHolder = Json.obj();
    Metadata.apply(metadataHolder, p);
    ObjectNode pm = pmParam == null ? null : payments.resolvePaymentMethod(c.account(), pmParam, "payment_method");
    ObjectNode intent = payments.createIntent(c.account(), new Payments.IntentSpec(amount, currency, customer,
        p.string("description"), metadataHolder.has("metadata") ? (ObjectNode) metadataHolder.get("metadata") : null,
        destination, transferAmount, fee, p.string("transfer_group"), p.string("receipt_email"),
        p.string("on_behalf_of")));
    if (p.has("automatic_payment_methods")) {
      Params apm = p.map("automatic_payment_methods");
      apm.allow("enabled", "allow_redirects");
      intent.set("automatic_payment_methods", Json.obj("allow_redirects", apm.string("allow_redirects"),
          "enabled", apm.bool("enabled", false)));
    }
    if (pm != null) {
      intent.put("payment_method", Json.text(pm, "id"));
      intent.put("status", "requires_confirmation");
    }
    if (confirm) {
      payments.confirm(c.account(), intent, pm);
    }
    return intent;
  }

  private ObjectNode updateIntent(Call c) {
    Params p = c.params();
    p.allow("amount", "description", "metadata", "receipt_email", "customer", "payment_method");
    ObjectNode intent = store.require(c.account(), "payment_intent", c.id(), "id");
    String status = Json.text(intent, "status");
    boolean settled = "succeeded".equals(status) || "canceled".equals(status);
    if (settled && (p.has("amount") || p.has("customer") || p.has("payment_method"))) {
      throw new ApiError(400, "invalid_request_error", "payment_intent_unexpected_state",
          "This PaymentIntent's amount, customer and payment method cannot be updated because it has a status of "
              + status + ".", null);
    }
    ObjectNode updated = intent.deepCopy();
    if (p.has("amount")) {
      updated.put("amount", p.longInRange("amount", 1, Long.MAX_VALUE));
    }
    if (p.has("customer")) {
      String customer = p.string("customer");
      if (customer != null) {
        store.require(c.account(), "customer", customer, "customer");
      }
      updated.put("customer", customer);
    }
    for (String field : new String[] {"description", "receipt_email"}) {
      if (p.has(field)) {
        updated.put(field, p.string(field));
      }
    }
    Metadata.apply(updated, p);
    if (p.has("payment_method")) {
      ObjectNode pm = payments.resolvePaymentMethod(c.account(), p.requireString("payment_method"), "payment_method");
      updated.put("payment_method", Json.text(pm, "id"));
      updated.put("status", "requires_confirmation");
    }
    // PaymentIntents have no "updated" event type at Stripe
    intent.setAll(updated);
    return intent;
  }

  private ObjectNode confirmIntent(Call c) {
    Params p = c.params();
    p.allow("payment_method", "off_session", "receipt_email", "return_url");
    ObjectNode intent = store.require(c.account(), "payment_intent", c.id(), "id");
    ObjectNode pm = p.has("payment_method")
        ? payments.resolvePaymentMethod(c.account(), p.requireString("payment_method"), "payment_method") : null;
    if (p.has("receipt_email")) {
      intent.put("receipt_email", p.string("receipt_email"));
    }
    return payments.confirm(c.account(), intent, pm);
  }

  private ObjectNode cancelIntent(Call c) {
    Params p = c.params();
    p.allow("cancellation_reason");
    String reason = p.oneOf("cancellation_reason", "abandoned", "duplicate", "fraudulent", "requested_by_customer");
    ObjectNode intent = store.require(c.account(), "payment_intent", c.id(), "id");
    String status = Json.text(intent, "status");
    if ("succeeded".equals(status) || "canceled".equals(status)) {
      throw new ApiError(400, "invalid_request_error", "payment_intent_unexpected_state",
          "You cannot cancel this PaymentIntent because it has a status of " + status + ". Only a PaymentIntent "
              + "with one of the following statuses may be canceled: requires_payment_method, requires_capture, "
              + "requires_confirmation, requires_action, processing.", null);
    }
    intent.put("status", "canceled");
    intent.put("canceled_at", clock.now());
    intent.put("cancellation_reason", reason);
    events.emit(c.account(), "payment_intent.canceled", intent);
    return intent;
  }

  private ObjectNode updateCharge(Call c) {
    Params p = c.params();
    p.allow("description", "metadata", "receipt_email");
    ObjectNode charge = store.require(c.account(), "charge", c.id(), "id");
    ObjectNode updated = charge.deepCopy();
    for (String field : new String[] {"description", "receipt_email"}) {
      if (p.has(field)) {
        updated.put(field, p.string(field));
      }
    }
    Metadata.apply(updated, p);
    ObjectNode before = charge.deepCopy();
    charge.setAll(updated);
    if (!Json.diff(before, charge).isEmpty()) {
      events.updated(c.account(), "charge.updated", before, charge);
    }
    return charge;
  }
}
