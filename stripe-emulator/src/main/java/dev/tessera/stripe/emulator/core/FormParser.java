package dev.tessera.stripe.emulator.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Stripe's {@code application/x-www-form-urlencoded} parameters with bracket nesting
 * ({@code metadata[k]=v}, {@code line_items[0][price]=p}, {@code expand[]=x}) into a tree of
 * ordered maps whose leaves are strings.
 *
 * <p>Arrays are kept as maps keyed by their index ("0", "1", ...; {@code []} appends the next
 * index) and only become lists when a handler asks for a list, because a map key such as
 * {@code metadata[0]} is legal and must stay a map key.
 */
public final class FormParser {
  private FormParser() {}

  public static Map<String, Object> parse(String encoded) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (encoded == null || encoded.isBlank()) {
      return root;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawKey = eq < 0 ? pair : pair.substring(0, eq);
      String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
      String key = decode(rawKey);
      String value = decode(rawValue);
      put(root, segments(key), value, key);
    }
    return root;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(null, "Invalid URL encoding in request parameters.");
    }
  }

  /** Splits {@code a[b][0][]} into [a, b, 0, ""]; a key without well-formed brackets is literal. */
  static List<String> segments(String key) {
    List<String> out = new ArrayList<>();
    int open = key.indexOf('[');
    if (open <= 0 || !key.endsWith("]")) {
      out.add(key);
      return out;
    }
    out.add(key.substring(0, open));
    int i = open;
    while (i < key.length()) {
      if (key.charAt(i) != '[') {
        return List.of(key);
      }
      int close = key.indexOf(']', i);
      if (close < 0) {
        return List.of(key);
      }
      out.add(key.substring(i + 1, close));
      i = close + 1;
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, List<String> path, String value, String fullKey) {
    Map<String, Object> current = root;
    for (int i = 0; i < path.size(); i++) {
      String segment = path.get(i);
      if (segment.isEmpty()) {
        // "[]" appends: the next free index of this array
        segment = Integer.toString(current.size());
      }
      boolean last = i == path.size() - 1;
      if (last) {
        Object existing = current.get(segment);
        if (existing instanceof Map) {
          throw ApiError.invalid(fullKey, "Invalid value for " + fullKey + ": it is both a hash and a string.");
        }
        current.put(segment, value);
      } else {
        Object next = current.get(segment);
        if (next == null) {
          next = new LinkedHashMap<String, Object>();
          current.put(segment, next);
        } else if (!(next instanceof Map)) {
          if (((String) next).isEmpty()) {
            // "metadata=" followed by "metadata[k]=v": the later, nested form wins
            next = new LinkedHashMap<String, Object>();
            current.put(segment, next);
          } else {
            throw ApiError.invalid(fullKey, "Invalid value for " + fullKey + ": it is both a hash and a string.");
          }
        }
        current = (Map<String, Object>) next;
      }
    }
  }
}
