package dev.tessera.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the delivery log. Rows are created by {@link DeliveryRepository#insertOnce} only. */
@Entity
@Table(name = "delivery")
public class Delivery {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "source_key", nullable = false)
    public String sourceKey;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    @Column(name = "source_type", nullable = false)
    public String sourceType;

    @Column(nullable = false)
    public String template;

    @Column(name = "recipient_email", nullable = false)
    public String recipientEmail;

    @Column(name = "recipient_user_id")
    public String recipientUserId;

    @Column(nullable = false)
    public String audience;

    @Column(name = "seller_id")
    public String sellerId;

    @Column(nullable = false)
    public String locale;

    @Column(nullable = false)
    public boolean transactional;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String subject;

    @Column(name = "body_text", nullable = false)
    public String bodyText;

    @Column(name = "body_html", nullable = false)
    public String bodyHtml;

    /** The presented (already formatted) template data, JSON. */
    @Column(nullable = false)
    public String model;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
