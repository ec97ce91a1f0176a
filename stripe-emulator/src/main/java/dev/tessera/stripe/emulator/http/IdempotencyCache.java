package dev.tessera.stripe.emulator.http;

import dev.tessera.stripe.emulator.EmulatorConfig;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Resettable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saved responses of POST requests by idempotency key, per account, for 24 hours of emulator
 * time. Only responses of requests that started executing are saved (2xx and card errors), as at
 * Stripe: a request rejected by validation can be retried with the same key and fixed
 * parameters. Guarded by the store lock.
 */
@Singleton
public class IdempotencyCache implements Resettable {
  static final long TTL_SECONDS = 24 * 3600;

  /** A saved response and the request that produced it. */
  public record Saved(String method, String path, String fingerprint, int status, byte[] body,
      String requestId, long at) {}

  private final LinkedHashMap<String, Saved> saved = new LinkedHashMap<>();
  @Inject EmulatorClock clock;
  @Inject EmulatorConfig config;

  private static String scope(String account, String key) {
    return (account == null ? "" : account) + '\u0000' + key;
  }

  public Saved find(String account, String key) {
    Saved s = saved.get(scope(account, key));
    return s != null && s.at() + TTL_SECONDS > clock.now() ? s : null;
  }

  public void save(String account, String key, Saved response) {
    saved.put(scope(account, key), response);
    long cutoff = clock.now() - TTL_SECONDS;
    Iterator<Map.Entry<String, Saved>> it = saved.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Saved> e = it.next();
      if (saved.size() > config.idempotencyKeys() || e.getValue().at() < cutoff) {
        it.remove();
      } else {
        break;
      }
    }
  }

  @Override
  public void reset() {
    saved.clear();
  }
}
