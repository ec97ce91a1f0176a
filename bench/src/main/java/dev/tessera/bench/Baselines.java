package dev.tessera.bench;

import dev.tessera.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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

    /*
     * The service's two statements of a webhook transaction, copied VERBATIM: INSERT_NEW from
     * webhook-ingest-service's StripeEventStore (with Outbox.NEXT_ID_SQL spliced in, as it is there) and
     * INSERT_WITH_IDS from platform-runtime's Outbox. Keep them in step with those two classes: the
     * baseline means "the service's SQL alone" only as long as it is the same SQL.
     */
    private static final String INSERT_NEW = "insert into stripe_event (event_id, type, account, livemode, "
            + "api_version, created, payload, received_at, endpoint, source, topic, message_key, outbox_id) "
            + "select e.*, nextval(pg_get_serial_sequence('outbox_message', 'id')) from unnest(?::text[], ?::text[], "
            + "?::text[], ?::boolean[], ?::text[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], "
            + "?::text[], ?::text[]) as e on conflict (event_id) do nothing returning event_id, outbox_id";
    private static final String INSERT_WITH_IDS = "insert into outbox_message (id, topic, message_key, payload, headers) "
            + "overriding system value select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::jsonb[])";

    static final String KAFKA_TOPIC = "bench.kafka-baseline";
    static final String JDBC_SCHEMA = "bench_baseline";

    private Baselines() {
    }

    /**
     * Transactions of the service's shape, {@code batch} events each (two statements, one commit: the
     * service's group commit; 1 = a transaction per event), from {@code connections} connections, each
     * as fast as it can; returns rows (events) committed per second in the measured window. Runs in a
     * schema of its own whose tables are copies of the migrated ones (same columns, defaults, indexes,
     * and an identity of their own), so the service's relay never sees these rows.
     */
    static double jdbcRowsPerSecond(String url, String user, String password, int connections, int batch,
                                    Duration warmup, Duration measure, EventTemplate template) throws Exception {
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + JDBC_SCHEMA;
        try (Connection admin = DriverManager.getConnection(url, user, password);
             Statement ddl = admin.createStatement()) {
            ddl.execute("drop schema if exists " + JDBC_SCHEMA + " cascade");
            ddl.execute("create schema " + JDBC_SCHEMA);
            ddl.execute("create table " + JDBC_SCHEMA + ".stripe_event (like public.stripe_event including all)");
            ddl.execute("create table " + JDBC_SCHEMA + ".outbox_message (like public.outbox_message including all)");
        }
        // INSERT_NEW draws ids through pg_get_serial_sequence('outbox_message', 'id'), resolved by the
        // search_path: it must find the copy's own identity sequence (LIKE ... INCLUDING ALL creates one),
        // or the baseline would advance the service's sequence.
        try (Connection check = DriverManager.getConnection(schemaUrl, user, password);
             Statement statement = check.createStatement();
             ResultSet sequence = statement.executeQuery("select pg_get_serial_sequence('outbox_message', 'id')")) {
            sequence.next();
            String name = sequence.getString(1);
            if (name == null || !name.startsWith(JDBC_SCHEMA + ".")) {
                throw new IllegalStateException("the baseline's outbox ids would come from " + name
                        + ", not from a sequence in " + JDBC_SCHEMA);
            }
        }
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long end = measureStart + measure.toNanos();
        AtomicInteger next = new AtomicInteger();
        LongAdder committed = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < connections; t++) {
            Thread worker = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(schemaUrl, user, password)) {
                    connection.setAutoCommit(false);
                    while (System.nanoTime() < end) {
                        insertBatch(connection, template, next.getAndAdd(batch), batch);
                        connection.commit();
                        long now = System.nanoTime();
                        if (now >= measureStart && now < end) {
                            committed.add(batch);
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

    /**
     * Events {@code first .. first + size - 1} the way EventRecorder.recordAll stores a batch: INSERT_NEW
     * with one array per column (timestamps as ISO strings, like StripeEventStore.insertNew), then
     * INSERT_WITH_IDS for the new events under the outbox ids it returned (Outbox.appendWithIds).
     */
    private static void insertBatch(Connection connection, EventTemplate template, int first, int size)
            throws SQLException {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String received = receivedAt.toString();
        String created = receivedAt.truncatedTo(ChronoUnit.SECONDS).toString();
        String[] ids = new String[size];
        String[] types = new String[size];
        String[] accounts = new String[size];
        Boolean[] livemodes = new Boolean[size];
        String[] apiVersions = new String[size];
        String[] createds = new String[size];
        String[] payloads = new String[size];
        String[] receivedAts = new String[size];
        String[] endpoints = new String[size];
        String[] sources = new String[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        for (int i = 0; i < size; i++) {
            int n = first + i;
            ids[i] = template.eventId(n);
            types[i] = template.type();
            accounts[i] = null;
            livemodes[i] = false;
            apiVersions[i] = dev.tessera.testing.StripeEventFixtures.API_VERSION;
            createds[i] = created;
            payloads[i] = template.body(n);
            receivedAts[i] = received;
            endpoints[i] = "platform";
            sources[i] = "webhook";
            topics[i] = template.topic();
            keys[i] = template.key(n);
        }
        Map<String, Long> inserted = new HashMap<>();
        // a fresh PreparedStatement per transaction, like the service (pgjdbc still reuses the server-side plan)
        try (PreparedStatement insert = connection.prepareStatement(INSERT_NEW)) {
            Object[][] columns = {ids, types, accounts, livemodes, apiVersions, createds, payloads, receivedAts,
                    endpoints, sources, topics, keys};
            String[] sqlTypes = {"text", "text", "text", "boolean", "text", "text", "text", "text", "text", "text",
                    "text", "text"};
            for (int c = 0; c < columns.length; c++) {
                insert.setArray(c + 1, connection.createArrayOf(sqlTypes[c], columns[c]));
            }
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        if (inserted.size() != size) {
            throw new IllegalStateException((size - inserted.size()) + " baseline events of " + ids[0]
                    + ".. already there");
        }
        Long[] outboxIds = new Long[size];
        String[] headers = new String[size];
        for (int i = 0; i < size; i++) {
            outboxIds[i] = inserted.get(ids[i]);
            headers[i] = EventJson.write(template.headers(first + i, received));
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_WITH_IDS)) {
            insert.setArray(1, connection.createArrayOf("bigint", outboxIds));
            insert.setArray(2, connection.createArrayOf("text", topics));
            insert.setArray(3, connection.createArrayOf("text", keys));
            insert.setArray(4, connection.createArrayOf("text", payloads));
            insert.setArray(5, connection.createArrayOf("text", headers));
            insert.executeUpdate();
        }
    }

    /** The relay's producer settings (KafkaClients): idempotent, acks=all, linger 2 ms, 256 KiB batches. */
    static Producer<String, String> relayLikeProducer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
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
