package dev.tessera.stripe.emulator.domain;

import dev.tessera.stripe.emulator.EmulatorConfig;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.RequestContext;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.core.TimeDriven;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs time-driven work: on a tick as real time passes, and step by step when the clock is
 * advanced, so that each renewal, retry or arrival happens (and is timestamped) at its own moment
 * rather than all at the end of the jump.
 */
@Singleton
public class Scheduler {
  private static final Logger LOG = Logger.getLogger(Scheduler.class);
  /** A guard against a component that never moves its work past "now". */
  private static final int MAX_STEPS = 100_000;

  @Inject Instance<TimeDriven> components;
  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject RequestContext request;
  @Inject EmulatorConfig config;
  @Inject Connect connect;

  private ScheduledExecutorService ticker;

  void start(@Observes StartupEvent event) {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stripe-emulator-clock");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(100, config.tickInterval().toMillis());
    ticker.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }

  private void tick() {
    try {
      store.locked(() -> {
        runUntil(clock.now());
        connect.pruneLinks();
      });
    } catch (RuntimeException e) {
      LOG.error("time-driven work failed", e);
    }
  }

  /** Advances the clock by {@code seconds}, running everything that falls due on the way. */
  public long advance(long seconds) {
    return store.locked(() -> {
      long target = clock.now() + seconds;
      runUntil(target);
      clock.moveTo(target);
      return clock.now();
    });
  }

  private void runUntil(long target) {
    List<TimeDriven> all = new ArrayList<>();
    components.forEach(all::add);
    for (int step = 0; step < MAX_STEPS; step++) {
      long next = Long.MAX_VALUE;
      for (TimeDriven c : all) {
        OptionalLong due = c.nextDue();
        if (due.isPresent()) {
          next = Math.min(next, due.getAsLong());
        }
      }
      if (next > target) {
        return;
      }
      clock.moveTo(next);
      long now = clock.now();
      request.end();
      for (TimeDriven c : all) {
        OptionalLong due = c.nextDue();
        if (due.isPresent() && due.getAsLong() <= now) {
          c.runDue(now);
        }
      }
    }
    LOG.errorf("time-driven work did not settle after %d steps", MAX_STEPS);
  }
}
