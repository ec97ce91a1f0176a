package dev.tessera.notification.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A decision to tell someone something. {@code sourceKey} identifies the fact (see the delivery table);
 * {@code sourceEventId} and {@code sourceType} the event that announced it. {@code data} holds the template's
 * values: {@link dev.tessera.runtime.money.Money} and dates are written for the recipient's locale (see
 * {@link Presenter}). {@code notBefore} delays the first try (null: now).
 */
public record Notice(String sourceKey, String sourceEventId, String sourceType, Template template,
                     Recipient recipient, Map<String, Object> data, Instant notBefore) {
}
