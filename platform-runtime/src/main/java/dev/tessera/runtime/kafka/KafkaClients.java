package dev.tessera.runtime.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Kafka clients the platform itself uses (outbox relay, topic admin, health). Created lazily, so a
 * service starts, serves and stores while Kafka is away.
 */
@ApplicationScoped
public class KafkaClients {

    private final String bootstrapServers;
    private volatile Producer<String, String> producer;
    private volatile Admin admin;

    KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * An idempotent producer with {@code acks=all}: a retried send never duplicates or reorders a
     * record within a partition, and a record counts as sent only once every in-sync replica has it.
     */
    public Producer<String, String> producer() {
        Producer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    // One request in flight: with more, a request that fails NOT_LEADER_OR_FOLLOWER on a
                    // partition created a moment ago can be overtaken by the next one, after which the
                    // broker (4.2) rejects every retry of the first as OUT_OF_ORDER_SEQUENCE_NUMBER until
                    // the delivery timeout (KAFKA-15591). Measured here, one in flight still relays far
                    // more than ingest can store.
                    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
                    props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
                    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
                    // Fail a send within seconds when the broker is away; the relay retries with backoff
                    // and the rows stay in the outbox, so nothing waits on Kafka for long.
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "tessera-outbox-relay");
                    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    public Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Properties props = new Properties();
                    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
                    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
                    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tessera-admin");
                    admin = Admin.create(props);
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
