package dev.tessera.stripe.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A local HTTP endpoint that records webhook deliveries and can fail the first N of them. */
final class WebhookReceiver implements AutoCloseable {
  record Delivery(String signature, String payload) {}

  private final HttpServer server;
  private final List<Delivery> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  WebhookReceiver() throws IOException {
    this(0);
  }

  WebhookReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/webhooks", exchange -> {
      requests.incrementAndGet();
      try (InputStream in = exchange.getRequestBody()) {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
        if (status == 200) {
          received.add(new Delivery(exchange.getRequestHeaders().getFirst("Stripe-Signature"), body));
        }
        exchange.sendResponseHeaders(status, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
  }

  void failNext(int n) {
    failuresLeft.set(n);
  }

  int requests() {
    return requests.get();
  }

  List<Delivery> received() {
    return new ArrayList<>(received);
  }

  /** Waits until the accepted deliveries satisfy {@code condition}. */
  List<Delivery> await(Predicate<List<Delivery>> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<Delivery> now = received();
      if (condition.test(now)) {
        return now;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("webhooks not received in time; got " + received().size());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
