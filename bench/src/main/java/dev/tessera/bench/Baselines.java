package dev.tessera.bench;

import dev.tessera.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the service's two halves cost on their own, on the same machine and servers, at full speed:
 * the database transaction a webhook commits, and the Kafka send the relay makes. The service can
 * only be as fast as the slower of them; the ratio says how much the rest (HTTP, verification, JSON,
 * transactions, the relay's bookkeeping) costs on top.
 */
final class Baselines {

    // The service's statements, verbatim (StripeEventStore, Outbox).
    private static final String INSERT_EVENT = "insert into stripe_event (event_id, type, account, livemode, "
            + "api_version, created, payload, received_at, endpoint, source, topic, message_key) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing";
    private static final String INSERT_OUTBOX = "insert into outbox_message (topic, message_key, payload, headers) "
            + "values (?, ?, ?, ?::jsonb)";
    private static final String LINK_OUTBOX = "update stripe_event set outbox_id = ?, replay_count = replay_count + ? "
            + "where event_id = ?";

    /**
     * The proposal: one round trip instead of three, the payload sent once instead of twice, and no
     * update (no dead row version per event). The outbox id is taken from the identity's sequence up
     * front; a duplicate inserts nothing and returns no row.
     */
    private static final String ONE_STATEMENT = "with event as (insert into stripe_event (event_id, type, account, "
            + "livemode, api_version, created, payload, received_at, endpoint, source, topic, message_key, outbox_id) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nextval(pg_get_serial_sequence('outbox_message', 'id'))) "
            + "on conflict (event_id) do nothing returning outbox_id, topic, message_key, payload) "
            + "insert into outbox_message (id, topic, message_key, payload, headers) overriding system value "
            + "select outbox_id, topic, message_key, payload, ?::jsonb from event returning id";

    static final String KAFKA_TOPIC = "bench.kafka-baseline";
    static final String JDBC_SCHEMA = "bench_baseline";

    private Baselines() {
    }

    /**
     * Single-row transactions of the webhook's shape from {@code threads} connections, each thread as
     * fast as it can. Runs in a schema of its own whose tables are copies of the migrated ones (same
     * columns, defaults, identity, indexes), so the service's relay never sees these rows.
     */
    static double jdbcRowsPerSecond(String url, String user, String password, int threads, Duration warmup,
                                    Duration measure, EventTemplate template, boolean oneStatement) throws Exception {
        try (Connection admin = DriverManager.getConnection(url, user, password);
             Statement ddl = admin.createStatement()) {
            ddl.execute("drop schema if exists " + JDBC_SCHEMA + " cascade");
            ddl.execute("create schema " + JDBC_SCHEMA);
            ddl.execute("create table " + JDBC_SCHEMA + ".stripe_event (like public.stripe_event including all)");
            ddl.execute("create table " + JDBC_SCHEMA + ".outbox_message (like public.outbox_message including all)");
        }
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long end = measureStart + measure.toNanos();
        AtomicInteger next = new AtomicInteger();
        LongAdder committed = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(
                        url + "?currentSchema=" + JDBC_SCHEMA, user, password)) {
                    connection.setAutoCommit(false);
                    while (System.nanoTime() < end) {
                        if (oneStatement) {
                            insertInOneStatement(connection, template, next.getAndIncrement());
                        } else {
                            insertOne(connection, template, next.getAndIncrement());
                        }
                        connection.commit();
                        long now = System.nanoTime();
                        if (now >= measureStart && now < end) {
                            committed.increment();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "bench-jdbc-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("JDBC baseline failed", failures.get(0));
        }
        return committed.sum() / (measure.toNanos() / 1e9);
    }

    private static void insertOne(Connection connection, EventTemplate template, int n) throws SQLException {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String eventId = template.eventId(n);
        String payload = template.body(n);
        // a fresh PreparedStatement per statement, like the service (pgjdbc still reuses the server-side plan)
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            insert.setString(1, eventId);
            insert.setString(2, template.type());
            insert.setString(3, null);
            insert.setBoolean(4, false);
            insert.setString(5, dev.tessera.testing.StripeEventFixtures.API_VERSION);
            insert.setTimestamp(6, Timestamp.from(receivedAt.truncatedTo(ChronoUnit.SECONDS)));
            insert.setString(7, payload);
            insert.setTimestamp(8, Timestamp.from(receivedAt));
            insert.setString(9, "platform");
            insert.setString(10, "webhook");
            insert.setString(11, template.topic());
            insert.setString(12, template.key(n));
            if (insert.executeUpdate() != 1) {
                throw new IllegalStateException("baseline event " + eventId + " already there");
            }
        }
        long outboxId;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_OUTBOX, new String[] {"id"})) {
            insert.setString(1, template.topic());
            insert.setString(2, template.key(n));
            insert.setString(3, payload);
            insert.setString(4, EventJson.write(template.headers(n, receivedAt.toString())));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                outboxId = keys.getLong(1);
            }
        }
        try (PreparedStatement link = connection.prepareStatement(LINK_OUTBOX)) {
            link.setLong(1, outboxId);
            link.setInt(2, 0);
            link.setString(3, eventId);
            link.executeUpdate();
        }
    }

    private static void insertInOneStatement(Connection connection, EventTemplate template, int n) throws SQLException {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement insert = connection.prepareStatement(ONE_STATEMENT)) {
            insert.setString(1, template.eventId(n));
            insert.setString(2, template.type());
            insert.setString(3, null);
            insert.setBoolean(4, false);
            insert.setString(5, dev.tessera.testing.StripeEventFixtures.API_VERSION);
            insert.setTimestamp(6, Timestamp.from(receivedAt.truncatedTo(ChronoUnit.SECONDS)));
            insert.setString(7, template.body(n));
            insert.setTimestamp(8, Timestamp.from(receivedAt));
            insert.setString(9, "platform");
            insert.setString(10, "webhook");
            insert.setString(11, template.topic());
            insert.setString(12, template.key(n));
            insert.setString(13, EventJson.write(template.headers(n, receivedAt.toString())));
            try (ResultSet outboxId = insert.executeQuery()) {
                if (!outboxId.next()) {
                    throw new IllegalStateException("baseline event " + template.eventId(n) + " already there");
                }
            }
        }
    }

    /** The relay's producer settings (KafkaClients): idempotent, acks=all, linger 2 ms, 256 KiB batches. */
    static Producer<String, String> relayLikeProducer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-kafka-baseline");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Creates the baseline topic like the service creates its own (3 partitions, keep everything). */
    static void createTopic(String bootstrapServers, int partitions) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(KAFKA_TOPIC, partitions, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))).all().get();
        }
    }

    /**
     * Records/s acknowledged when sending as fast as the producer takes them (it blocks when its buffer
     * is full): the broker's and client's ceiling for these records.
     */
    static double kafkaStreamingPerSecond(Producer<String, String> producer, Duration warmup, Duration measure,
                                          EventTemplate template, AtomicInteger next) throws Exception {
        long measureStart = System.nanoTime() + warmup.toNanos();
        long end = measureStart + measure.toNanos();
        LongAdder acked = new LongAdder();
        LongAdder failed = new LongAdder();
        while (System.nanoTime() < end) {
            producer.send(record(template, next.getAndIncrement()), (metadata, error) -> {
                long now = System.nanoTime();
                if (error != null) {
                    failed.increment();
                } else if (now >= measureStart && now < end) {
                    acked.increment();
                }
            });
        }
        producer.flush();
        if (failed.sum() > 0) {
            throw new IllegalStateException(failed.sum() + " baseline sends failed");
        }
        return acked.sum() / (measure.toNanos() / 1e9);
    }

    /**
     * Records/s when sending the way the relay does: a batch of {@code batch} records, flush, wait for
     * every acknowledgement, next batch (without the relay's SQL claim and mark). The relay's ceiling.
     */
    static double kafkaRelayShapedPerSecond(Producer<String, String> producer, int batch, Duration warmup,
                                            Duration measure, EventTemplate template, AtomicInteger next)
            throws InterruptedException, ExecutionException {
        long measureStart = System.nanoTime() + warmup.toNanos();
        long end = measureStart + measure.toNanos();
        long acked = 0;
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch);
        while (System.nanoTime() < end) {
            acks.clear();
            for (int i = 0; i < batch; i++) {
                acks.add(producer.send(record(template, next.getAndIncrement())));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
            long now = System.nanoTime();
            if (now >= measureStart && now < end) {
                acked += batch;
            }
        }
        return acked / (measure.toNanos() / 1e9);
    }

    private static ProducerRecord<String, String> record(EventTemplate template, int n) {
        ProducerRecord<String, String> record = new ProducerRecord<>(KAFKA_TOPIC, template.key(n), template.body(n));
        template.headers(n, Instant.now().toString())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
