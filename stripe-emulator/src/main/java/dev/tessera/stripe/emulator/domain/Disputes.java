package dev.tessera.stripe.emulator.domain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.EmulatorConfig;
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
import java.util.Set;

/**
 * Disputes: opened on request (a cardholder's bank would do it), answered with evidence or
 * accepted through the API, and decided on request. Funds and the dispute fee are withdrawn when
 * the dispute opens and reinstated (fee included) when it is won.
 */
@Singleton
public class Disputes {
  private static final Set<String> OPEN = Set.of("needs_response", "warning_needs_response", "under_review",
      "warning_under_review");
  private static final String[] REASONS = {"bank_cannot_process", "check_returned", "credit_not_processed",
      "customer_initiated", "debit_not_authorized", "duplicate", "fraudulent", "general",
      "incorrect_account_details", "insufficient_funds", "product_not_received", "product_unacceptable",
      "subscription_canceled", "unrecognized"};
  private static final List<String> EVIDENCE_FIELDS = List.of("access_activity_log", "billing_address",
      "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal", "customer_communication",
      "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
      "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id", "product_description",
      "receipt", "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date",
      "service_documentation", "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation",
      "shipping_tracking_number", "uncategorized_file", "uncategorized_text");

  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject EventLog events;
  @Inject Ledger ledger;
  @Inject EmulatorConfig config;

  public ObjectNode open(String account, String chargeId, Params p) {
    p.allow("amount", "reason");
    ObjectNode charge = store.require(account, "charge", chargeId, "charge");
    if (!"succeeded".equals(Json.text(charge, "status"))) {
      throw ApiError.state(null, "Only succeeded charges can be disputed.");
    }
    if (charge.get("disputed").asBoolean()) {
      throw ApiError.state(null, "Charge " + chargeId + " is already disputed.");
    }
    long disputable = Json.num(charge, "amount") - Json.num(charge, "amount_refunded");
    Long requested = p.longValue("amount");
    long amount = requested == null ? disputable : requested;
    if (amount < 1 || amount > disputable) {
      throw ApiError.invalid("amount", "The dispute amount must be between 1 and the unrefunded amount ("
          + disputable + ").");
    }
    String reason = p.oneOf("reason", REASONS);
    long now = clock.now();
    String id = Ids.next("du");
    ObjectNode dispute = Shapes.dispute(id, now, charge, amount, reason == null ? "fraudulent" : reason,
        now + config.billing().disputeResponseDays() * 86400L);
    String currency = Json.text(charge, "currency");
    long fee = config.fees().dispute();
    ObjectNode txn = ledger.record(account, -amount,
        List.of(Shapes.feeDetail(fee, currency, "Dispute fee", "stripe_fee")), currency, "adjustment", "dispute", id,
        "Chargeback withdrawal for " + chargeId, now);
    ((ArrayNode) dispute.get("balance_transactions")).add(txn.deepCopy());
    store.put(account, dispute);
    ObjectNode before = charge.deepCopy();
    charge.put("disputed", true);
    events.emit(account, "charge.dispute.created", dispute);
    events.updated(account, "charge.updated", before, charge);
    events.emit(account, "charge.dispute.funds_withdrawn", dispute);
    return dispute;
  }

  /** Evidence, metadata, and submission ({@code submit} defaults to true, as at Stripe). */
  public ObjectNode update(String account, String id, Params p) {
    p.allow("evidence", "metadata", "submit");
    ObjectNode dispute = store.require(account, "dispute", id, "id");
    String status = Json.text(dispute, "status");
    if (!OPEN.contains(status)) {
      throw ApiError.state(null, "This dispute is already closed.");
    }
    ObjectNode updated = dispute.deepCopy();
    Params evidence = p.map("evidence");
    if (evidence != null) {
      evidence.allow(EVIDENCE_FIELDS.toArray(String[]::new));
      ObjectNode target = (ObjectNode) updated.get("evidence");
      for (String field : evidence.keys()) {
        target.put(field, evidence.string(field));
      }
      ((ObjectNode) updated.get("evidence_details")).put("has_evidence", true);
    }
    Metadata.apply(updated, p);
    if (p.bool("submit", true)) {
      if (status.endsWith("under_review")) {
        throw ApiError.state(null, "Evidence for this dispute has already been submitted.");
      }
      updated.put("status", status.startsWith("warning_") ? "warning_under_review" : "under_review");
      ObjectNode details = (ObjectNode) updated.get("evidence_details");
      details.put("submission_count", Json.num(details, "submission_count") + 1);
    }
    ObjectNode before = dispute.deepCopy();
    dispute.setAll(updated);
    events.updated(account, "charge.dispute.updated", before, dispute);
    return dispute;
  }

  /** Accepting a dispute through the API: it is lost. */
  public ObjectNode accept(String account, String id) {
    ObjectNode dispute = store.require(account, "dispute", id, "id");
    if (!OPEN.contains(Json.text(dispute, "status"))) {
      throw ApiError.state(null, "This dispute is already closed.");
    }
    return decide(account, dispute, false);
  }

  /** The bank's decision. */
  public ObjectNode close(String account, String id, String outcome) {
    ObjectNode dispute = store.require(account, "dispute", id, "id");
    if (!OPEN.contains(Json.text(dispute, "status"))) {
      throw ApiError.state(null, "This dispute is already closed.");
    }
    if (!"won".equals(outcome) && !"lost".equals(outcome)) {
      throw ApiError.invalid("outcome", "Invalid outcome: must be one of won or lost");
    }
    return decide(account, dispute, "won".equals(outcome));
  }

  private ObjectNode decide(String account, ObjectNode dispute, boolean won) {
    String id = Json.text(dispute, "id");
    if (won) {
      long amount = Json.num(dispute, "amount");
      String currency = Json.text(dispute, "currency");
      long fee = config.fees().dispute();
      ObjectNode txn = ledger.record(account, amount,
          List.of(Shapes.feeDetail(-fee, currency, "Dispute fee refund", "stripe_fee")), currency, "adjustment",
          "dispute_reversal", id, "Chargeback reversal for " + Json.text(dispute, "charge"), clock.now());
      ((ArrayNode) dispute.get("balance_transactions")).add(txn.deepCopy());
      dispute.put("status", "won");
      events.emit(account, "charge.dispute.funds_reinstated", dispute);
    } else {
      dispute.put("status", "lost");
    }
    events.emit(account, "charge.dispute.closed", dispute);
    return dispute;
  }
}
