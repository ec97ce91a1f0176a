package dev.tessera.stripe.emulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** Small helpers to build Stripe objects as ordered Jackson trees. */
public final class Json {
  public static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Json() {}

  /** Builds an object from alternating keys and values; keeps the given key order. */
  public static ObjectNode obj(Object... kv) {
    ObjectNode node = F.objectNode();
    for (int i = 0; i < kv.length; i += 2) {
      set(node, (String) kv[i], kv[i + 1]);
    }
    return node;
  }

  public static ArrayNode arr(Object... items) {
    ArrayNode a = F.arrayNode();
    for (Object o : items) {
      a.add(node(o));
    }
    return a;
  }

  public static ArrayNode arrOf(Collection<?> items) {
    ArrayNode a = F.arrayNode();
    for (Object o : items) {
      a.add(node(o));
    }
    return a;
  }

  public static void set(ObjectNode node, String key, Object value) {
    node.set(key, node(value));
  }

  public static JsonNode node(Object value) {
    if (value == null) {
      return NullNode.instance;
    }
    if (value instanceof JsonNode j) {
      return j;
    }
    if (value instanceof String s) {
      return F.textNode(s);
    }
    if (value instanceof Long l) {
      return F.numberNode(l);
    }
    if (value instanceof Integer i) {
      return F.numberNode(i.longValue());
    }
    if (value instanceof Double d) {
      return F.numberNode(d);
    }
    if (value instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (value instanceof Map<?, ?> m) {
      ObjectNode o = F.objectNode();
      m.forEach((k, v) -> set(o, String.valueOf(k), v));
      return o;
    }
    if (value instanceof Collection<?> c) {
      return arrOf(c);
    }
    throw new IllegalArgumentException("unsupported JSON value " + value.getClass());
  }

  /** Stripe's list envelope. */
  public static ObjectNode list(Collection<? extends JsonNode> data, boolean hasMore, String url) {
    return obj("object", "list", "data", arrOf(data), "has_more", hasMore, "url", url);
  }

  public static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  public static long num(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? 0L : v.asLong();
  }

  /** The id of a field that may hold an id or an expanded object. */
  public static String idOf(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isObject() ? text(v, "id") : v.asText();
  }

  /**
   * Top-level fields whose value differs between two snapshots of an object, with their old
   * values: Stripe's {@code data.previous_attributes}.
   */
  public static ObjectNode diff(ObjectNode before, ObjectNode after) {
    ObjectNode prev = F.objectNode();
    Iterator<Map.Entry<String, JsonNode>> it = before.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode now = after.get(e.getKey());
      if (now == null || !now.equals(e.getValue())) {
        prev.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return prev;
  }
}
