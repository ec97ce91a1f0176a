package dev.tessera.stripe.emulator.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Every Stripe object, as an ordered JSON tree, in one space per account: the platform
 * ({@code account == null}) and each connected account. An object lives only in the space of the
 * account that owns it, which is what makes {@code Stripe-Account} scoping real.
 *
 * <p>One lock guards everything. Operations span several objects (a payment touches a session, a
 * payment intent, a charge, a balance transaction and events) and must be atomic; the emulator
 * serves one test suite, so a single lock is simpler and safe. Work that must happen only after
 * a change is complete (webhook delivery) is registered with {@link #afterCommit} and runs when the
 * outermost lock is released.
 */
@Singleton
public class Store {
  private static final String PLATFORM_KEY = "";

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Space> spaces = new HashMap<>();
  private final Deque<Runnable> afterCommit = new ArrayDeque<>();
  private long sequence;

  private static final class Space {
    final LinkedHashMap<String, Entry> objects = new LinkedHashMap<>();
    final Map<String, ObjectNode> tombstones = new HashMap<>();
  }

  private record Entry(ObjectNode json, long seq) {}

  /** Newest first: by {@code created} descending, then by insertion order descending. */
  private static final Comparator<Entry> NEWEST_FIRST = Comparator
      .comparingLong((Entry e) -> Json.num(e.json, "created"))
      .thenComparingLong(Entry::seq)
      .reversed();

  public <T> T locked(Supplier<T> work) {
    lock.lock();
    List<Runnable> toRun = null;
    try {
      return work.get();
    } finally {
      if (lock.getHoldCount() == 1 && !afterCommit.isEmpty()) {
        toRun = new ArrayList<>(afterCommit);
        afterCommit.clear();
      }
      lock.unlock();
      if (toRun != null) {
        toRun.forEach(Runnable::run);
      }
    }
  }

  public void locked(Runnable work) {
    locked(() -> {
      work.run();
      return null;
    });
  }

  public boolean isHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  /** Runs {@code action} once the current (outermost) locked operation has finished. */
  public void afterCommit(Runnable action) {
    requireLock();
    afterCommit.add(action);
  }

  private void requireLock() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("store accessed without its lock");
    }
  }

  private Space space(String account) {
    return spaces.computeIfAbsent(account == null ? PLATFORM_KEY : account, k -> new Space());
  }

  /** Stores a new object, or replaces an existing one keeping its position in lists. */
  public ObjectNode put(String account, ObjectNode object) {
    requireLock();
    String id = Json.text(object, "id");
    Space space = space(account);
    Entry existing = space.objects.get(id);
    space.objects.put(id, new Entry(object, existing != null ? existing.seq : ++sequence));
    return object;
  }

  public ObjectNode get(String account, String id) {
    requireLock();
    if (id == null) {
      return null;
    }
    Entry e = space(account).objects.get(id);
    return e == null ? null : e.json;
  }

  /** The object with this id and {@code object} type in the account's space, or null. */
  public ObjectNode get(String account, String type, String id) {
    ObjectNode o = get(account, id);
    return o != null && type.equals(Json.text(o, "object")) ? o : null;
  }

  /** As {@link #get(String, String, String)} but answers Stripe's 404 {@code resource_missing}. */
  public ObjectNode require(String account, String type, String id, String param) {
    ObjectNode o = get(account, type, id);
    if (o == null) {
      throw ApiError.noSuch(humanName(type), id, param);
    }
    return o;
  }

  private static String humanName(String type) {
    return switch (type) {
      case "checkout.session" -> "checkout.session";
      case "promotion_code" -> "promotion code";
      case "payment_intent" -> "payment_intent";
      case "balance_transaction" -> "balance transaction";
      case "invoice_payment" -> "invoice payment";
      default -> type.replace('_', ' ');
    };
  }

  public void remove(String account, String id, ObjectNode tombstone) {
    requireLock();
    Space space = space(account);
    space.objects.remove(id);
    if (tombstone != null) {
      space.tombstones.put(id, tombstone);
    }
  }

  public ObjectNode tombstone(String account, String id) {
    requireLock();
    return space(account).tombstones.get(id);
  }

  /** All objects of a type in the account's space, newest first. */
  public List<ObjectNode> list(String account, String type, Predicate<ObjectNode> filter) {
    requireLock();
    List<Entry> found = new ArrayList<>();
    for (Entry e : space(account).objects.values()) {
      if (type.equals(Json.text(e.json, "object")) && filter.test(e.json)) {
        found.add(e);
      }
    }
    found.sort(NEWEST_FIRST);
    List<ObjectNode> out = new ArrayList<>(found.size());
    found.forEach(e -> out.add(e.json));
    return out;
  }

  public List<ObjectNode> list(String account, String type) {
    return list(account, type, o -> true);
  }

  /** Accounts that own at least one object; the platform is null. */
  public List<String> accounts() {
    requireLock();
    List<String> out = new ArrayList<>();
    for (String key : spaces.keySet()) {
      out.add(key.isEmpty() ? null : key);
    }
    return out;
  }

  /**
   * The list position of a stored object as {created, sequence}, for cursor pagination; null when
   * the id is unknown in this account.
   */
  public long[] sortKey(String account, String id) {
    requireLock();
    Entry e = space(account).objects.get(id);
    return e == null ? null : new long[] {Json.num(e.json, "created"), e.seq};
  }

  /** An object and the account whose space holds it. */
  public record Located(String account, ObjectNode object) {}

  /**
   * Finds an object by id in any account's space: hosted pages are addressed by id alone, as
   * Stripe's are.
   */
  public Located locate(String id) {
    requireLock();
    for (Map.Entry<String, Space> e : spaces.entrySet()) {
      Entry entry = e.getValue().objects.get(id);
      if (entry != null) {
        return new Located(e.getKey().isEmpty() ? null : e.getKey(), entry.json);
      }
    }
    return null;
  }

  public void clear() {
    requireLock();
    spaces.clear();
  }
}
