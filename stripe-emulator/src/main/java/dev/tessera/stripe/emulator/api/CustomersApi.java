package dev.tessera.stripe.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Pages;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.domain.Billing;
import dev.tessera.stripe.emulator.domain.Metadata;
import dev.tessera.stripe.emulator.domain.Shapes;
import dev.tessera.stripe.emulator.events.EventLog;
import dev.tessera.stripe.emulator.http.ApiModule;
import dev.tessera.stripe.emulator.http.Call;
import dev.tessera.stripe.emulator.http.Router;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Customers and their payment methods. */
@Singleton
public class CustomersApi implements ApiModule {
  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject EventLog events;
  @Inject Billing billing;

  @Override
  public void routes(Router r) {
    r.post("/v1/customers", this::create)
        .get("/v1/customers", this::list)
        .get("/v1/customers/{id}", this::retrieve)
        .post("/v1/customers/{id}", this::update)
        .delete("/v1/customers/{id}", this::delete)
        .get("/v1/customers/{id}/payment_methods", c -> {
          c.params().allow(Pages.with("type"));
          store.require(c.account(), "customer", c.id(), "customer");
          return Lists.of(store, c, "payment_method", pm -> c.id().equals(Json.text(pm, "customer")),
              "/v1/customers/" + c.id() + "/payment_methods");
        })
        .get("/v1/payment_methods", c -> {
          c.params().allow(Pages.with("customer", "type"));
          String customer = c.params().string("customer");
          return Lists.of(store, c, "payment_method",
              pm -> customer == null || customer.equals(Json.text(pm, "customer")), "/v1/payment_methods");
        })
        .get("/v1/payment_methods/{id}", c -> store.require(c.account(), "payment_method", c.id(), "id"));
  }

  private ObjectNode create(Call c) {
    Params p = c.params();
    p.allow("email", "name", "description", "phone", "metadata", "address", "preferred_locales", "invoice_settings");
    ObjectNode customer = Shapes.customer(Ids.shortId("cus"), clock.now());
    apply(c.account(), customer, p);
    store.put(c.account(), customer);
    events.emit(c.account(), "customer.created", customer);
    return customer;
  }

  private void apply(String account, ObjectNode customer, Params p) {
    for (String field : new String[] {"email", "name", "description", "phone"}) {
      if (p.has(field)) {
        customer.put(field, p.string(field));
      }
    }
    if (p.has("address")) {
      Params address = p.map("address");
      if (address == null) {
        customer.putNull("address");
      } else {
        address.allow("line1", "line2", "city", "state", "postal_code", "country");
        ObjectNode a = Shapes.address(null);
        for (String k : address.keys()) {
          a.put(k, address.string(k));
        }
        customer.set("address", a);
      }
    }
    if (p.has("preferred_locales")) {
      customer.set("preferred_locales", Json.arrOf(p.stringList("preferred_locales")));
    }
    Params settings = p.map("invoice_settings");
    if (settings != null) {
      settings.allow("default_payment_method", "footer");
      ObjectNode target = (ObjectNode) customer.get("invoice_settings");
      if (settings.has("default_payment_method")) {
        String pm = settings.string("default_payment_method");
        if (pm != null) {
          ObjectNode method = store.require(account, "payment_method", pm, settings.name("default_payment_method"));
          if (!Json.text(customer, "id").equals(Json.text(method, "customer"))) {
            throw ApiError.invalid(settings.name("default_payment_method"),
                "The payment method must be attached to this customer.");
          }
        }
        target.put("default_payment_method", pm);
      }
      if (settings.has("footer")) {
        target.put("footer", settings.string("footer"));
      }
    }
    Metadata.apply(customer, p);
  }

  private ObjectNode retrieve(Call c) {
    ObjectNode tombstone = store.tombstone(c.account(), c.id());
    if (tombstone != null) {
      return tombstone;
    }
    return store.require(c.account(), "customer", c.id(), "id");
  }

  private ObjectNode list(Call c) {
    Params p = c.params();
    p.allow(Pages.with("email", "created"));
    return Lists.of(store, c, "customer", Pages.range(p, "created").and(Pages.eq(p, "email", "email")),
        "/v1/customers");
  }

  private ObjectNode update(Call c) {
    Params p = c.params();
    p.allow("email", "name", "description", "phone", "metadata", "address", "preferred_locales", "invoice_settings");
    ObjectNode customer = store.require(c.account(), "customer", c.id(), "id");
    ObjectNode updated = customer.deepCopy();
    apply(c.account(), updated, p);
    ObjectNode before = customer.deepCopy();
    customer.setAll(updated);
    if (!Json.diff(before, customer).isEmpty()) {
      events.updated(c.account(), "customer.updated", before, customer);
    }
    return customer;
  }

  /** Deleting a customer cancels its subscriptions at once, as Stripe does. */
  private ObjectNode delete(Call c) {
    ObjectNode customer = store.require(c.account(), "customer", c.id(), "id");
    for (ObjectNode sub : store.list(c.account(), "subscription",
        s -> c.id().equals(Json.text(s, "customer")) && !"canceled".equals(Json.text(s, "status"))
            && !"incomplete_expired".equals(Json.text(s, "status")))) {
      billing.cancel(c.account(), sub, clock.now(), "cancellation_requested");
    }
    ObjectNode tombstone = Json.obj("deleted", true, "id", c.id(), "object", "customer");
    store.remove(c.account(), c.id(), tombstone);
    events.emit(c.account(), "customer.deleted", customer);
    return tombstone;
  }
}
