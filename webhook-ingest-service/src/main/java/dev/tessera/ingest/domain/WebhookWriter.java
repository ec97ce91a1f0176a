package dev.tessera.ingest.domain;

import dev.tessera.ingest.IngestConfig;
import dev.tessera.ingest.persistence.StripeEventStore.NewEvent;
import dev.tessera.runtime.error.ProblemException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Group commit for webhooks. Request threads hand verified events to a queue; a few writer threads
 * each take everything that is waiting and store it in one transaction, then complete every request
 * of the batch. An acknowledgement therefore still means "committed" (each future completes only
 * after its batch committed), but the database sees one commit and two statements per batch instead
 * of per event, which is what lets two cores keep up with Stripe's bursts.
 *
 * <p>No batching delay is added: under light load a batch is one event written at once; batches grow
 * only while a previous batch is being written. A batch that fails is written again event by event,
 * so one event the database refuses cannot fail the others; the refused one answers 5xx and Stripe
 * retries it.
 */
@ApplicationScoped
public class WebhookWriter {

    private static final Logger LOG = Logger.getLogger(WebhookWriter.class);

    private final EventRecorder recorder;
    private final IngestConfig config;
    private final BlockingQueue<Pending> queue;
    private final DistributionSummary batchSizes;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean accepting;

    WebhookWriter(EventRecorder recorder, IngestConfig config, MeterRegistry registry) {
        this.recorder = recorder;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.writerQueueCapacity());
        this.batchSizes = DistributionSummary.builder("tessera.ingest.write.batch.size")
                .description("Webhook events stored per transaction").register(registry);
        registry.gaugeCollectionSize("tessera.ingest.write.queue", List.of(), queue);
    }

    void onStart(@Observes StartupEvent event) {
        accepting = true;
        for (int i = 0; i < config.writerThreads(); i++) {
            Thread writer = new Thread(this::run, "webhook-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Stops taking webhooks, then lets the writers store what was already accepted. */
    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        accepting = false;
        for (Thread writer : writers) {
            writer.join(Duration.ofSeconds(20).toMillis());
        }
    }

    /** Completes once the event is committed (or known to be a duplicate). */
    public CompletableFuture<IngestOutcome> submit(NewEvent event) {
        if (!accepting) {
            throw new ProblemException(IngestErrorCode.SHUTTING_DOWN, "not accepting webhooks; Stripe will retry");
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new ProblemException(IngestErrorCode.OVERLOADED,
                    queue.size() + " webhooks are waiting to be stored; Stripe will retry");
        }
        // Shutdown may have begun after the check above and the writers may have left an empty queue:
        // take the event back and refuse it rather than leave its request waiting for nobody. If a writer
        // already took it, it will be written.
        if (!accepting && queue.remove(pending)) {
            throw new ProblemException(IngestErrorCode.SHUTTING_DOWN, "not accepting webhooks; Stripe will retry");
        }
        return pending.result();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(config.writerMaxBatch());
        while (accepting || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.writerMaxBatch() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // write() completes every future itself; this only keeps the writer alive
                LOG.errorf(e, "webhook writer failed outside a batch");
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<NewEvent> events = batch.stream().map(Pending::event).toList();
        List<IngestOutcome> outcomes;
        try {
            outcomes = QuarkusTransaction.requiringNew().call(() -> recorder.recordAll(events));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                LOG.warnf("could not store Stripe event %s: %s", batch.get(0).event().event().id(), e.getMessage());
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            LOG.warnf("a batch of %d webhook events failed (%s); storing them one by one", batch.size(),
                    e.getMessage());
            for (Pending pending : batch) {
                write(List.of(pending));
            }
            return;
        }
        batchSizes.record(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(outcomes.get(i));
        }
    }

    private record Pending(NewEvent event, CompletableFuture<IngestOutcome> result) {
    }
}
