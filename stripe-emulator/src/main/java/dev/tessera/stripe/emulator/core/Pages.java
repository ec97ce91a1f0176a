package dev.tessera.stripe.emulator.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Stripe's cursor pagination over a newest-first list: {@code limit} (1..100, default 10),
 * {@code starting_after} (older than the cursor), {@code ending_before} (newer than the cursor),
 * and {@code has_more}.
 */
public final class Pages {
  /** The parameters every list endpoint accepts besides its own filters. */
  public static final String[] PAGING = {"limit", "starting_after", "ending_before", "expand"};

  private Pages() {}

  public static String[] with(String... filters) {
    String[] out = new String[PAGING.length + filters.length];
    System.arraycopy(PAGING, 0, out, 0, PAGING.length);
    System.arraycopy(filters, 0, out, PAGING.length, filters.length);
    return out;
  }

  public static ObjectNode page(Store store, String account, List<ObjectNode> newestFirst, Params p, String url) {
    Long limitParam = p.longInRange("limit", 1, 100);
    int limit = limitParam == null ? 10 : limitParam.intValue();
    String after = p.string("starting_after");
    String before = p.string("ending_before");
    if (after != null && before != null) {
      throw ApiError.invalid("ending_before",
          "You may only specify one of these parameters: ending_before, starting_after.");
    }
    List<ObjectNode> candidates;
    boolean fromEnd = false;
    if (after != null || before != null) {
      String cursor = after != null ? after : before;
      long[] c = store.sortKey(account, cursor);
      if (c == null) {
        throw ApiError.noSuch("object", cursor, after != null ? "starting_after" : "ending_before");
      }
      candidates = new ArrayList<>();
      for (ObjectNode o : newestFirst) {
        long[] k = store.sortKey(account, Json.text(o, "id"));
        int cmp = compare(k, c);
        if (after != null ? cmp < 0 : cmp > 0) {
          candidates.add(o);
        }
      }
      fromEnd = before != null;
    } else {
      candidates = newestFirst;
    }
    boolean hasMore = candidates.size() > limit;
    List<ObjectNode> data = !hasMore ? candidates
        : fromEnd ? candidates.subList(candidates.size() - limit, candidates.size())
        : candidates.subList(0, limit);
    List<ObjectNode> copies = new ArrayList<>(data.size());
    data.forEach(o -> copies.add(o.deepCopy()));
    return Json.list(copies, hasMore, url);
  }

  /**
   * Pagination over a fixed, already ordered list that is not in the store (a session's line
   * items, an invoice's lines): cursors are ids within the list.
   */
  public static ObjectNode pageOf(List<? extends com.fasterxml.jackson.databind.JsonNode> items, Params p, String url) {
    Long limitParam = p.longInRange("limit", 1, 100);
    int limit = limitParam == null ? 10 : limitParam.intValue();
    String after = p.string("starting_after");
    String before = p.string("ending_before");
    int from = 0;
    int to = items.size();
    if (after != null) {
      from = indexOf(items, after, "starting_after") + 1;
    } else if (before != null) {
      to = indexOf(items, before, "ending_before");
    }
    boolean hasMore = to - from > limit;
    List<ObjectNode> copies = new ArrayList<>();
    int start = before != null && hasMore ? to - limit : from;
    for (int i = start; i < Math.min(to, start + limit); i++) {
      copies.add((ObjectNode) items.get(i).deepCopy());
    }
    return Json.list(copies, hasMore, url);
  }

  private static int indexOf(List<? extends com.fasterxml.jackson.databind.JsonNode> items, String id, String param) {
    for (int i = 0; i < items.size(); i++) {
      if (id.equals(Json.text(items.get(i), "id"))) {
        return i;
      }
    }
    throw ApiError.noSuch("object", id, param);
  }

  private static int compare(long[] a, long[] b) {
    int c = Long.compare(a[0], b[0]);
    return c != 0 ? c : Long.compare(a[1], b[1]);
  }

  /**
   * The filter on a timestamp field given as {@code field=ts} or {@code field[gt|gte|lt|lte]=ts}.
   */
  public static Predicate<ObjectNode> range(Params p, String field) {
    if (!p.has(field)) {
      return o -> true;
    }
    Params range = p.raw().get(field) instanceof String ? null : p.map(field);
    if (range == null) {
      long exact = p.requireLong(field);
      return o -> Json.num(o, field) == exact;
    }
    range.allow("gt", "gte", "lt", "lte");
    Long gt = range.longValue("gt");
    Long gte = range.longValue("gte");
    Long lt = range.longValue("lt");
    Long lte = range.longValue("lte");
    return o -> {
      long v = Json.num(o, field);
      return (gt == null || v > gt) && (gte == null || v >= gte) && (lt == null || v < lt) && (lte == null || v <= lte);
    };
  }

  /** Equality filter on a field holding an id or a string, when the parameter is present. */
  public static Predicate<ObjectNode> eq(Params p, String param, String field) {
    String want = p.string(param);
    return want == null ? o -> true : o -> want.equals(Json.idOf(o, field));
  }
}
