package dev.tessera.runtime.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tessera.events.EventJson;
import dev.tessera.runtime.kafka.KafkaClients;
import dev.tessera.runtime.kafka.KafkaTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows to Kafka. Each round claims the oldest unpublished rows with
 * {@code FOR UPDATE SKIP LOCKED} (so several instances can relay without sending a row twice at the
 * same time), sends them as one producer batch, waits for every acknowledgement, and marks what was
 * acknowledged as published in the same transaction that held the claim.
 *
 * <p>A crash between Kafka's acknowledgement and the commit sends those rows again: delivery is at
 * least once, which is why every consumer is idempotent. After a failed send every row Kafka did
 * acknowledge is still marked, so only the failed rows go out again.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private static final String CLAIM = "select id, topic, message_key, payload, headers::text, created_at "
            + "from outbox_message where published_at is null order by id limit ? for update skip locked";
    private static final String MARK_PUBLISHED = "update outbox_message set published_at = now(), "
            + "attempts = attempts + 1 where id = any(?)";
    private static final String MARK_FAILED = "update outbox_message set attempts = attempts + 1, last_error = ? "
            + "where id = ?";
    private static final String BACKLOG = "select count(*), min(created_at) from outbox_message where published_at is null";
    private static final String PURGE = "delete from outbox_message where id in (select id from outbox_message "
            + "where published_at < ? order by published_at limit 10000)";

    private final DataSource dataSource;
    private final KafkaClients kafka;
    private final KafkaTopics topics;
    private final OutboxConfig config;
    private final RelaySignal signal;
    private final Counter publishedCounter;
    private final Counter failureCounter;
    private final Timer publishLag;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnpublishedAgeMs = new AtomicLong();

    private volatile boolean running;
    private Thread worker;

    OutboxRelay(DataSource dataSource, KafkaClients kafka, KafkaTopics topics, OutboxConfig config, RelaySignal signal,
                MeterRegistry registry) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.topics = topics;
        this.config = config;
        this.signal = signal;
        this.publishedCounter = Counter.builder("tessera.outbox.published")
                .description("Outbox records acknowledged by Kafka").register(registry);
        this.failureCounter = Counter.builder("tessera.outbox.publish.failures")
                .description("Relay rounds that stopped on a failed send").register(registry);
        this.publishLag = Timer.builder("tessera.outbox.publish.lag")
                .description("Time from outbox commit to Kafka acknowledgement")
                .publishPercentiles(0.5, 0.99).register(registry);
        registry.gauge("tessera.outbox.backlog", backlog);
        registry.gauge("tessera.outbox.oldest.unpublished.age.ms", oldestUnpublishedAgeMs);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("outbox relay disabled on this instance");
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            signal.wake();
            worker.join(Duration.ofSeconds(10).toMillis());
        }
    }

    private void run() {
        Duration backoff = config.errorBackoff();
        while (running) {
            try {
                long roundStarted = System.nanoTime();
                int sent = relayOnce();
                backoff = config.errorBackoff();
                if (sent < config.batchSize()) {
                    signal.await(config.pollInterval());
                    long early = config.minRoundInterval().toNanos() - (System.nanoTime() - roundStarted);
                    if (early > 0) {
                        TimeUnit.NANOSECONDS.sleep(early);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failureCounter.increment();
                LOG.warnf("outbox relay round failed, retrying in %s: %s", backoff, rootMessage(e));
                if (!sleep(backoff)) {
                    return;
                }
                backoff = min(backoff.multipliedBy(2), config.maxErrorBackoff());
            }
        }
    }

    /**
     * One relay round in its own transaction; returns the number of records acknowledged. Public so
     * tests and operators can drain the outbox deterministically.
     */
    public int relayOnce() {
        Round round = QuarkusTransaction.requiringNew()
                .timeout((int) config.sendTimeout().plusSeconds(30).toSeconds())
                .call(this::claimAndSend);
        if (round.failure() != null) {
            // thrown after the commit, so what Kafka acknowledged stays marked as published
            throw new OutboxException(round.failure(), null);
        }
        return round.published();
    }

    private record Round(int published, String failure) {
    }

    private Round claimAndSend() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<Row> rows = claim(connection);
            if (rows.isEmpty()) {
                return new Round(0, null);
            }
            Set<String> batchTopics = new LinkedHashSet<>();
            rows.forEach(row -> batchTopics.add(row.topic()));
            topics.ensure(batchTopics);

            Producer<String, String> producer = kafka.producer();
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            RuntimeException sendFailure = null;
            for (Row row : rows) {
                try {
                    acks.add(producer.send(row.toRecord()));
                } catch (RuntimeException e) {
                    sendFailure = e;
                    break;
                }
            }
            producer.flush();

            // Every acknowledged row is marked, also those after a failed one: they are on Kafka already,
            // and leaving them unmarked would only publish them a second time next round.
            List<Row> published = new ArrayList<>(acks.size());
            Row failed = null;
            String failure = sendFailure == null ? null : rootMessage(sendFailure);
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            for (int i = 0; i < acks.size(); i++) {
                try {
                    acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    published.add(rows.get(i));
                } catch (ExecutionException | TimeoutException e) {
                    if (failed == null) {
                        failed = rows.get(i);
                        failure = rootMessage(e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    if (failed == null) {
                        failed = rows.get(i);
                        failure = "interrupted";
                    }
                    break;
                }
            }
            if (failed == null && sendFailure != null) {
                failed = rows.get(acks.size());
            }

            markPublished(connection, published.stream().map(Row::id).toList());
            Instant now = Instant.now();
            for (Row row : published) {
                publishLag.record(Duration.between(row.createdAt(), now));
            }
            publishedCounter.increment(published.size());
            if (failed != null) {
                markFailed(connection, failed.id(), failure);
                return new Round(published.size(), "send failed for outbox row " + failed.id() + ": " + failure);
            }
            return new Round(published.size(), null);
        }
    }

    private List<Row> claim(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setInt(1, config.batchSize());
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            EventJson.mapper().readValue(rs.getString(5), HEADERS),
                            rs.getTimestamp(6).toInstant()));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new OutboxException("unreadable outbox headers", e);
            }
        }
        return rows;
    }

    private void markPublished(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(MARK_PUBLISHED)) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    private void markFailed(Connection connection, long id, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(MARK_FAILED)) {
            update.setString(1, error);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    @Scheduled(every = "${tessera.outbox.metrics-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshBacklog() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(BACKLOG);
             ResultSet rs = query.executeQuery()) {
            rs.next();
            backlog.set(rs.getLong(1));
            java.sql.Timestamp oldest = rs.getTimestamp(2);
            oldestUnpublishedAgeMs.set(oldest == null ? 0 : Math.max(0,
                    Duration.between(oldest.toInstant(), Instant.now()).toMillis()));
        } catch (SQLException e) {
            LOG.debugf("could not read outbox backlog: %s", e.getMessage());
        }
    }

    /** Published rows are history, not state: keep them for the retention period only. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgePublished() {
        java.sql.Timestamp cutoff = java.sql.Timestamp.from(Instant.now().minus(config.publishedRetention()));
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement purge = connection.prepareStatement(PURGE)) {
                    purge.setTimestamp(1, cutoff);
                    return purge.executeUpdate();
                }
            });
        } while (deleted > 0 && running);
    }

    /** Unpublished rows, as last read by the metrics refresh. */
    public long backlog() {
        return backlog.get();
    }

    private boolean sleep(Duration duration) {
        try {
            signal.await(duration);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private record Row(long id, String topic, String key, String payload, Map<String, String> headers,
                       Instant createdAt) {

        ProducerRecord<String, String> toRecord() {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            return record;
        }
    }
}
