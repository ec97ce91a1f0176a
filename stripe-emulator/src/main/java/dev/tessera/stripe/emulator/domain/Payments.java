package dev.tessera.stripe.emulator.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Resettable;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.core.Urls;
import dev.tessera.stripe.emulator.events.EventLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Card payments: PaymentIntents, their charges and balance transactions, declines, and the
 * Connect money movements a charge implies (destination charges' transfer and application fee,
 * direct charges' application fee).
 */
@Singleton
public class Payments implements Resettable {
  /** The Connect application id of the emulated platform (as in {@code charge.application}). */
  public static final String APPLICATION_ID = "ca_TesseraEmulatorPlatform00000";

  /** Messages and error codes of the declines the emulator can produce, by decline code. */
  private static final Map<String, String[]> DECLINES = Map.of(
      "generic_decline", new String[] {"card_declined", "Your card was declined."},
      "insufficient_funds", new String[] {"card_declined", "Your card has insufficient funds."},
      "lost_card", new String[] {"card_declined", "Your card was declined."},
      "stolen_card", new String[] {"card_declined", "Your card was declined."},
      "do_not_honor", new String[] {"card_declined", "Your card was declined."},
      "expired_card", new String[] {"expired_card", "Your card has expired."},
      "incorrect_cvc", new String[] {"incorrect_cvc", "Your card's security code is incorrect."});

  /** Stripe's test PaymentMethod tokens and the decline each produces (null: succeeds). */
  private static final Map<String, String> TEST_PAYMENT_METHODS = new HashMap<>();

  static {
    TEST_PAYMENT_METHODS.put("pm_card_visa", null);
    TEST_PAYMENT_METHODS.put("pm_card_mastercard", null);
    for (String prefix : List.of("pm_card_chargeDeclined", "pm_card_visa_chargeDeclined")) {
      TEST_PAYMENT_METHODS.put(prefix, "generic_decline");
      TEST_PAYMENT_METHODS.put(prefix + "InsufficientFunds", "insufficient_funds");
      TEST_PAYMENT_METHODS.put(prefix + "LostCard", "lost_card");
      TEST_PAYMENT_METHODS.put(prefix + "StolenCard", "stolen_card");
      TEST_PAYMENT_METHODS.put(prefix + "ExpiredCard", "expired_card");
      TEST_PAYMENT_METHODS.put(prefix + "IncorrectCvc", "incorrect_cvc");
    }
  }

  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject EventLog events;
  @Inject Ledger ledger;
  @Inject Urls urls;

  private record FailMark(int remaining, String declineCode) {}

  private final Map<String, FailMark> failMarks = new HashMap<>();
  /** Cards made from a declining test token ({@code pm_card_chargeDeclined}...) and their decline code. */
  private final Map<String, String> decliningCards = new HashMap<>();

  public static boolean isDeclineCode(String code) {
    return DECLINES.containsKey(code);
  }

  public static boolean isTestPaymentMethod(String token) {
    return TEST_PAYMENT_METHODS.containsKey(token);
  }

  public static String testDecline(String token) {
    return TEST_PAYMENT_METHODS.get(token);
  }

  /** Makes the next {@code count} off-session payments of a customer fail (0 clears). */
  public void failNext(String account, String customer, int count, String declineCode) {
    String key = (account == null ? "" : account) + "/" + customer;
    if (count <= 0) {
      failMarks.remove(key);
    } else {
      failMarks.put(key, new FailMark(count, declineCode));
    }
  }

  public int pendingFailures(String account, String customer) {
    FailMark m = failMarks.get((account == null ? "" : account) + "/" + customer);
    return m == null ? 0 : m.remaining;
  }

  /** Consumes one pending failure of the customer; its decline code, or null to succeed. */
  public String takeFailure(String account, String customer) {
    if (customer == null) {
      return null;
    }
    String key = (account == null ? "" : account) + "/" + customer;
    FailMark m = failMarks.get(key);
    if (m == null) {
      return null;
    }
    if (m.remaining <= 1) {
      failMarks.remove(key);
    } else {
      failMarks.put(key, new FailMark(m.remaining - 1, m.declineCode));
    }
    return m.declineCode;
  }

  /** A new card PaymentMethod (the test Visa), optionally attached to a customer. */
  public ObjectNode newCard(String account, String customer, String email, String name) {
    ObjectNode pm = Shapes.paymentMethod(Ids.next("pm"), clock.now(), null, email, name);
    store.put(account, pm);
    if (customer != null) {
      pm.put("customer", customer);
      events.emit(account, "payment_method.attached", pm);
    }
    return pm;
  }

  /**
   * A PaymentMethod named in a request: one of Stripe's test tokens (a new card is made, which
   * declines if the token says so) or a stored PaymentMethod of the account.
   */
  public ObjectNode resolvePaymentMethod(String account, String idOrToken, String param) {
    if (isTestPaymentMethod(idOrToken)) {
      ObjectNode pm = newCard(account, null, null, null);
      if (idOrToken.contains("mastercard")) {
        ObjectNode card = (ObjectNode) pm.get("card");
        card.put("brand", "mastercard").put("display_brand", "mastercard").put("last4", "4444");
        card.set("networks", Json.obj("available", Json.arr("mastercard"), "preferred", null));
      }
      String decline = testDecline(idOrToken);
      if (decline != null) {
        decliningCards.put(Json.text(pm, "id"), decline);
        ((ObjectNode) pm.get("card")).put("last4", "0002");
      }
      return pm;
    }
    return store.require(account, "payment_method", idOrToken, param);
  }

  /**
   * Confirms an intent with a card: a declining card or a customer marked to fail declines;
   * a decline answers Stripe's 402 card_error after the failed attempt is recorded.
   */
  public ObjectNode confirm(String account, ObjectNode intent, ObjectNode paymentMethod) {
    String status = Json.text(intent, "status");
    if (!"requires_payment_method".equals(status) && !"requires_confirmation".equals(status)) {
      throw new ApiError(400, "invalid_request_error", "payment_intent_unexpected_state",
          "You cannot confirm this PaymentIntent because it has a status of " + status + ".", null)
          .with("payment_intent", intent.deepCopy());
    }
    ObjectNode pm = paymentMethod;
    if (pm == null && !intent.get("payment_method").isNull()) {
      pm = store.get(account, "payment_method", Json.text(intent, "payment_method"));
    }
    if (pm == null) {
      throw new ApiError(400, "invalid_request_error", "payment_intent_unexpected_state",
          "You cannot confirm this PaymentIntent because it's missing a payment method. Specify a payment "
              + "method with the `payment_method` parameter.", "payment_method");
    }
    String decline = decliningCards.get(Json.text(pm, "id"));
    if (decline == null) {
      decline = takeFailure(account, Json.text(intent, "customer"));
    }
    ObjectNode charge = attempt(account, intent, pm, decline);
    if (!"succeeded".equals(Json.text(charge, "status"))) {
      throw cardError(intent, charge);
    }
    return intent;
  }

  /** What a PaymentIntent is created with. */
  public record IntentSpec(long amount, String currency, String customer, String description, ObjectNode metadata,
      String destination, Long transferAmount, Long applicationFee, String transferGroup, String receiptEmail,
      String onBehalfOf) {}

  public ObjectNode createIntent(String account, IntentSpec spec) {
    ObjectNode pi = Shapes.paymentIntent(Ids.next("pi"), clock.now(), spec.amount(), spec.currency());
    pi.put("customer", spec.customer());
    pi.put("description", spec.description());
    if (spec.metadata() != null) {
      pi.set("metadata", spec.metadata().deepCopy());
    }
    if (spec.destination() != null) {
      pi.set("transfer_data", Json.obj("amount", spec.transferAmount(), "destination", spec.destination()));
      pi.put("transfer_group", spec.transferGroup() != null ? spec.transferGroup() : "group_" + Json.text(pi, "id"));
    } else if (spec.transferGroup() != null) {
      pi.put("transfer_group", spec.transferGroup());
    }
    if (spec.applicationFee() != null) {
      pi.put("application_fee_amount", spec.applicationFee());
      pi.put("application", APPLICATION_ID);
    }
    pi.put("receipt_email", spec.receiptEmail());
    pi.put("on_behalf_of", spec.onBehalfOf());
    store.put(account, pi);
    events.emit(account, "payment_intent.created", pi);
    return pi;
  }

  /**
   * One payment attempt of an intent with a card: a succeeded charge with its balance
   * transaction, or a failed charge and the intent back to {@code requires_payment_method}.
   * Returns the charge.
   */
  public ObjectNode attempt(String account, ObjectNode intent, ObjectNode paymentMethod, String declineCode) {
    long now = clock.now();
    long amount = Json.num(intent, "amount");
    String currency = Json.text(intent, "currency");
    String chargeId = Ids.next("ch");
    ObjectNode charge = Shapes.charge(chargeId, now, amount, currency, paymentMethod, urls.of("/receipts/" + chargeId));
    charge.put("customer", Json.text(intent, "customer"));
    charge.put("description", Json.text(intent, "description"));
    charge.set("metadata", intent.get("metadata").deepCopy());
    charge.put("payment_intent", Json.text(intent, "id"));
    charge.put("receipt_email", Json.text(intent, "receipt_email"));
    charge.put("transfer_group", Json.text(intent, "transfer_group"));
    charge.put("on_behalf_of", Json.text(intent, "on_behalf_of"));
    intent.put("latest_charge", chargeId);

    if (declineCode != null) {
      String[] decline = DECLINES.get(declineCode);
      charge.put("status", "failed").put("paid", false).put("captured", false).put("amount_captured", 0L);
      charge.put("failure_code", decline[0]).put("failure_message", decline[1]);
      charge.set("outcome", Json.obj("advice_code", "try_again_later", "network_advice_code", null,
          "network_decline_code", null, "network_status", "declined_by_network", "reason", declineCode,
          "risk_level", "normal", "risk_score", 12L,
          "seller_message", "The bank did not return any further details with this decline.",
          "type", "issuer_declined"));
      store.put(account, charge);
      intent.put("status", "requires_payment_method");
      intent.putNull("payment_method");
      intent.set("last_payment_error", Json.obj("advice_code", "try_again_later", "charge", chargeId,
          "code", decline[0], "decline_code", declineCode,
          "doc_url", "https://stripe.com/docs/error-codes/" + decline[0].replace('_', '-'),
          "message", decline[1], "payment_method", paymentMethod.deepCopy(), "type", "card_error"));
      events.emit(account, "charge.failed", charge);
      events.emit(account, "payment_intent.payment_failed", intent);
      return charge;
    }

    long availableOn = ledger.availableOnForCharge();
    List<ObjectNode> fees = new ArrayList<>();
    fees.add(Shapes.feeDetail(ledger.stripeFee(amount), currency, "Stripe processing fees", "stripe_fee"));
    Long applicationFee = intent.get("application_fee_amount").isNull() ? null
        : intent.get("application_fee_amount").asLong();
    if (account != null && applicationFee != null) {
      // direct charge on a connected account: the platform's fee is deducted from its balance
      ObjectNode fd = Shapes.feeDetail(applicationFee, currency, "Application fee", "application_fee");
      fd.put("application", APPLICATION_ID);
      fees.add(fd);
    }
    ObjectNode txn = ledger.record(account, amount, fees, currency, "charge", "charge", chargeId,
        Json.text(intent, "description"), availableOn);
    charge.put("balance_transaction", Json.text(txn, "id"));
    store.put(account, charge);

    if (account == null && !intent.get("transfer_data").isNull()) {
      destinationTransfer(intent, charge, applicationFee, availableOn);
    } else if (account != null && applicationFee != null) {
      ObjectNode fee = collectApplicationFee(account, chargeId, null, applicationFee, currency, availableOn);
      charge.put("application_fee", Json.text(fee, "id"));
      charge.put("application_fee_amount", applicationFee);
      charge.put("application", APPLICATION_ID);
    }

    intent.put("status", "succeeded");
    intent.put("amount_received", amount);
    intent.put("payment_method", Json.text(paymentMethod, "id"));
    intent.putNull("last_payment_error");
    events.emit(account, "charge.succeeded", charge);
    events.emit(account, "payment_intent.succeeded", intent);
    return charge;
  }

  /**
   * A destination charge: the platform transfers the amount to the connected account, which
   * sees it as a payment ({@code py_...}); an application fee comes back to the platform.
   */
  private void destinationTransfer(ObjectNode intent, ObjectNode charge, Long applicationFee, long availableOn) {
    ObjectNode transferData = (ObjectNode) intent.get("transfer_data");
    String destination = Json.text(transferData, "destination");
    long amount = transferData.get("amount").isNull() ? Json.num(charge, "amount") : Json.num(transferData, "amount");
    String currency = Json.text(charge, "currency");
    ObjectNode transfer = transfer(destination, amount, currency, Json.text(charge, "id"),
        Json.text(intent, "transfer_group"), null, null, availableOn);
    charge.put("transfer", Json.text(transfer, "id"));
    charge.set("transfer_data", Json.obj("amount", transferData.get("amount"), "destination", destination));
    if (applicationFee != null) {
      ObjectNode fee = collectApplicationFee(destination, Json.text(transfer, "destination_payment"),
          Json.text(charge, "id"), applicationFee, currency, availableOn);
      charge.put("application_fee", Json.text(fee, "id"));
      charge.put("application_fee_amount", applicationFee);
      // the connected account's payment carries the fee it paid
      ObjectNode payment = store.get(destination, Json.text(transfer, "destination_payment"));
      ObjectNode paymentTxn = store.get(destination, Json.text(payment, "balance_transaction"));
      ObjectNode fd = Shapes.feeDetail(applicationFee, currency, "Application fee", "application_fee");
      fd.put("application", APPLICATION_ID);
      paymentTxn.withArray("fee_details").add(fd);
      paymentTxn.put("fee", applicationFee);
      paymentTxn.put("net", Json.num(paymentTxn, "amount") - applicationFee);
      payment.put("application_fee", Json.text(fee, "id"));
      payment.put("application_fee_amount", applicationFee);
    }
  }

  /**
   * Moves funds from the platform to a connected account: a transfer and its balance
   * transaction on the platform, a payment ({@code py_...}) and its balance transaction on the
   * connected account. Emits {@code transfer.created}.
   */
  public ObjectNode transfer(String destination, long amount, String currency, String sourceTransaction,
      String transferGroup, String description, ObjectNode metadata, long availableOnDestination) {
    long now = clock.now();
    String transferId = Ids.next("tr");
    ObjectNode transfer = Shapes.transfer(transferId, now, amount, currency, destination);
    transfer.put("source_transaction", sourceTransaction);
    transfer.put("transfer_group", transferGroup);
    transfer.put("description", description);
    if (metadata != null) {
      transfer.set("metadata", metadata.deepCopy());
    }
    ObjectNode platformTxn = ledger.record(null, -amount, List.of(), currency, "transfer", "transfer", transferId,
        description, now);
    transfer.put("balance_transaction", Json.text(platformTxn, "id"));

    String paymentId = "py_" + Ids.random(24);
    ObjectNode card = Shapes.paymentMethod("pm_none", now, null, null, null);
    ObjectNode payment = Shapes.charge(paymentId, now, amount, currency, card, null);
    payment.put("payment_method", (String) null);
    payment.set("payment_method_details", Json.obj("stripe_account", Json.obj(), "type", "stripe_account"));
    payment.set("billing_details", Json.obj("address", Shapes.address(null), "email", null, "name", null,
        "phone", null, "tax_id", null));
    payment.putNull("outcome");
    payment.putNull("calculated_statement_descriptor");
    payment.put("source_transfer", transferId);
    payment.put("description", description);
    ObjectNode paymentTxn = ledger.record(destination, amount, List.of(), currency, "payment", "charge", paymentId,
        description, availableOnDestination);
    payment.put("balance_transaction", Json.text(paymentTxn, "id"));
    store.put(destination, payment);

    transfer.put("destination_payment", paymentId);
    store.put(null, transfer);
    events.emit(null, "transfer.created", transfer);
    return transfer;
  }

  /** An application fee the platform collects from a connected account's payment. */
  private ObjectNode collectApplicationFee(String connectedAccount, String connectedCharge, String originating,
      long amount, String currency, long availableOn) {
    String feeId = Ids.next("fee");
    ObjectNode fee = Shapes.applicationFee(feeId, clock.now(), connectedAccount, amount, currency, connectedCharge,
        APPLICATION_ID);
    fee.put("originating_transaction", originating);
    ObjectNode txn = ledger.record(null, amount, List.of(), currency, "application_fee", "platform_earning", feeId,
        "Application fee", availableOn);
    fee.put("balance_transaction", Json.text(txn, "id"));
    store.put(null, fee);
    events.emit(null, "application_fee.created", fee);
    return fee;
  }

  /** The 402 answer for a declined attempt: Stripe's card_error with the charge and intent. */
  public static ApiError cardError(ObjectNode intent, ObjectNode charge) {
    ObjectNode last = (ObjectNode) intent.get("last_payment_error");
    return new ApiError(402, "card_error", Json.text(last, "code"), Json.text(last, "message"), null)
        .with("advice_code", Json.text(last, "advice_code"))
        .with("charge", Json.text(charge, "id"))
        .with("decline_code", Json.text(last, "decline_code"))
        .with("payment_intent", intent.deepCopy())
        .with("payment_method", last.get("payment_method").deepCopy());
  }

  @Override
  public void reset() {
    failMarks.clear();
    decliningCards.clear();
  }
}
