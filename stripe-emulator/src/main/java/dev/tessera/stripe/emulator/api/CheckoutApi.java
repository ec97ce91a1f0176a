package dev.tessera.stripe.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Pages;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.domain.Checkout;
import dev.tessera.stripe.emulator.http.ApiModule;
import dev.tessera.stripe.emulator.http.Call;
import dev.tessera.stripe.emulator.http.Router;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Checkout Sessions. Completing one happens on the hosted page or through {@code /_emulator}. */
@Singleton
public class CheckoutApi implements ApiModule {
  @Inject Store store;
  @Inject Checkout checkout;

  @Override
  public void routes(Router r) {
    r.post("/v1/checkout/sessions", c -> checkout.create(c.account(), c.params()))
        .get("/v1/checkout/sessions", this::list)
        .get("/v1/checkout/sessions/{id}", c -> store.require(c.account(), "checkout.session", c.id(), "id"))
        .post("/v1/checkout/sessions/{id}/expire", c -> {
          c.params().allow();
          return checkout.expire(c.account(), c.id());
        })
        .get("/v1/checkout/sessions/{id}/line_items", c -> {
          c.params().allow(Pages.PAGING);
          store.require(c.account(), "checkout.session", c.id(), "id");
          return Pages.pageOf(checkout.lineItemsList(c.id()), c.params(),
              "/v1/checkout/sessions/" + c.id() + "/line_items");
        });
  }

  private ObjectNode list(Call c) {
    Params p = c.params();
    p.allow(Pages.with("created", "customer", "payment_intent", "subscription", "status"));
    String status = p.oneOf("status", "complete", "expired", "open");
    return Lists.of(store, c, "checkout.session", Pages.range(p, "created")
        .and(Pages.eq(p, "customer", "customer"))
        .and(Pages.eq(p, "payment_intent", "payment_intent"))
        .and(Pages.eq(p, "subscription", "subscription"))
        .and(o -> status == null || status.equals(Json.text(o, "status"))), "/v1/checkout/sessions");
  }
}
