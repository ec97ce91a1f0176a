package dev.tessera.stripe.emulator.domain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.EmulatorConfig;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.core.TimeDriven;
import dev.tessera.stripe.emulator.events.EventLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Balance transactions and the balance they add up to, per account and currency. Funds of a
 * charge become available {@code available-after-days} after midnight UTC of the charge day;
 * when they do, the transaction turns {@code available} and a {@code balance.available} event is
 * sent, as Stripe does.
 */
@Singleton
public class Ledger implements TimeDriven {
  private static final long DAY = 86400;

  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject EventLog events;
  @Inject EmulatorConfig config;

  /** Stripe's card fee: percent (half up) plus fixed, in the charge's minor units. */
  public long stripeFee(long amount) {
    return (amount * config.fees().percentBasisPoints() + 5000) / 10000 + config.fees().fixed();
  }

  /** When funds captured now become available. */
  public long availableOnForCharge() {
    long now = clock.now();
    return now - Math.floorMod(now, DAY) + config.fees().availableAfterDays() * DAY;
  }

  public ObjectNode record(String account, long amount, List<ObjectNode> fees, String currency, String type,
      String reportingCategory, String source, String description, long availableOn) {
    long fee = 0;
    ArrayNode details = Json.F.arrayNode();
    for (ObjectNode f : fees) {
      fee += Json.num(f, "amount");
      details.add(f);
    }
    ObjectNode txn = Shapes.balanceTransaction(Ids.next("txn"), clock.now(), availableOn, amount, fee, currency,
        type, reportingCategory, source, description);
    txn.set("fee_details", details);
    return store.put(account, txn);
  }

  /** Available and pending sums per currency. */
  public ObjectNode balance(String account) {
    long now = clock.now();
    Map<String, long[]> sums = new TreeMap<>();
    for (ObjectNode txn : store.list(account, "balance_transaction")) {
      long[] s = sums.computeIfAbsent(Json.text(txn, "currency"), c -> new long[2]);
      if (Json.num(txn, "available_on") <= now) {
        s[0] += Json.num(txn, "net");
      } else {
        s[1] += Json.num(txn, "net");
      }
    }
    if (sums.isEmpty()) {
      sums.put("usd", new long[2]);
    }
    ArrayNode available = Json.F.arrayNode();
    ArrayNode pending = Json.F.arrayNode();
    ArrayNode reserved = Json.F.arrayNode();
    sums.forEach((currency, s) -> {
      available.add(Json.obj("amount", s[0], "currency", currency, "source_types", Json.obj("card", s[0])));
      pending.add(Json.obj("amount", s[1], "currency", currency, "source_types", Json.obj("card", s[1])));
      reserved.add(Json.obj("amount", 0L, "currency", currency));
    });
    return Json.obj("available", available, "connect_reserved", reserved, "livemode", false, "object", "balance",
        "pending", pending);
  }

  public long available(String account, String currency) {
    long now = clock.now();
    long sum = 0;
    for (ObjectNode txn : store.list(account, "balance_transaction")) {
      if (currency.equals(Json.text(txn, "currency")) && Json.num(txn, "available_on") <= now) {
        sum += Json.num(txn, "net");
      }
    }
    return sum;
  }

  @Override
  public OptionalLong nextDue() {
    OptionalLong next = OptionalLong.empty();
    for (String account : store.accounts()) {
      for (ObjectNode txn : store.list(account, "balance_transaction", t -> "pending".equals(Json.text(t, "status")))) {
        long at = Json.num(txn, "available_on");
        if (next.isEmpty() || at < next.getAsLong()) {
          next = OptionalLong.of(at);
        }
      }
    }
    return next;
  }

  @Override
  public void runDue(long now) {
    for (String account : new ArrayList<>(store.accounts())) {
      boolean changed = false;
      for (ObjectNode txn : store.list(account, "balance_transaction", t -> "pending".equals(Json.text(t, "status")))) {
        if (Json.num(txn, "available_on") <= now) {
          txn.put("status", "available");
          changed = true;
        }
      }
      if (changed) {
        events.emit(account, "balance.available", balance(account));
      }
    }
  }
}
