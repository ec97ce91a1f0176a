package dev.tessera.notification.domain;

import java.util.Arrays;
import java.util.List;

/** Where a delivery stands in the delivery log. */
public enum DeliveryStatus {
    /** Waiting for its first try (or for a receipt link, until the grace ends). */
    PENDING,
    /** Accepted by the SMTP server (or the mock mailer). */
    SENT,
    /** The last try failed; the sender tries again at {@code next_attempt_at}. */
    FAILED,
    /** Failed every try; only an operator's redrive sends it again. */
    DEAD,
    /** Not sent because the recipient opted out of non-transactional messages; kept so it is never sent later. */
    SUPPRESSED;

    public static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();

    public boolean redrivable() {
        return this == FAILED || this == DEAD;
    }
}
