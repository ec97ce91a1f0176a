package dev.tessera.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

@ConfigMapping(prefix = "tessera.notification")
public interface NotificationConfig {

    /** Locale of a recipient nobody told us about; templates of every name exist in this locale. */
    @WithDefault("en")
    String defaultLocale();

    /** Time zone dates and deadlines are written in. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /**
     * How long a receipt announced by {@code checkout.session.completed} waits for the payment's
     * {@code charge.succeeded}, which brings Stripe's receipt link; the receipt goes out after this either way.
     */
    @WithDefault("PT60S")
    Duration receiptLinkGrace();

    /** How often the delivery backlog gauge is refreshed. */
    @WithDefault("15s")
    String metricsInterval();

    Sender sender();

    DevInbox devInbox();

    Expiring expiring();

    interface Sender {
        /** Whether this instance sends e-mail (several may: deliveries are claimed with SKIP LOCKED). */
        @WithDefault("true")
        boolean enabled();

        /** How often the sender looks for due deliveries ({@code 1s}, {@code 0.2s}). */
        @WithDefault("1s")
        String interval();

        /** How long after startup the sender first runs. */
        @WithDefault("2s")
        String delay();

        /** Deliveries sent per sender run, at most. */
        @WithDefault("50")
        int batchSize();

        /** Tries of one delivery, the first included, before it is DEAD. */
        @WithDefault("10")
        int maxAttempts();

        /** Pause after the first failed try; doubles after each, up to {@link #maxBackoff()}. */
        @WithDefault("PT30S")
        Duration initialBackoff();

        @WithDefault("PT1H")
        Duration maxBackoff();
    }

    interface DevInbox {
        /**
         * When true, {@code GET /dev/inbox} answers without a token (the local suite and dev mode, where the
         * mailer is mocked); otherwise it is for the {@code ops} role only.
         */
        @WithDefault("false")
        boolean open();
    }

    interface Expiring {
        /** Whether memberships about to end get a reminder (from the membership events seen). */
        @WithDefault("true")
        boolean enabled();

        /** How often due reminders are looked for. */
        @WithDefault("5m")
        String interval();

        /** How long before a membership ends the reminder goes out. */
        @WithDefault("P3D")
        Duration notice();
    }
}
