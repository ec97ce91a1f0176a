package dev.tessera.notification.api;

import dev.tessera.notification.persistence.Delivery;
import dev.tessera.notification.persistence.Preference;
import dev.tessera.notification.persistence.SellerContact;
import java.time.Instant;
import java.util.List;

/** Response bodies. */
public final class Views {

    private Views() {
    }

    public record PageView<T>(List<T> items, int page, int size, long total) {
    }

    /** A delivery as operators see it. */
    public record DeliveryView(long id, String template, String status, String recipientEmail, String recipientUserId,
                               String audience, String sellerId, String locale, boolean transactional, String subject,
                               String sourceType, String sourceKey, String sourceEventId, int attempts,
                               String lastError, Instant nextAttemptAt, Instant createdAt, Instant updatedAt,
                               Instant sentAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id, d.template, d.status, d.recipientEmail, d.recipientUserId, d.audience,
                    d.sellerId, d.locale, d.transactional, d.subject, d.sourceType, d.sourceKey, d.sourceEventId,
                    d.attempts, d.lastError, d.nextAttemptAt, d.createdAt, d.updatedAt, d.sentAt);
        }
    }

    /** A delivery with its content, for one delivery's detail and the dev inbox. */
    public record MessageView(long id, String template, String status, String to, String subject, String text,
                              String html, String locale, Instant createdAt, Instant sentAt) {

        static MessageView of(Delivery d) {
            return new MessageView(d.id, d.template, d.status, d.recipientEmail, d.subject, d.bodyText, d.bodyHtml,
                    d.locale, d.createdAt, d.sentAt);
        }
    }

    /** One of a person's own notifications. */
    public record MyNotification(long id, String template, String status, String subject, String text,
                                 boolean transactional, Instant createdAt, Instant sentAt) {

        static MyNotification of(Delivery d) {
            return new MyNotification(d.id, d.template, d.status, d.subject, d.bodyText, d.transactional, d.createdAt,
                    d.sentAt);
        }
    }

    public record PreferenceView(String userId, String email, boolean optOutNonTransactional, String locale,
                                 Instant updatedAt) {

        static PreferenceView of(Preference p) {
            return new PreferenceView(p.userId, p.email, p.optOutNonTransactional, p.locale, p.updatedAt);
        }
    }

    public record SellerContactView(String sellerId, String email, String displayName, String locale,
                                    String stripeAccountId, Instant updatedAt) {

        static SellerContactView of(SellerContact c) {
            return new SellerContactView(c.sellerId, c.email, c.displayName, c.locale, c.stripeAccountId, c.updatedAt);
        }
    }
}
