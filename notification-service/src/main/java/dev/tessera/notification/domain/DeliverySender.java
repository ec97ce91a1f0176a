package dev.tessera.notification.domain;

import dev.tessera.notification.NotificationConfig;
import dev.tessera.notification.persistence.Delivery;
import dev.tessera.notification.persistence.DeliveryRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries through the Quarkus Mailer (SMTP, or the mock mailbox in the local suite). Each delivery
 * is claimed with {@code FOR UPDATE SKIP LOCKED} in its own transaction, so several instances share the work and
 * none sends a row another holds. A failure schedules the next try with exponential backoff; after the last try
 * the delivery is DEAD until an operator redrives it.
 *
 * <p>SMTP has no idempotency key: if the process dies after the server accepted a message and before the commit,
 * that one message is sent again. Every message carries {@code X-Tessera-Delivery-Id} so such a copy can be
 * recognised.
 */
@ApplicationScoped
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class);
    public static final String DELIVERY_ID_HEADER = "X-Tessera-Delivery-Id";

    private final DeliveryRepository deliveries;
    private final Mailer mailer;
    private final NotificationConfig config;
    private final RetryPolicy policy;
    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();

    DeliverySender(DeliveryRepository deliveries, Mailer mailer, NotificationConfig config, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.mailer = mailer;
        this.config = config;
        this.registry = registry;
        this.policy = new RetryPolicy(config.sender().maxAttempts(), config.sender().initialBackoff(),
                config.sender().maxBackoff());
        registry.gauge("tessera.notification.backlog", backlog);
    }

    @Scheduled(every = "${tessera.notification.sender.interval:1s}", delayed = "${tessera.notification.sender.delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!config.sender().enabled()) {
            return;
        }
        try {
            for (int i = 0; i < config.sender().batchSize(); i++) {
                if (!sendNext()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // the database is away; the next run tries again
            LOG.warnf("delivery sender run failed: %s", e.toString());
        }
    }

    @Scheduled(every = "${tessera.notification.metrics-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshBacklog() {
        try {
            backlog.set(QuarkusTransaction.requiringNew().call(deliveries::backlog));
        } catch (RuntimeException e) {
            LOG.debugf("could not count the delivery backlog: %s", e.toString());
        }
    }

    /** Sends the oldest due delivery, if any; false when nothing was due. */
    public boolean sendNext() {
        return QuarkusTransaction.requiringNew().timeout(120).call(() -> {
            Optional<Delivery> next = deliveries.lockNextDue(Instant.now());
            if (next.isEmpty()) {
                return false;
            }
            send(next.get());
            return true;
        });
    }

    private void send(Delivery delivery) {
        delivery.attempts++;
        try {
            mailer.send(Mail.withHtml(delivery.recipientEmail, delivery.subject, delivery.bodyHtml)
                    .setText(delivery.bodyText)
                    .addHeader(DELIVERY_ID_HEADER, Long.toString(delivery.id)));
            Instant now = Instant.now();
            delivery.status = DeliveryStatus.SENT.name();
            delivery.sentAt = now;
            delivery.updatedAt = now;
            delivery.lastError = null;
            registry.counter("tessera.notification.sent", "template", delivery.template).increment();
        } catch (RuntimeException e) {
            Instant now = Instant.now();
            RetryPolicy.Outcome outcome = policy.afterFailure(delivery.attempts, now);
            delivery.status = outcome.status().name();
            delivery.nextAttemptAt = outcome.nextAttemptAt() == null ? now : outcome.nextAttemptAt();
            delivery.updatedAt = now;
            delivery.lastError = describe(e);
            registry.counter("tessera.notification.send_failures", "template", delivery.template,
                    "status", outcome.status().name().toLowerCase(java.util.Locale.ROOT)).increment();
            if (outcome.status() == DeliveryStatus.DEAD) {
                LOG.errorf("delivery %d (%s) is dead after %d tries: %s", delivery.id, delivery.template,
                        delivery.attempts, delivery.lastError);
            } else {
                LOG.warnf("delivery %d (%s) failed (try %d), next try at %s: %s", delivery.id, delivery.template,
                        delivery.attempts, delivery.nextAttemptAt, delivery.lastError);
            }
        }
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() <= 1000 ? message : message.substring(0, 1000);
    }
}
