package dev.tessera.stripe.emulator.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.events.EventLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/** Full and partial refunds of succeeded charges, with their balance transactions. */
@Singleton
public class Refunds {
  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject EventLog events;
  @Inject Ledger ledger;

  public ObjectNode create(String account, Params p) {
    p.allow("charge", "payment_intent", "amount", "reason", "metadata", "refund_application_fee", "reverse_transfer");
    if (p.bool("refund_application_fee", false)) {
      throw ApiError.unsupported("refund_application_fee", "refunding application fees");
    }
    if (p.bool("reverse_transfer", false)) {
      throw ApiError.unsupported("reverse_transfer", "reversing transfers on refund");
    }
    if (p.has("charge") == p.has("payment_intent")) {
      throw ApiError.invalid("charge", "You must pass exactly one of `charge` or `payment_intent`.");
    }
    ObjectNode charge;
    if (p.has("charge")) {
      charge = store.require(account, "charge", p.requireString("charge"), "charge");
    } else {
      ObjectNode intent = store.require(account, "payment_intent", p.requireString("payment_intent"), "payment_intent");
      charge = "succeeded".equals(Json.text(intent, "status"))
          ? store.get(account, "charge", Json.text(intent, "latest_charge")) : null;
      if (charge == null) {
        throw ApiError.state("charge_not_refundable",
            "This PaymentIntent does not have a successful charge to refund.");
      }
    }
    String chargeId = Json.text(charge, "id");
    if (!"succeeded".equals(Json.text(charge, "status"))) {
      throw ApiError.state("charge_not_refundable", "Charge " + chargeId + " did not succeed and cannot be refunded.");
    }
    if (charge.get("disputed").asBoolean()) {
      throw ApiError.state("charge_disputed", "Charge " + chargeId + " has been charged back; cannot issue a refund.");
    }
    long remaining = Json.num(charge, "amount") - Json.num(charge, "amount_refunded");
    String currency = Json.text(charge, "currency");
    if (remaining <= 0) {
      throw ApiError.state("charge_already_refunded", "Charge " + chargeId + " has already been refunded.");
    }
    Long requested = p.longValue("amount");
    long amount = requested == null ? remaining : requested;
    if (amount < 1) {
      throw ApiError.invalid("amount", "This value must be greater than or equal to 1.");
    }
    if (amount > remaining) {
      throw new ApiError(400, "invalid_request_error", "amount_too_large", "Refund amount ("
          + Money.format(amount, currency) + ") is greater than unrefunded amount on charge ("
          + Money.format(remaining, currency) + ")", "amount");
    }
    String reason = p.oneOf("reason", "duplicate", "fraudulent", "requested_by_customer");
    ObjectNode refund = Shapes.refund(Ids.next("re"), clock.now(), amount, currency, chargeId,
        Json.text(charge, "payment_intent"));
    refund.put("reason", reason);
    Metadata.apply(refund, p);
    ObjectNode txn = ledger.record(account, -amount, List.of(), currency, "refund", "refund", Json.text(refund, "id"),
        "REFUND FOR CHARGE (" + (charge.get("description").isNull() ? chargeId : Json.text(charge, "description"))
            + ")", clock.now());
    refund.put("balance_transaction", Json.text(txn, "id"));
    store.put(account, refund);

    ObjectNode before = charge.deepCopy();
    charge.put("amount_refunded", Json.num(charge, "amount_refunded") + amount);
    charge.put("refunded", Json.num(charge, "amount_refunded") == Json.num(charge, "amount"));
    ObjectNode refunds = (ObjectNode) charge.get("refunds");
    refunds.withArray("data").insert(0, refund.deepCopy());
    events.updated(account, "charge.refunded", before, charge);
    events.emit(account, "refund.created", refund);
    return refund;
  }

  public ObjectNode update(String account, String id, Params p) {
    p.allow("metadata");
    ObjectNode refund = store.require(account, "refund", id, "id");
    ObjectNode before = refund.deepCopy();
    Metadata.apply(refund, p);
    if (!Json.diff(before, refund).isEmpty()) {
      events.updated(account, "refund.updated", before, refund);
    }
    return refund;
  }
}
