package dev.tessera.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import dev.tessera.events.StripeHeaders;
import dev.tessera.events.StripeRoute;
import dev.tessera.events.StripeRouting;
import dev.tessera.runtime.outbox.Outbox;
import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.TesseraInfra;
import dev.tessera.testing.TestJwt;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the notification tests share: feeding topics, reading the SMTP server, looking into the database. */
public final class NotificationTestSupport {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static volatile KafkaProducer<String, String> producer;

    private NotificationTestSupport() {
    }

    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static String uniqueEmail(String who) {
        return unique(who) + "@example.com";
    }

    /** A date as the English templates write it (UTC). */
    public static String longDate(Instant instant) {
        return java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
                .withLocale(java.util.Locale.forLanguageTag("en")).withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    // ---- Kafka

    /** Produces a Stripe event as ingest does: routed topic and key, Stripe headers. Returns the event id. */
    public static String produceStripe(JsonNode event) {
        StripeRoute route = StripeRouting.route(event);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(StripeHeaders.EVENT_ID, event.get("id").asText());
        headers.put(StripeHeaders.EVENT_TYPE, event.get("type").asText());
        headers.put(StripeHeaders.LIVEMODE, "false");
        headers.put(StripeHeaders.RECEIVED_AT, Instant.now().toString());
        if (event.hasNonNull("account")) {
            headers.put(StripeHeaders.ACCOUNT, event.get("account").asText());
        }
        produce(route.topic(), route.key(), EventJson.write(event), headers);
        return event.get("id").asText();
    }

    public static String produceStripe(String type, ObjectNode object) {
        return produceStripe(StripeEventFixtures.event(type, object).node());
    }

    /** Produces a domain event as the outbox relay does. */
    public static DomainEvent produceDomain(String topic, DomainEvent event) {
        produce(topic, event.subject(), event.toJson(), Map.of(Outbox.HEADER_EVENT_ID, event.id().toString(),
                Outbox.HEADER_EVENT_TYPE, event.type(), Outbox.HEADER_EVENT_VERSION, Integer.toString(event.version())));
        return event;
    }

    public static void produce(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (NotificationTestSupport.class) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TesseraInfra.get().kafkaBootstrapServers());
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                }
            }
        }
        return producer;
    }

    // ---- SMTP

    /** Messages the SMTP server received for {@code email}. */
    public static List<MimeMessage> messagesTo(String email) {
        var server = NotificationTestResources.Smtp.server();
        if (server == null) {
            return List.of();
        }
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().equalsIgnoreCase(email))) {
                    found.add(message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** Waits for at least {@code count} messages to {@code email}; returns them all. */
    public static List<MimeMessage> awaitMessagesTo(String email, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> messagesTo(email), messages -> messages.size() >= count);
    }

    public static MimeMessage awaitOneMessageTo(String email) {
        return awaitMessagesTo(email, 1).get(0);
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) {
        try {
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                String found = find(multipart, type);
                if (found != null) {
                    return found;
                }
            } else if (message.isMimeType(type)) {
                return content.toString();
            }
            throw new IllegalStateException("no " + type + " part");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Multipart multipart, String type) throws MessagingException, IOException {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart nested) {
                String found = find(nested, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    // ---- database

    public static List<Map<String, Object>> deliveriesTo(DataSource dataSource, String email) {
        return rows(dataSource, "select * from delivery where recipient_email = ? order by id", email.toLowerCase());
    }

    public static List<Map<String, Object>> awaitDeliveries(DataSource dataSource, String email, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveriesTo(dataSource, email), rows -> rows.size() >= count);
    }

    /** Waits until every delivery to {@code email} (at least {@code count}) is in one of {@code statuses}. */
    public static List<Map<String, Object>> awaitStatuses(DataSource dataSource, String email, int count,
                                                          String... statuses) {
        Set<String> wanted = Set.of(statuses);
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveriesTo(dataSource, email), rows -> rows.size() >= count
                        && rows.stream().allMatch(row -> wanted.contains(row.get("status"))));
    }

    public static List<Map<String, Object>> rows(DataSource dataSource, String sql, Object... params) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(DataSource dataSource, String sql, Object... params) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- API

    public static RequestSpecification asOps() {
        return given().auth().oauth2(TestJwt.ops("ops-user")).contentType("application/json");
    }

    public static RequestSpecification asMember(String userId, String email) {
        String token = email == null ? TestJwt.member(userId)
                : TestJwt.token(userId, Set.of(TestJwt.MEMBER), Map.of("email", email));
        return given().auth().oauth2(token).contentType("application/json");
    }

    /** Sets a seller's contact through the API, as ops would. */
    public static void sellerContact(String sellerId, String email, String displayName, String stripeAccount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("displayName", displayName);
        if (stripeAccount != null) {
            body.put("stripeAccountId", stripeAccount);
        }
        asOps().body(body).when().put("/sellers/" + sellerId + "/contact").then().statusCode(200);
    }
}
