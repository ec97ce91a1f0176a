package dev.tessera.stripe.emulator.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.EmulatorConfig;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Resettable;
import dev.tessera.stripe.emulator.core.Store;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Delivers events to webhook endpoints from one background thread, signed like Stripe, retrying
 * with exponential backoff until the endpoint answers 2xx or Stripe's three days are over.
 *
 * <p>Two switches make the guarantees a receiver must cope with visible on purpose: duplicate
 * (every event is delivered twice) and shuffle (each delivery is held back a random time within
 * {@code shuffle-window}, so events of one operation and of successive operations arrive out of
 * order). Signatures use wall-clock time, not the emulator clock, so that a receiver's timestamp
 * tolerance still passes after the clock has been advanced.
 */
@Singleton
public class DeliveryWorker implements Resettable {
  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
  private static final int LOG_SIZE = 200;

  /** One attempt-to-be of one event to one endpoint. */
  record Delivery(long seq, WebhookEndpoints.Endpoint endpoint, String account, String eventId, String type,
      String payload, boolean duplicate, int attempt, long firstAttemptMillis, long dueMillis) {
    Delivery retry(long seq, long dueMillis) {
      return new Delivery(seq, endpoint, account, eventId, type, payload, duplicate, attempt + 1,
          firstAttemptMillis, dueMillis);
    }
  }

  /** A finished attempt, for {@code GET /_emulator/delivery}. */
  public record Attempt(String eventId, String type, String endpointId, String url, int attempt, int status,
      String error, long atMillis) {}

  @Inject EmulatorConfig config;
  @Inject Store store;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Delivery> queue = new PriorityQueue<>(
      Comparator.comparingLong(Delivery::dueMillis).thenComparingLong(Delivery::seq));
  private final Deque<Attempt> recent = new ArrayDeque<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private int inFlight;
  private long sequence;
  private volatile boolean duplicate;
  private volatile boolean shuffle;
  private volatile boolean running;
  private Thread thread;
  private HttpClient http;

  void start(@Observes StartupEvent event) {
    duplicate = config.delivery().duplicate();
    shuffle = config.delivery().shuffle();
    http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.delivery().timeout())
        .build();
    running = true;
    thread = new Thread(this::loop, "stripe-emulator-webhooks");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Queues an event for every endpoint that wants it (twice each when duplicating). */
  public void enqueue(List<WebhookEndpoints.Endpoint> endpoints, String account, String eventId, String type,
      String payload) {
    long now = System.currentTimeMillis();
    lock.lock();
    try {
      for (WebhookEndpoints.Endpoint e : endpoints) {
        queue.add(new Delivery(++sequence, e, account, eventId, type, payload, false, 1, now, now + jitter()));
        if (duplicate) {
          queue.add(new Delivery(++sequence, e, account, eventId, type, payload, true, 1, now, now + jitter()));
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (running) {
      List<Delivery> batch = nextBatch();
      if (batch.isEmpty()) {
        continue;
      }
      if (shuffle) {
        Collections.shuffle(batch);
      }
      for (Delivery d : batch) {
        send(d);
      }
      lock.lock();
      try {
        inFlight -= batch.size();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Waits for deliveries that are due and takes all of them. */
  private List<Delivery> nextBatch() {
    lock.lock();
    try {
      while (running) {
        Delivery head = queue.peek();
        long now = System.currentTimeMillis();
        if (head == null) {
          changed.await();
        } else if (head.dueMillis() > now) {
          changed.await(head.dueMillis() - now, java.util.concurrent.TimeUnit.MILLISECONDS);
        } else {
          List<Delivery> batch = new ArrayList<>();
          while (queue.peek() != null && queue.peek().dueMillis() <= now) {
            batch.add(queue.poll());
          }
          inFlight += batch.size();
          return batch;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
    return List.of();
  }

  private void send(Delivery d) {
    long timestamp = System.currentTimeMillis() / 1000;
    int status = 0;
    String error = null;
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(d.endpoint().url()))
          .timeout(config.delivery().timeout())
          .header("Content-Type", "application/json; charset=utf-8")
          .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
          .header("Stripe-Signature", Signatures.header(d.endpoint().secret(), timestamp, d.payload()))
          .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8))
          .build();
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    } catch (Exception e) {
      error = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
    record(new Attempt(d.eventId(), d.type(), d.endpoint().id(), d.endpoint().url(), d.attempt(), status, error,
        System.currentTimeMillis()));
    if (status >= 200 && status < 300) {
      delivered.incrementAndGet();
      if (!d.duplicate()) {
        markDelivered(d);
      }
      return;
    }
    failedAttempts.incrementAndGet();
    long now = System.currentTimeMillis();
    if (now - d.firstAttemptMillis() >= config.delivery().giveUpAfter().toMillis()) {
      abandoned.incrementAndGet();
      LOG.warnf("giving up on %s (%s) for %s after %d attempts", d.eventId(), d.type(), d.endpoint().url(),
          d.attempt());
      return;
    }
    long backoff = backoff(d.attempt());
    LOG.debugf("delivery of %s to %s failed (%s); retry in %d ms", d.eventId(), d.endpoint().url(),
        error != null ? error : "HTTP " + status, backoff);
    lock.lock();
    try {
      queue.add(d.retry(++sequence, now + backoff));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private long jitter() {
    long window = config.delivery().shuffleWindow().toMillis();
    return shuffle && window > 0 ? java.util.concurrent.ThreadLocalRandom.current().nextLong(window + 1) : 0;
  }

  private long backoff(int attempt) {
    long initial = config.delivery().initialBackoff().toMillis();
    long max = config.delivery().maxBackoff().toMillis();
    long delay = initial << Math.min(attempt - 1, 30);
    return delay <= 0 || delay > max ? max : delay;
  }

  /** Stripe counts down {@code pending_webhooks} as endpoints acknowledge an event. */
  private void markDelivered(Delivery d) {
    store.locked(() -> {
      ObjectNode event = store.get(d.account(), d.eventId());
      if (event != null) {
        event.put("pending_webhooks", Math.max(0, Json.num(event, "pending_webhooks") - 1));
      }
    });
  }

  private void record(Attempt attempt) {
    synchronized (recent) {
      recent.addFirst(attempt);
      while (recent.size() > LOG_SIZE) {
        recent.removeLast();
      }
    }
  }

  public void configure(Boolean duplicate, Boolean shuffle) {
    if (duplicate != null) {
      this.duplicate = duplicate;
    }
    if (shuffle != null) {
      this.shuffle = shuffle;
    }
  }

  public boolean duplicate() {
    return duplicate;
  }

  public boolean shuffle() {
    return shuffle;
  }

  /** Deliveries queued or being sent right now. */
  public int pending() {
    lock.lock();
    try {
      return queue.size() + inFlight;
    } finally {
      lock.unlock();
    }
  }

  public long delivered() {
    return delivered.get();
  }

  public long failedAttempts() {
    return failedAttempts.get();
  }

  public long abandoned() {
    return abandoned.get();
  }

  public List<Attempt> recentAttempts() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  /** Drops queued deliveries and restores the configured switches. */
  @Override
  public void reset() {
    lock.lock();
    try {
      queue.clear();
      duplicate = config.delivery().duplicate();
      shuffle = config.delivery().shuffle();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    synchronized (recent) {
      recent.clear();
    }
  }

  public ObjectNode status() {
    return Json.obj("duplicate", duplicate, "shuffle", shuffle, "pending", pending(),
        "delivered", delivered(), "failed_attempts", failedAttempts(), "abandoned", abandoned());
  }
}
