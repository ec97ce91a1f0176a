package dev.tessera.stripe.emulator.webhooks;

import dev.tessera.stripe.emulator.EmulatorConfig;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Resettable;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where events go: endpoints from configuration (kept across resets) and endpoints added at
 * runtime through {@code /_emulator/webhook_endpoints}. As at Stripe, an account endpoint receives
 * the platform's own events and a Connect endpoint receives the events of connected accounts.
 */
@Singleton
public class WebhookEndpoints implements Resettable {

  /** A destination for events. */
  public record Endpoint(String id, String url, String secret, boolean connect, Set<String> enabledEvents,
      boolean configured) {
    public boolean wants(String account, String type) {
      boolean accountMatches = connect == (account != null);
      return accountMatches && (enabledEvents.contains("*") || enabledEvents.contains(type));
    }
  }

  @Inject EmulatorConfig config;
  private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();

  @PostConstruct
  void load() {
    for (EmulatorConfig.Endpoint e : config.webhookEndpoints()) {
      endpoints.add(new Endpoint(Ids.next("we"), e.url(), e.secret(), e.connect(),
          new LinkedHashSet<>(e.enabledEvents()), true));
    }
  }

  public Endpoint add(String url, String secret, boolean connect, List<String> enabledEvents) {
    Set<String> events = new LinkedHashSet<>(enabledEvents == null || enabledEvents.isEmpty()
        ? List.of("*") : enabledEvents);
    Endpoint e = new Endpoint(Ids.next("we"), url, secret != null ? secret : "whsec_" + Ids.random(32),
        connect, events, false);
    endpoints.add(e);
    return e;
  }

  public boolean remove(String id) {
    return endpoints.removeIf(e -> e.id().equals(id));
  }

  public List<Endpoint> all() {
    return new ArrayList<>(endpoints);
  }

  public List<Endpoint> matching(String account, String type) {
    List<Endpoint> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      if (e.wants(account, type)) {
        out.add(e);
      }
    }
    return out;
  }

  @Override
  public void reset() {
    endpoints.removeIf(e -> !e.configured());
  }
}
