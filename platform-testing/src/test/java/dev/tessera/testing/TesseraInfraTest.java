package dev.tessera.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TesseraInfraTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void createsADatabaseOnceAndServesIt() throws Exception {
        TesseraInfra infra = TesseraInfra.get();
        String url = infra.jdbcUrl("infra_test");

        try (Connection connection = DriverManager.getConnection(url, infra.username(), infra.password());
                Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("select 1")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(1);
            }
            statement.execute("create table kept (id int primary key)");
            statement.execute("insert into kept values (7)");
        }

        assertThat(TesseraInfra.get()).isSameAs(infra);
        assertThat(infra.jdbcUrl("infra_test")).isEqualTo(url);
        try (Connection connection = DriverManager.getConnection(url, infra.username(), infra.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select id from kept")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(7);
        }
    }

    @Test
    void keepsRecordsAcrossABrokerRestart() {
        TesseraInfra infra = TesseraInfra.get();
        assumeTrue(infra.isKafkaEmbedded(), "Kafka is external");
        String topic = "infra-test.restart";
        String bootstrap = infra.kafkaBootstrapServers();

        produce(bootstrap, new ProducerRecord<>(topic, null, "key-1", "{\"n\":1}",
                List.of(new RecordHeader("stripe-event-id",
                        "evt_1".getBytes(StandardCharsets.UTF_8)))));
        List<TopicRecord> first = TopicReader.readAtLeast(bootstrap, topic, 1, TIMEOUT);
        assertThat(first).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("key-1");
            assertThat(record.value()).isEqualTo("{\"n\":1}");
            assertThat(record.headers()).containsExactly(Map.entry("stripe-event-id", "evt_1"));
            assertThat(record.header("stripe-event-id")).isEqualTo("evt_1");
            assertThat(record.partition()).isZero();
            assertThat(record.offset()).isZero();
        });

        KafkaBroker kafka = infra.kafka();
        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();
        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);

        assertThat(TopicReader.readAll(bootstrap, topic, Duration.ofMillis(500)))
                .extracting(TopicRecord::key).containsExactly("key-1");
        produce(bootstrap, new ProducerRecord<>(topic, "key-2", "{\"n\":2}"));
        assertThat(TopicReader.readAtLeast(bootstrap, topic, 2, TIMEOUT))
                .extracting(TopicRecord::key, TopicRecord::offset)
                .containsExactly(tuple("key-1", 0L), tuple("key-2", 1L));
    }

    @Test
    void readAllOfANewTopicIsEmptyAndReadAtLeastReportsWhatIsMissing() {
        String bootstrap = TesseraInfra.get().kafkaBootstrapServers();

        assertThat(TopicReader.readAll(bootstrap, "infra-test.empty", Duration.ofMillis(300))).isEmpty();
        assertThatThrownBy(() -> TopicReader.readAtLeast(bootstrap, "infra-test.empty", 1, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected at least 1 record(s) on infra-test.empty");
    }

    @Test
    void theSharedBrokerCannotBeClosedByATest() {
        TesseraInfra infra = TesseraInfra.get();
        assumeTrue(infra.isKafkaEmbedded(), "Kafka is external");

        assertThatThrownBy(() -> infra.kafka().close()).isInstanceOf(IllegalStateException.class);
        assertThat(infra.kafka().isRunning()).isTrue();
    }

    @Test
    void testResourceGivesQuarkusTheSharedServersAndTheJwtKey() {
        TesseraTestResource resource = new TesseraTestResource();
        resource.init(Map.of(TesseraTestResource.DATABASE, "resource_test"));

        Map<String, String> config = resource.start();

        TesseraInfra infra = TesseraInfra.get();
        assertThat(config).containsOnlyKeys("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                "quarkus.datasource.password", "kafka.bootstrap.servers", "quarkus.devservices.enabled",
                "quarkus.kafka.devservices.enabled", "mp.jwt.verify.publickey", "mp.jwt.verify.issuer");
        assertThat(config.get("quarkus.datasource.jdbc.url")).isEqualTo(infra.jdbcUrl("resource_test"));
        assertThat(config.get("kafka.bootstrap.servers")).isEqualTo(infra.kafkaBootstrapServers());
        assertThat(config.get("mp.jwt.verify.publickey")).isEqualTo(TestJwt.publicKeyPem());
        assertThat(config.get("mp.jwt.verify.issuer")).isEqualTo(TestJwt.ISSUER);
        assertThat(config.get("quarkus.devservices.enabled")).isEqualTo("false");
        assertThat(resource.start()).isEqualTo(config);
        resource.stop();
        assertThat(infra.kafkaBootstrapServers()).isNotBlank();

        TesseraTestResource withoutDatabase = new TesseraTestResource();
        assertThatThrownBy(() -> withoutDatabase.init(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static void produce(String bootstrap, ProducerRecord<String, String> record) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError("Could not produce to " + record.topic(), e);
        }
    }
}
