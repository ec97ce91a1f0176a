package dev.tessera.stripe.emulator.api;

import dev.tessera.stripe.emulator.core.Pages;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.domain.Disputes;
import dev.tessera.stripe.emulator.http.ApiModule;
import dev.tessera.stripe.emulator.http.Router;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Disputes: list, retrieve, submit evidence, accept (close). Opening and deciding are emulator controls. */
@Singleton
public class DisputesApi implements ApiModule {
  @Inject Store store;
  @Inject Disputes disputes;

  @Override
  public void routes(Router r) {
    r.get("/v1/disputes", c -> {
      Params p = c.params();
      p.allow(Pages.with("charge", "payment_intent", "created"));
      return Lists.of(store, c, "dispute", Pages.range(p, "created").and(Pages.eq(p, "charge", "charge"))
          .and(Pages.eq(p, "payment_intent", "payment_intent")), "/v1/disputes");
    })
        .get("/v1/disputes/{id}", c -> store.require(c.account(), "dispute", c.id(), "id"))
        .post("/v1/disputes/{id}", c -> disputes.update(c.account(), c.id(), c.params()))
        .post("/v1/disputes/{id}/close", c -> {
          c.params().allow();
          return disputes.accept(c.account(), c.id());
        });
  }
}
