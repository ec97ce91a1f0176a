package dev.tessera.stripe.emulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stripe's {@code expand[]}: replaces an id by the object it names (dotted paths, through lists'
 * {@code data}), and fills properties that are only present when expanded (a Checkout Session's
 * {@code line_items}). Works on a copy of the response, never on stored objects.
 */
@Singleton
public class Expander {
  private static final int MAX_DEPTH = 4;

  /**
   * Every property name the emulated objects can expand (plus {@code data} of lists). Paths are
   * checked against it before a request runs, so that a bad {@code expand[]} on a create never
   * leaves a half-done change behind a 400.
   */
  private static final java.util.Set<String> EXPANDABLE = java.util.Set.of("data", "account", "application_fee",
      "balance_transaction", "balance_transactions", "charge", "coupon", "customer", "default_payment_method",
      "default_price", "destination", "destination_payment", "discounts", "failure_balance_transaction", "invoice",
      "latest_charge", "latest_invoice", "line_items", "lines", "payment_intent", "payment_method", "price",
      "product", "promotion_code", "source", "source_transaction", "source_transfer", "subscription", "transfer",
      "items", "plan", "on_behalf_of", "originating_transaction", "refunds", "subscription_item");

  /** Rejects paths that can never be expanded, before anything is executed. */
  public static void precheck(List<String> paths) {
    for (String path : paths) {
      String[] segments = path.split("\\.");
      if (segments.length > MAX_DEPTH) {
        throw ApiError.invalid("expand", "You cannot expand more than " + MAX_DEPTH
            + " levels of a property. Property: " + path);
      }
      for (String segment : segments) {
        if (!EXPANDABLE.contains(segment)) {
          throw ApiError.invalid("expand", "This property cannot be expanded (" + path + ").");
        }
      }
    }
  }

  @Inject Store store;
  private final Map<String, BiFunction<String, ObjectNode, JsonNode>> virtual = new HashMap<>();

  /** Registers a property of {@code type} that exists only when expanded. */
  public void registerVirtual(String type, String property, BiFunction<String, ObjectNode, JsonNode> producer) {
    virtual.put(type + "#" + property, producer);
  }

  public void expand(String account, JsonNode response, List<String> paths) {
    for (String path : paths) {
      String[] segments = path.split("\\.");
      if (segments.length > MAX_DEPTH) {
        throw ApiError.invalid("expand", "You cannot expand more than " + MAX_DEPTH
            + " levels of a property. Property: " + path);
      }
      apply(account, response, segments, 0, path);
    }
  }

  private void apply(String account, JsonNode node, String[] segments, int i, String path) {
    if (node == null || !node.isObject()) {
      return;
    }
    ObjectNode obj = (ObjectNode) node;
    String segment = segments[i];
    if ("list".equals(Json.text(obj, "object")) && "data".equals(segment)) {
      if (i + 1 < segments.length) {
        for (JsonNode item : obj.withArray("data")) {
          apply(account, item, segments, i + 1, path);
        }
      }
      return;
    }
    JsonNode value = obj.get(segment);
    if (value == null) {
      BiFunction<String, ObjectNode, JsonNode> producer = virtual.get(Json.text(obj, "object") + "#" + segment);
      if (producer == null) {
        throw ApiError.invalid("expand", "This property cannot be expanded (" + path + ").");
      }
      value = producer.apply(account, obj);
      obj.set(segment, value);
    } else if (value.isTextual()) {
      value = resolve(account, value.asText(), path);
      obj.set(segment, value);
    } else if (value.isArray()) {
      ArrayNode array = (ArrayNode) value;
      for (int k = 0; k < array.size(); k++) {
        if (array.get(k).isTextual()) {
          array.set(k, resolve(account, array.get(k).asText(), path));
        }
      }
    } else if (!value.isObject() && !value.isNull()) {
      throw ApiError.invalid("expand", "This property cannot be expanded (" + path + ").");
    }
    if (i + 1 < segments.length) {
      if (value.isArray()) {
        for (JsonNode item : value) {
          apply(account, item, segments, i + 1, path);
        }
      } else {
        apply(account, value, segments, i + 1, path);
      }
    }
  }

  private JsonNode resolve(String account, String id, String path) {
    ObjectNode target = store.get(account, id);
    if (target == null) {
      // a deleted customer expands to its {"deleted": true} form, as at Stripe
      target = store.tombstone(account, id);
    }
    if (target == null && account != null && id.startsWith("acct_")) {
      // connected accounts themselves live in the platform's space
      target = store.get(null, id);
    }
    if (target == null) {
      throw ApiError.invalid("expand", "This property cannot be expanded (" + path + ").");
    }
    return target.deepCopy();
  }
}
