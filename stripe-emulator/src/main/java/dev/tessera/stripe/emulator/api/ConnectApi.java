package dev.tessera.stripe.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.EmulatorConfig;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Pages;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.domain.Connect;
import dev.tessera.stripe.emulator.domain.Metadata;
import dev.tessera.stripe.emulator.domain.Shapes;
import dev.tessera.stripe.emulator.events.EventLog;
import dev.tessera.stripe.emulator.http.ApiModule;
import dev.tessera.stripe.emulator.http.Call;
import dev.tessera.stripe.emulator.http.Router;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Connected accounts, account links, login links, transfers and payouts. */
@Singleton
public class ConnectApi implements ApiModule {
  @Inject Store store;
  @Inject Connect connect;
  @Inject EventLog events;
  @Inject EmulatorConfig config;

  @Override
  public void routes(Router r) {
    r.post("/v1/accounts", c -> platformOnly(c, () -> connect.createAccount(c.params())))
        .get("/v1/accounts", c -> platformOnly(c, () -> {
          c.params().allow(Pages.with("created"));
          return Lists.of(store, c, "account", Pages.range(c.params(), "created"), "/v1/accounts");
        }))
        .get("/v1/accounts/{id}", c -> platformOnly(c, () -> connect.requireAccount(c.id(), "account")))
        .post("/v1/accounts/{id}", c -> platformOnly(c, () -> connect.updateAccount(c.id(), c.params())))
        .delete("/v1/accounts/{id}", c -> platformOnly(c, () -> connect.deleteAccount(c.id())))
        .post("/v1/accounts/{id}/login_links", c -> platformOnly(c, () -> {
          c.params().allow();
          return connect.loginLink(c.id());
        }))
        .get("/v1/account", this::currentAccount)
        .post("/v1/account_links", c -> platformOnly(c, () -> connect.createLink(c.params())))
        .post("/v1/transfers", c -> connect.createTransfer(c.account(), c.params()))
        .get("/v1/transfers", c -> {
          Params p = c.params();
          p.allow(Pages.with("destination", "transfer_group", "created"));
          return Lists.of(store, c, "transfer", Pages.range(p, "created").and(Pages.eq(p, "destination", "destination"))
              .and(Pages.eq(p, "transfer_group", "transfer_group")), "/v1/transfers");
        })
        .get("/v1/transfers/{id}", c -> store.require(c.account(), "transfer", c.id(), "id"))
        .post("/v1/transfers/{id}", c -> update(c, "transfer", "transfer.updated"))
        .post("/v1/payouts", c -> connect.createPayout(c.account(), c.params()))
        .get("/v1/payouts", c -> {
          Params p = c.params();
          p.allow(Pages.with("status", "arrival_date", "created", "destination"));
          String status = p.oneOf("status", "canceled", "failed", "in_transit", "paid", "pending");
          return Lists.of(store, c, "payout", Pages.range(p, "created").and(Pages.range(p, "arrival_date"))
              .and(Pages.eq(p, "destination", "destination"))
              .and(o -> status == null || status.equals(Json.text(o, "status"))), "/v1/payouts");
        })
        .get("/v1/payouts/{id}", c -> store.require(c.account(), "payout", c.id(), "id"))
        .post("/v1/payouts/{id}", c -> update(c, "payout", "payout.updated"))
        .post("/v1/payouts/{id}/cancel", c -> {
          c.params().allow();
          return connect.endPayout(c.account(), c.id(), false);
        });
  }

  /** Account management is the platform's: a connected account cannot manage other accounts. */
  private ObjectNode platformOnly(Call c, java.util.function.Supplier<ObjectNode> action) {
    if (c.account() != null) {
      throw new ApiError(403, "invalid_request_error", null,
          "This request can only be made by the platform, not on behalf of a connected account.", null);
    }
    return action.get();
  }

  /** The account the key (and {@code Stripe-Account}) acts as. */
  private ObjectNode currentAccount(Call c) {
    c.params().allow();
    if (c.account() != null) {
      return connect.requireAccount(c.account(), "account");
    }
    ObjectNode platform = Shapes.account(config.platformAccountId(), 1_700_000_000L, "standard", "US",
        "platform@tessera.example");
    platform.put("charges_enabled", true).put("payouts_enabled", true).put("details_submitted", true);
    platform.set("capabilities", Json.obj("card_payments", "active", "transfers", "active"));
    platform.set("requirements", Shapes.requirements(java.util.List.of(), null));
    ((ObjectNode) platform.get("business_profile")).put("name", "Tessera (Stripe emulator)");
    return platform;
  }

  private ObjectNode update(Call c, String type, String eventType) {
    Params p = c.params();
    p.allow("metadata", "description");
    ObjectNode object = store.require(c.account(), type, c.id(), "id");
    ObjectNode updated = object.deepCopy();
    Metadata.apply(updated, p);
    if (p.has("description")) {
      updated.put("description", p.string("description"));
    }
    ObjectNode before = object.deepCopy();
    object.setAll(updated);
    if (!Json.diff(before, object).isEmpty()) {
      events.updated(c.account(), eventType, before, object);
    }
    return object;
  }
}
