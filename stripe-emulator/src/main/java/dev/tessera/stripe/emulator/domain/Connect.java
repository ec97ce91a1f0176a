package dev.tessera.stripe.emulator.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.EmulatorConfig;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.Resettable;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.core.TimeDriven;
import dev.tessera.stripe.emulator.core.Urls;
import dev.tessera.stripe.emulator.events.EventLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Connect: connected accounts (stored in the platform's space, owning their own space), hosted
 * onboarding through account links, Express login links, transfers and payouts.
 */
@Singleton
public class Connect implements TimeDriven, Resettable {
  private static final long LINK_TTL = 300;
  private static final String PLATFORM_BANK = "ba_1TesseraPlatformBank00";

  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject EventLog events;
  @Inject Ledger ledger;
  @Inject Payments payments;
  @Inject Urls urls;
  @Inject EmulatorConfig config;

  /** A single-use onboarding link. */
  public record Link(String token, String account, String type, String refreshUrl, String returnUrl, long expiresAt,
      boolean used) {}

  private final Map<String, Link> links = new HashMap<>();

  public ObjectNode requireAccount(String id, String param) {
    return store.require(null, "account", id, param);
  }

  public ObjectNode createAccount(Params p) {
    p.allow("type", "country", "email", "business_type", "capabilities", "metadata", "business_profile",
        "controller", "default_currency");
    String type = p.oneOf("type", "custom", "express", "standard");
    Params controller = p.map("controller");
    if (type == null && controller != null) {
      controller.allow("fees", "losses", "requirement_collection", "stripe_dashboard");
      Params dashboard = controller.map("stripe_dashboard");
      String dashboardType = dashboard == null ? null : dashboard.oneOf("type", "express", "full", "none");
      type = "express".equals(dashboardType) ? "express" : "none".equals(dashboardType) ? "custom" : "standard";
    }
    if (type == null) {
      throw ApiError.missing("type");
    }
    String country = p.string("country") == null ? "US" : p.string("country").toUpperCase();
    if (!country.matches("[A-Z]{2}")) {
      throw ApiError.invalid("country", "Invalid country: " + p.string("country"));
    }
    String businessType = p.oneOf("business_type", "company", "government_entity", "individual", "non_profit");
    String id = Ids.account();
    ObjectNode account = Shapes.account(id, clock.now(), type, country, p.string("email"));
    account.put("business_type", businessType);
    if (p.string("default_currency") != null) {
      account.put("default_currency", Money.currency("default_currency", p.string("default_currency")));
    }
    ObjectNode capabilities = (ObjectNode) account.get("capabilities");
    Params caps = p.map("capabilities");
    if (caps != null) {
      for (String cap : caps.keys()) {
        Params c = caps.requireMap(cap);
        c.allow("requested");
        if (c.bool("requested", false)) {
          capabilities.put(cap, "inactive");
        }
      }
    } else if (!"standard".equals(type)) {
      capabilities.put("card_payments", "inactive");
      capabilities.put("transfers", "inactive");
    }
    applyBusinessProfile(account, p.map("business_profile"));
    Metadata.apply(account, p);
    store.put(null, account);
    return account;
  }

  private static void applyBusinessProfile(ObjectNode account, Params bp) {
    if (bp == null) {
      return;
    }
    bp.allow("name", "url", "mcc", "product_description", "support_email", "support_phone", "support_url");
    ObjectNode profile = (ObjectNode) account.get("business_profile");
    for (String key : bp.keys()) {
      profile.put(key, bp.string(key));
    }
  }

  public ObjectNode updateAccount(String id, Params p) {
    p.allow("email", "business_type", "business_profile", "metadata", "capabilities", "default_currency");
    ObjectNode account = requireAccount(id, "account");
    ObjectNode before = account.deepCopy();
    ObjectNode updated = account.deepCopy();
    if (p.has("email")) {
      updated.put("email", p.string("email"));
    }
    if (p.has("business_type")) {
      updated.put("business_type", p.oneOf("business_type", "company", "government_entity", "individual",
          "non_profit"));
    }
    if (p.has("default_currency")) {
      updated.put("default_currency", Money.currency("default_currency", p.requireString("default_currency")));
    }
    Params caps = p.map("capabilities");
    if (caps != null) {
      ObjectNode capabilities = (ObjectNode) updated.get("capabilities");
      for (String cap : caps.keys()) {
        Params c = caps.requireMap(cap);
        c.allow("requested");
        if (c.bool("requested", false) && !capabilities.has(cap)) {
          capabilities.put(cap, updated.get("charges_enabled").asBoolean() ? "active" : "inactive");
        } else if (!c.bool("requested", true)) {
          capabilities.remove(cap);
        }
      }
    }
    applyBusinessProfile(updated, p.map("business_profile"));
    Metadata.apply(updated, p);
    account.setAll(updated);
    if (!Json.diff(before, account).isEmpty()) {
      events.updated(id, "account.updated", before, account);
    }
    return account;
  }

  public ObjectNode deleteAccount(String id) {
    requireAccount(id, "account");
    ObjectNode tombstone = Json.obj("deleted", true, "id", id, "object", "account");
    store.remove(null, id, tombstone);
    return tombstone;
  }

  /**
   * What finishing hosted onboarding does: details submitted, requested capabilities active,
   * charges and payouts enabled, a test bank account; {@code account.updated} and
   * {@code capability.updated} are sent as events of the connected account.
   */
  public ObjectNode completeOnboarding(String id) {
    ObjectNode account = requireAccount(id, "account");
    ObjectNode before = account.deepCopy();
    long now = clock.now();
    account.put("details_submitted", true);
    account.put("charges_enabled", true);
    account.put("payouts_enabled", true);
    if (account.get("business_type").isNull()) {
      account.put("business_type", "individual");
    }
    account.set("requirements", Shapes.requirements(List.of(), null));
    account.set("future_requirements", Shapes.requirements(List.of(), null));
    account.set("tos_acceptance", Json.obj("date", now, "ip", "127.0.0.1", "user_agent", "Stripe emulator"));
    ObjectNode externalAccounts = (ObjectNode) account.get("external_accounts");
    if (externalAccounts.withArray("data").isEmpty()) {
      externalAccounts.withArray("data").add(Json.obj("id", "ba_" + Ids.random(24), "object", "bank_account",
          "account", id, "account_holder_name", null, "account_holder_type", null, "account_type", null,
          "available_payout_methods", Json.arr("standard"), "bank_name", "STRIPE TEST BANK",
          "country", Json.text(account, "country"), "currency", Json.text(account, "default_currency"),
          "default_for_currency", true, "fingerprint", Ids.random(16), "last4", "6789", "metadata", Json.obj(),
          "routing_number", "110000000", "status", "new"));
    }
    List<String> activated = new ArrayList<>();
    ObjectNode capabilities = (ObjectNode) account.get("capabilities");
    capabilities.fieldNames().forEachRemaining(name -> {
      if (!"active".equals(capabilities.get(name).asText())) {
        activated.add(name);
      }
    });
    activated.forEach(name -> capabilities.put(name, "active"));
    if (!Json.diff(before, account).isEmpty()) {
      events.updated(id, "account.updated", before, account);
    }
    for (String name : activated) {
      events.emit(id, "capability.updated", Json.obj("account", id, "future_requirements",
          Shapes.requirements(List.of(), null), "id", name, "object", "capability", "requested", true,
          "requested_at", Json.num(account, "created"), "requirements", Shapes.requirements(List.of(), null),
          "status", "active"), Json.obj("status", "inactive"));
    }
    return account;
  }

  public ObjectNode createLink(Params p) {
    p.allow("account", "refresh_url", "return_url", "type", "collect", "collection_options");
    String accountId = p.requireString("account");
    String type = p.oneOf("type", "account_onboarding", "account_update");
    if (type == null) {
      throw ApiError.missing("type");
    }
    requireAccount(accountId, "account");
    long now = clock.now();
    String token = Ids.random(12);
    links.put(token, new Link(token, accountId, type, p.string("refresh_url"), p.string("return_url"),
        now + LINK_TTL, false));
    return Json.obj("created", now, "expires_at", now + LINK_TTL, "object", "account_link",
        "url", urls.of("/connect/onboarding/" + token));
  }

  /** The link behind a hosted onboarding URL; null when unknown, used or expired. */
  public Link link(String token) {
    Link link = links.get(token);
    return link == null || link.used() || link.expiresAt() < clock.now() ? null : link;
  }

  /** Submits hosted onboarding: the link is used up. Returns where to send the browser. */
  public String submitOnboarding(String token) {
    Link link = link(token);
    if (link == null) {
      throw ApiError.state("account_link_expired", "This account link has expired or was already used.");
    }
    links.put(token, new Link(link.token(), link.account(), link.type(), link.refreshUrl(), link.returnUrl(),
        link.expiresAt(), true));
    completeOnboarding(link.account());
    return link.returnUrl();
  }

  /** A link that is no longer valid sends the browser to its refresh URL, as Stripe does. */
  public String refreshUrlOf(String token) {
    Link link = links.get(token);
    return link == null ? null : link.refreshUrl();
  }

  public ObjectNode loginLink(String accountId) {
    ObjectNode account = requireAccount(accountId, "account");
    if (!"express".equals(Json.text(account, "type")) || !account.get("details_submitted").asBoolean()) {
      throw ApiError.state(null, "Cannot create a login link for an account that is not an Express account "
          + "or has not completed onboarding.");
    }
    return Json.obj("created", clock.now(), "object", "login_link", "url", urls.of("/connect/express/" + accountId));
  }

  /** Transfers go only to connected accounts whose {@code transfers} capability is active. */
  public void requireTransferCapable(String destination, String param) {
    ObjectNode account = store.get(null, "account", destination);
    if (account == null) {
      throw ApiError.noSuch("destination", destination, param);
    }
    if (!"active".equals(Json.text(account.get("capabilities"), "transfers"))) {
      throw new ApiError(400, "invalid_request_error", "insufficient_capabilities_for_transfer",
          "Your destination account needs to have at least one of the following capabilities enabled: "
              + "transfers, crypto_transfers, legacy_payments", param);
    }
  }

  public ObjectNode createTransfer(String account, Params p) {
    p.allow("amount", "currency", "destination", "description", "metadata", "transfer_group", "source_transaction");
    if (account != null) {
      throw ApiError.state(null, "Transfers can only be created by the platform, not on behalf of a connected account.");
    }
    long amount = p.requireLong("amount");
    if (amount < 1) {
      throw ApiError.invalid("amount", "This value must be greater than or equal to 1.");
    }
    String currency = Money.currency("currency", p.requireString("currency"));
    String destination = p.requireString("destination");
    requireTransferCapable(destination, "destination");
    ObjectNode metadataHolder = Json.obj();
    Metadata.apply(metadataHolder, p);
    String source = p.string("source_transaction");
    long availableOn = clock.now();
    if (source != null) {
      ObjectNode charge = store.require(null, "charge", source, "source_transaction");
      if (!"succeeded".equals(Json.text(charge, "status")) || !currency.equals(Json.text(charge, "currency"))) {
        throw ApiError.invalid("source_transaction",
            "The source_transaction must be a succeeded charge in the transfer's currency.");
      }
      availableOn = Json.num(store.get(null, Json.text(charge, "balance_transaction")), "available_on");
    } else if (ledger.available(null, currency) < amount) {
      throw new ApiError(400, "invalid_request_error", "balance_insufficient",
          "You have insufficient available funds in your Stripe account. Try adding funds directly to your "
              + "available balance by creating Charges using the 4000000000000077 test card. See: "
              + "https://stripe.com/docs/testing#available-balance", null);
    }
    return payments.transfer(destination, amount, currency, source, p.string("transfer_group"),
        p.string("description"), metadataHolder.has("metadata") ? (ObjectNode) metadataHolder.get("metadata") : null,
        availableOn);
  }

  public ObjectNode createPayout(String account, Params p) {
    p.allow("amount", "currency", "description", "metadata", "method", "statement_descriptor");
    long amount = p.requireLong("amount");
    if (amount < 1) {
      throw ApiError.invalid("amount", "This value must be greater than or equal to 1.");
    }
    String currency = Money.currency("currency", p.requireString("currency"));
    if ("instant".equals(p.oneOf("method", "instant", "standard"))) {
      throw ApiError.unsupported("method", "instant payouts");
    }
    String destination = PLATFORM_BANK;
    if (account != null) {
      ObjectNode acct = requireAccount(account, "account");
      if (!acct.get("payouts_enabled").asBoolean()) {
        throw ApiError.state("payouts_not_allowed", "Payouts are not enabled for this account; complete onboarding first.");
      }
      JsonNode banks = acct.get("external_accounts").get("data");
      destination = banks.isEmpty() ? null : Json.text(banks.get(0), "id");
    }
    if (ledger.available(account, currency) < amount) {
      throw new ApiError(400, "invalid_request_error", "balance_insufficient",
          "You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. "
              + "You can use the /v1/balance endpoint to view your Stripe balance (for more details, see "
              + "stripe.com/docs/api#balance).", null);
    }
    long now = clock.now();
    String id = Ids.next("po");
    ObjectNode payout = Shapes.payout(id, now, amount, currency, now + config.fees().payoutArrivalDays() * 86400L,
        destination);
    payout.put("description", p.string("description"));
    payout.put("statement_descriptor", p.string("statement_descriptor"));
    Metadata.apply(payout, p);
    ObjectNode txn = ledger.record(account, -amount, List.of(), currency, "payout", "payout", id,
        p.string("description") != null ? p.string("description") : "STRIPE PAYOUT", now);
    payout.put("balance_transaction", Json.text(txn, "id"));
    store.put(account, payout);
    events.emit(account, "payout.created", payout);
    return payout;
  }

  /** Ends a pending payout: the money goes back to the balance ({@code payout.canceled} or {@code payout.failed}). */
  public ObjectNode endPayout(String account, String id, boolean failed) {
    ObjectNode payout = store.require(account, "payout", id, "id");
    if (!"pending".equals(Json.text(payout, "status")) && !"in_transit".equals(Json.text(payout, "status"))) {
      throw ApiError.state(null, "Payouts can only be " + (failed ? "failed" : "canceled") + " while pending.");
    }
    ObjectNode before = payout.deepCopy();
    long amount = Json.num(payout, "amount");
    String currency = Json.text(payout, "currency");
    ObjectNode txn = ledger.record(account, amount, List.of(), currency, failed ? "payout_failure" : "payout_cancel",
        "payout_reversal", id, failed ? "Payout failure" : "Payout cancellation",
        clock.now());
    if (failed) {
      payout.put("status", "failed");
      payout.put("failure_code", "account_closed");
      payout.put("failure_message", "The bank account has been closed.");
      payout.put("failure_balance_transaction", Json.text(txn, "id"));
    } else {
      payout.put("status", "canceled");
    }
    events.updated(account, "payout.updated", before, payout);
    events.emit(account, failed ? "payout.failed" : "payout.canceled", payout);
    return payout;
  }

  @Override
  public OptionalLong nextDue() {
    long next = Long.MAX_VALUE;
    for (String account : store.accounts()) {
      for (ObjectNode p : store.list(account, "payout", Connect::inFlight)) {
        next = Math.min(next, Json.num(p, "arrival_date"));
      }
    }
    return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
  }

  private static boolean inFlight(ObjectNode payout) {
    String status = Json.text(payout, "status");
    return "pending".equals(status) || "in_transit".equals(status);
  }

  @Override
  public void runDue(long now) {
    for (String account : new ArrayList<>(store.accounts())) {
      for (ObjectNode payout : store.list(account, "payout", p -> inFlight(p) && Json.num(p, "arrival_date") <= now)) {
        ObjectNode before = payout.deepCopy();
        payout.put("status", "paid");
        ((ObjectNode) payout.get("trace_id")).put("status", "supported").put("value", Ids.upperCode(15));
        events.updated(account, "payout.updated", before, payout);
        events.emit(account, "payout.paid", payout);
      }
    }
  }

  @Override
  public void reset() {
    links.clear();
  }

  /**
   * Forgets links a day after they expired; until then a stale link still sends the browser to
   * its refresh URL.
   */
  public void pruneLinks() {
    Iterator<Link> it = links.values().iterator();
    while (it.hasNext()) {
      if (it.next().expiresAt() + 86400 < clock.now()) {
        it.remove();
      }
    }
  }
}
