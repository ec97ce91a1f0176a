package dev.tessera.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.testing.StripeEventFixtures;
import dev.tessera.testing.TestJwt;
import dev.tessera.testing.TopicWriter;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
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
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** What the notification tests share: feeding topics, reading the SMTP server, looking into the database. */
public final class NotificationTestSupport {

    public static final Duration WAIT = Duration.ofSeconds(30);

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

    // ---- Kafka (TopicWriter writes as ingest and the outbox relay do)

    /** Produces a Stripe event of {@code type} around {@code object} as ingest does. Returns the event id. */
    public static String produceStripe(String type, ObjectNode object) {
        return TopicWriter.sendStripeEvent(StripeEventFixtures.event(type, object).node());
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
