package dev.tessera.bench;

import dev.tessera.testing.StripeSigner;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Signed Stripe webhook POSTs against the service, open loop or closed loop.
 *
 * <p>Open loop: request {@code i} is due at {@code start + i / rate}, whether or not earlier requests
 * have been answered (Stripe does not wait for us either), and its latency is measured from that
 * intended time. A stalled service therefore shows up as latency of every request that should have
 * gone out during the stall, instead of silently lowering the offered rate (coordinated omission).
 *
 * <p>HTTP: the Vert.x core client on one event loop of its own (HTTP/1.1, keep-alive, no pipelining,
 * at most {@code maxInFlight} connections). The generator shares the machine's cores with the service
 * under test, so its CPU per request is taken from the service; an event-loop client is meant to cost
 * less of it than the JDK HttpClient did (read the bench's CPU rows to see how much). Requests are built and signed on the calling thread (the generator's pacing
 * thread, or the event loop when an answer frees a slot); answers arrive on the event loop, so nothing
 * that runs on completion may block. Owns its Vert.x instance: close it (a shutdown hook does on Ctrl-C).
 */
final class WebhookLoad implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** TCP connect, as the JDK client had. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * A connection without traffic this long is closed (and not kept alive longer either). It must be
     * longer than {@link #REQUEST_TIMEOUT}, since it also runs while a request waits for its answer.
     */
    private static final Duration CONNECTION_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final Vertx vertx;
    /** The one context every request is sent from and answered on (the single event loop). */
    private final Context context;
    private final HttpClient client;
    private final URI uri;
    private final String secret;
    private final int maxInFlight;
    private final Thread shutdownHook;

    /**
     * The client's pool holds {@code maxInFlight} connections, the Dispatcher's cap, so no open-loop
     * request waits inside the client. (A closed loop with more senders than that would: its latency,
     * measured from the send, includes the wait.)
     */
    WebhookLoad(URI uri, String secret, int maxInFlight) {
        this.uri = uri;
        this.secret = secret;
        this.maxInFlight = maxInFlight;
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setUseDaemonThread(true)
                // no classpath file resolution: nothing to cache, no vertx-cache directory
                .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false)
                        .setFileCachingEnabled(false)));
        context = vertx.getOrCreateContext();
        client = vertx.createHttpClient(new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_1_1)
                        .setKeepAlive(true)
                        .setKeepAliveTimeout((int) CONNECTION_IDLE_TIMEOUT.toSeconds())
                        .setPipelining(false)
                        .setTcpNoDelay(true)
                        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                        .setIdleTimeout((int) CONNECTION_IDLE_TIMEOUT.toSeconds())
                        .setIdleTimeoutUnit(TimeUnit.SECONDS),
                new PoolOptions().setHttp1MaxSize(maxInFlight));
        shutdownHook = new Thread(this::closeVertx, "bench-stop-vertx");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public void close() {
        closeVertx();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing to undo
        }
    }

    /** Closes the client's connections and stops the event loop; waits a few seconds at most. */
    private void closeVertx() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // its threads are daemons: they do not keep the JVM alive either way
        }
    }

    /** What the service answered: the status and the body, independent of the HTTP client. */
    record Answer(int status, String body) {
    }

    /**
     * What one phase saw. Latencies and errors are of the requests due in the measured window;
     * {@code achievedPerSecond} counts every 2xx received in it; outcomes include the warm-up.
     */
    record Result(String name, double targetRate, int measuredRequests, long ok, long errors,
                  Map<String, Long> outcomes, Latencies latencies, double achievedPerSecond,
                  double maxSendLagMs, int maxInFlight, boolean[] acked) {

        /** Little's law: the mean number of requests outstanding, waiting in the bench included. */
        double meanInFlight() {
            return achievedPerSecond * latencies.meanMs() / 1000.0;
        }
    }

    /**
     * Sends {@code rate} requests per second for {@code warmup + duration}; only the {@code duration}
     * part is measured. {@code bodyFor(i)} is the body of request {@code i}.
     */
    Result openLoop(String name, double rate, Duration warmup, Duration duration, IntFunction<String> bodyFor)
            throws InterruptedException {
        int warm = (int) Math.round(rate * warmup.toNanos() / 1e9);
        int measured = (int) Math.round(rate * duration.toNanos() / 1e9);
        int total = warm + measured;
        double period = 1e9 / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measureStart = start + (long) (warm * period);
        Recorder recorder = new Recorder(measured, total, measureStart);
        Dispatcher dispatcher = new Dispatcher(bodyFor, recorder);
        long maxLag = 0;
        for (int i = 0; i < total; i++) {
            long intended = start + (long) (i * period);
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            // how late the generator itself fired; if this grows, the bench (not the service) is the limit
            if (i >= warm) {
                maxLag = Math.max(maxLag, now - intended);
            }
            dispatcher.due(new Due(i, i - warm, intended));
        }
        recorder.await(start + (long) (total * period));
        return recorder.result(name, rate, measured, maxLag / 1e6);
    }

    private record Due(int index, int slot, long intended) {
    }

    /**
     * Sends due requests, at most {@link #maxInFlight} at a time; the rest wait in arrival order. Without
     * a cap an overloaded service would face tens of thousands of sockets (HTTP/1.1 without pipelining
     * takes one connection per concurrent request), which measures the kernel, not the service. Waiting
     * counts in the latency, since it is measured from the intended time, and a request that could not
     * even be sent within the request timeout is an error, as it would be for Stripe.
     *
     * <p>{@link #drain()} runs on the generator's thread and, after every answer, on the event loop: it
     * never blocks (tryAcquire, a lock-free queue), it only builds, signs and hands over requests.
     */
    private final class Dispatcher {
        private final IntFunction<String> bodyFor;
        private final Recorder recorder;
        private final Semaphore permits = new Semaphore(maxInFlight);
        private final Queue<Due> waiting = new ConcurrentLinkedQueue<>();

        Dispatcher(IntFunction<String> bodyFor, Recorder recorder) {
            this.bodyFor = bodyFor;
            this.recorder = recorder;
        }

        void due(Due request) {
            waiting.add(request);
            drain();
        }

        /**
         * Called by the generator and after every answer (on the event loop), so a waiting request never
         * waits for nothing.
         */
        private void drain() {
            while (!waiting.isEmpty() && permits.tryAcquire()) {
                Due next = waiting.poll();
                if (next == null) {
                    permits.release();
                    continue;
                }
                if (System.nanoTime() - next.intended() > REQUEST_TIMEOUT.toNanos()) {
                    recorder.record(next.slot(), next.index(), next.intended(), null, new NotSentInTime());
                    permits.release();
                    continue;
                }
                recorder.sent();
                sendAsync(bodyFor.apply(next.index())).onComplete(answer -> {
                    recorder.record(next.slot(), next.index(), next.intended(), answer.result(), answer.cause());
                    permits.release();
                    drain();
                });
            }
        }
    }

    /** A request still waiting for a free connection when its timeout had passed. */
    private static final class NotSentInTime extends Exception {
        NotSentInTime() {
            super("not sent within the request timeout", null, false, false);
        }
    }

    /**
     * Closed loop: {@code concurrency} senders, each sending its next request when the previous one
     * is answered. Measures how much the service can take, not how fast it answers at a given rate.
     */
    Result closedLoop(String name, int concurrency, Duration warmup, Duration duration, IntFunction<String> bodyFor)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long end = measureStart + duration.toNanos();
        // room for far more answers than the service can give in the window
        Recorder recorder = new Recorder((int) Math.min(50_000_000L, duration.toSeconds() * 20_000L + 1), -1,
                measureStart);
        AtomicInteger next = new AtomicInteger();
        CountDownLatch senders = new CountDownLatch(concurrency);
        for (int s = 0; s < concurrency; s++) {
            sendChain(next, measureStart, end, bodyFor, recorder, senders);
        }
        senders.await();
        return recorder.result(name, Double.NaN, -1, 0);
    }

    private void sendChain(AtomicInteger next, long measureStart, long end, IntFunction<String> bodyFor,
                           Recorder recorder, CountDownLatch senders) {
        long now = System.nanoTime();
        if (now >= end) {
            senders.countDown();
            return;
        }
        int slot = now >= measureStart ? recorder.nextSlot() : -1;
        int index = next.getAndIncrement();
        recorder.sent();
        sendAsync(bodyFor.apply(index))
                .onComplete(answer -> {
                    // on the event loop; the next request of this sender is built and sent from here
                    recorder.record(slot, index, now, answer.result(), answer.cause());
                    sendChain(next, measureStart, end, bodyFor, recorder, senders);
                });
    }

    /**
     * One signed POST; completes on the event loop with the answer, or fails (connection refused,
     * {@link #REQUEST_TIMEOUT} without an answer, connection closed...). Always sent from the client's
     * own context: a request started on the generator's thread got its callbacks on a context of its
     * own, and when the response arrived before {@code body()} was registered its body was lost (a
     * measured 0.4% of answers read as 200 with an empty body although the service sent 36 bytes).
     */
    private Future<Answer> sendAsync(String body) {
        if (Vertx.currentContext() == context) {
            return send(body);
        }
        Promise<Answer> answer = Promise.promise();
        context.runOnContext(ignored -> send(body).onComplete(answer));
        return answer.future();
    }

    private Future<Answer> send(String body) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(uri.toString())
                // waiting for a pooled connection (none in the open loop: the pool holds maxInFlight)
                .setConnectTimeout(REQUEST_TIMEOUT.toMillis())
                // no answer within this long fails the request, like the JDK client's request timeout
                .setIdleTimeout(REQUEST_TIMEOUT.toMillis())
                .putHeader("Content-Type", "application/json")
                // signed at send time, as Stripe signs each delivery (retries included)
                .putHeader(StripeSigner.HEADER, StripeSigner.signatureHeader(body, secret));
        Buffer payload = Buffer.buffer(body.getBytes(StandardCharsets.UTF_8));
        return client.request(request)
                .compose((HttpClientRequest sent) -> sent.send(payload))
                .compose(response -> response.body()
                        .map(received -> new Answer(response.statusCode(), received.toString(StandardCharsets.UTF_8))));
    }

    /** Collects answers, on the event loop (and the generator's thread for requests never sent). */
    private static final class Recorder {
        private final long[] latencies;
        private final AtomicInteger slots = new AtomicInteger();
        private final LongAdder ok = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        // the service's throughput: every 2xx that arrived after the warm-up, whichever request it answers
        // (under overload, warm-up requests are still being answered well into the measured window)
        private final long measureStart;
        private final LongAdder okInWindow = new LongAdder();
        private final AtomicLong lastAnswer = new AtomicLong();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private final CountDownLatch answered;
        // by request index (open loop only); written by many threads, read after the latch: safe
        private final boolean[] acked;

        Recorder(int measured, int total, long measureStart) {
            this.measureStart = measureStart;
            latencies = new long[measured];
            Arrays.fill(latencies, -1);
            answered = new CountDownLatch(Math.max(0, total));
            acked = new boolean[Math.max(0, total)];
        }

        int nextSlot() {
            return slots.getAndIncrement();
        }

        void sent() {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }

        /** {@code slot} &lt; 0: warm-up, counted in outcomes but not measured. */
        void record(int slot, int index, long from, Answer response, Throwable failure) {
            long now = System.nanoTime();
            if (!(failure instanceof NotSentInTime)) {
                inFlight.decrementAndGet();
            }
            String outcome;
            boolean success = failure == null && response.status() / 100 == 2;
            if (failure != null) {
                outcome = "error " + rootName(failure);
            } else if (success) {
                // {"received":true,"outcome":"stored"}: the outcome tells stored from duplicate
                String body = response.body();
                int at = body.indexOf("\"outcome\":\"");
                outcome = at < 0 ? "2xx" : body.substring(at + 11, body.indexOf('"', at + 11));
            } else {
                outcome = "http " + response.status();
            }
            outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
            if (success && index < acked.length) {
                acked[index] = true;
            }
            if (now >= measureStart) {
                lastAnswer.accumulateAndGet(now, Math::max);
                if (success) {
                    okInWindow.increment();
                }
            }
            if (slot >= 0 && slot < latencies.length) {
                if (success) {
                    ok.increment();
                    latencies[slot] = now - from;
                } else {
                    errors.increment();
                    latencies[slot] = -1;
                }
            }
            answered.countDown();
        }

        /**
         * Waits for every answer; each request ends by its timeout, so this only gives up (counting the
         * rest as errors) if the client itself is stuck.
         */
        void await(long lastIntended) throws InterruptedException {
            long waitNanos = lastIntended + 3 * REQUEST_TIMEOUT.toNanos() - System.nanoTime();
            if (!answered.await(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
                outcomes.computeIfAbsent("error no answer", o -> new LongAdder()).add(answered.getCount());
                errors.add(answered.getCount());
            }
        }

        Result result(String name, double rate, int measuredRequests, double maxSendLagMs) {
            int recorded = measuredRequests >= 0 ? measuredRequests : Math.min(slots.get(), latencies.length);
            long[] okLatencies = Arrays.stream(latencies, 0, recorded).filter(l -> l >= 0).toArray();
            double seconds = (lastAnswer.get() - measureStart) / 1e9;
            Map<String, Long> counts = new TreeMap<>();
            outcomes.forEach((outcome, count) -> counts.put(outcome, count.sum()));
            return new Result(name, rate, recorded, ok.sum(), errors.sum(), counts,
                    Latencies.of(okLatencies, okLatencies.length), okInWindow.sum() / seconds, maxSendLagMs,
                    maxInFlight.get(), acked);
        }

        private static String rootName(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName();
        }
    }
}
