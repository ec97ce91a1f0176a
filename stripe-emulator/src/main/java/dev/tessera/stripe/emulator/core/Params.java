package dev.tessera.stripe.emulator.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Typed, validating access to one level of parsed request parameters. Every accessor reports
 * errors with the full bracketed parameter name ({@code line_items[0][price]}), as Stripe does.
 *
 * <p>Stripe's conventions: an empty string means "unset" for optional fields ({@link #isUnset});
 * a required field sent empty is {@code parameter_invalid_empty}.
 */
public final class Params {
  private final Map<String, Object> values;
  private final String path;

  private Params(Map<String, Object> values, String path) {
    this.values = values;
    this.path = path;
  }

  public static Params of(Map<String, Object> values) {
    return new Params(values, "");
  }

  public static Params empty() {
    return new Params(Collections.emptyMap(), "");
  }

  /** The full parameter name of a key at this level, e.g. {@code line_items[0][price]}. */
  public String name(String key) {
    return path.isEmpty() ? key : path + "[" + key + "]";
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** Present and sent as an empty string: Stripe's way to clear an optional field. */
  public boolean isUnset(String key) {
    return "".equals(values.get(key));
  }

  public Set<String> keys() {
    return Collections.unmodifiableSet(values.keySet());
  }

  public Map<String, Object> raw() {
    return values;
  }

  /** Rejects any key this endpoint does not implement, rather than silently ignoring it. */
  public Params allow(String... allowed) {
    Set<String> ok = new LinkedHashSet<>(Arrays.asList(allowed));
    for (String key : values.keySet()) {
      if (!ok.contains(key)) {
        throw ApiError.unknown(name(key));
      }
    }
    return this;
  }

  public String string(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiError.invalid(name(key), "Invalid string: " + name(key) + " must be a string, not a hash.");
    }
    return s.isEmpty() ? null : s;
  }

  public String requireString(String key) {
    if (!values.containsKey(key)) {
      throw ApiError.missing(name(key));
    }
    String s = string(key);
    if (s == null) {
      throw emptyRequired(key);
    }
    return s;
  }

  private ApiError emptyRequired(String key) {
    String n = name(key);
    return new ApiError(400, "invalid_request_error", "parameter_invalid_empty",
        "You passed an empty string for '" + n + "'. We assume empty values are an attempt to unset a "
            + "parameter; however '" + n + "' cannot be unset. You should remove '" + n
            + "' from your request or supply a non-empty value.", n);
  }

  public Long longValue(String key) {
    String s = string(key);
    if (s == null) {
      return null;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new ApiError(400, "invalid_request_error", "parameter_invalid_integer",
          "Invalid integer: " + s, name(key));
    }
  }

  public long requireLong(String key) {
    if (!values.containsKey(key)) {
      throw ApiError.missing(name(key));
    }
    Long v = longValue(key);
    if (v == null) {
      throw emptyRequired(key);
    }
    return v;
  }

  /** A non-negative integer bounded above; Stripe's amount and count fields. */
  public Long longInRange(String key, long min, long max) {
    Long v = longValue(key);
    if (v != null && (v < min || v > max)) {
      throw ApiError.invalid(name(key), v < min
          ? "This value must be greater than or equal to " + min + "."
          : "This value must be less than or equal to " + max + ".");
    }
    return v;
  }

  public Double decimal(String key) {
    String s = string(key);
    if (s == null) {
      return null;
    }
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new ApiError(400, "invalid_request_error", "parameter_invalid_decimal",
          "Invalid decimal: " + s, name(key));
    }
  }

  public Boolean bool(String key) {
    String s = string(key);
    if (s == null) {
      return null;
    }
    if (s.equals("true")) {
      return true;
    }
    if (s.equals("false")) {
      return false;
    }
    throw ApiError.invalid(name(key), "Invalid boolean: " + s);
  }

  public boolean bool(String key, boolean fallback) {
    Boolean b = bool(key);
    return b == null ? fallback : b;
  }

  /** A value that must be one of a fixed set; null when absent. */
  public String oneOf(String key, String... allowed) {
    String s = string(key);
    if (s == null) {
      return null;
    }
    for (String a : allowed) {
      if (a.equals(s)) {
        return s;
      }
    }
    throw ApiError.invalid(name(key), "Invalid " + name(key) + ": must be one of " + humanList(allowed));
  }

  private static String humanList(String[] items) {
    if (items.length == 1) {
      return items[0];
    }
    if (items.length == 2) {
      return items[0] + " or " + items[1];
    }
    return String.join(", ", Arrays.copyOf(items, items.length - 1)) + ", or " + items[items.length - 1];
  }

  /** A nested hash, or null when absent or unset. */
  @SuppressWarnings("unchecked")
  public Params map(String key) {
    Object v = values.get(key);
    if (v == null || "".equals(v)) {
      return null;
    }
    if (!(v instanceof Map)) {
      throw ApiError.invalid(name(key), "Invalid object: " + name(key) + " must be a hash.");
    }
    return new Params((Map<String, Object>) v, name(key));
  }

  public Params requireMap(String key) {
    if (!values.containsKey(key)) {
      throw ApiError.missing(name(key));
    }
    Params p = map(key);
    if (p == null) {
      throw emptyRequired(key);
    }
    return p;
  }

  /** An array (sent as {@code key[0]=..} or {@code key[]=..}) of hashes. */
  @SuppressWarnings("unchecked")
  public List<Params> mapList(String key) {
    List<Params> out = new ArrayList<>();
    List<Map.Entry<Integer, Object>> items = indexed(key);
    for (Map.Entry<Integer, Object> e : items) {
      String itemName = name(key) + "[" + e.getKey() + "]";
      if (!(e.getValue() instanceof Map)) {
        throw ApiError.invalid(itemName, "Invalid object: " + itemName + " must be a hash.");
      }
      out.add(new Params((Map<String, Object>) e.getValue(), itemName));
    }
    return out;
  }

  /** An array of strings. */
  public List<String> stringList(String key) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Integer, Object> e : indexed(key)) {
      if (!(e.getValue() instanceof String s)) {
        throw ApiError.invalid(name(key), "Invalid array: " + name(key) + " must contain strings.");
      }
      out.add(s);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private List<Map.Entry<Integer, Object>> indexed(String key) {
    Object v = values.get(key);
    if (v == null || "".equals(v)) {
      return List.of();
    }
    if (!(v instanceof Map)) {
      throw ApiError.invalid(name(key), "Invalid array: " + name(key) + " must be an array.");
    }
    TreeMap<Integer, Object> sorted = new TreeMap<>();
    for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
      try {
        sorted.put(Integer.parseInt(e.getKey()), e.getValue());
      } catch (NumberFormatException ex) {
        throw ApiError.invalid(name(key), "Invalid array: " + name(key) + " must be an array.");
      }
    }
    return new ArrayList<>(sorted.entrySet());
  }

  /**
   * A canonical rendering (keys sorted at every level) used as the idempotency fingerprint, so
   * that the same parameters sent in a different order count as the same request.
   */
  public String canonical() {
    return canonical(values);
  }

  @SuppressWarnings("unchecked")
  private static String canonical(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new TreeMap<>((Map<String, Object>) m).entrySet().stream()
          .map(e -> e.getKey() + "=" + canonical(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    return "\"" + v + "\"";
  }
}
