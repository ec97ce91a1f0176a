package dev.tessera.stripe.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Pages;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.http.ApiModule;
import dev.tessera.stripe.emulator.http.Call;
import dev.tessera.stripe.emulator.http.Router;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Predicate;

/** Events of the account, newest first; like Stripe, only the last 30 days are listed. */
@Singleton
public class EventsApi implements ApiModule {
  private static final long THIRTY_DAYS = 30L * 86400;

  @Inject Store store;
  @Inject EmulatorClock clock;

  @Override
  public void routes(Router r) {
    r.get("/v1/events", this::list)
        .get("/v1/events/{id}", c -> store.require(c.account(), "event", c.id(), "id"));
  }

  private ObjectNode list(Call c) {
    Params p = c.params();
    p.allow(Pages.with("type", "types", "created"));
    List<String> types = p.stringList("types");
    String type = p.string("type");
    long since = clock.now() - THIRTY_DAYS;
    Predicate<ObjectNode> filter = Pages.range(p, "created")
        .and(e -> Json.num(e, "created") >= since)
        .and(e -> type == null || matches(type, Json.text(e, "type")))
        .and(e -> types.isEmpty() || types.stream().anyMatch(t -> matches(t, Json.text(e, "type"))));
    return Lists.of(store, c, "event", filter, "/v1/events");
  }

  /** An exact type, or a wildcard such as {@code invoice.*}. */
  private static boolean matches(String pattern, String type) {
    if (pattern.endsWith(".*")) {
      return type.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return pattern.equals(type);
  }
}
