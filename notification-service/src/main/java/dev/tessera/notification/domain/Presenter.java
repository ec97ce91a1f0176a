package dev.tessera.notification.domain;

import dev.tessera.runtime.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a notice's values into text for one locale, so templates only print strings: {@link Money} becomes
 * {@code €29.00}, an {@link Instant} or {@link LocalDate} a long date, a {@link Deadline} a date with time and zone.
 * Strings, numbers and booleans stay as they are; nulls are left out (templates test with {@code ??}).
 */
public final class Presenter {

    private Presenter() {
    }

    /** A moment whose time of day matters, such as an evidence deadline. */
    public record Deadline(Instant at) {
    }

    public static Map<String, Object> present(Map<String, Object> data, Locale locale, ZoneId zone) {
        Map<String, Object> presented = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            Object shown = present(value, locale, zone);
            if (shown != null) {
                presented.put(key, shown);
            }
        });
        return presented;
    }

    private static Object present(Object value, Locale locale, ZoneId zone) {
        if (value == null) {
            return null;
        }
        if (value instanceof Money money) {
            return Formats.money(money, locale);
        }
        if (value instanceof Instant instant) {
            return Formats.date(instant, locale, zone);
        }
        if (value instanceof LocalDate date) {
            return Formats.date(date, locale);
        }
        if (value instanceof Deadline deadline) {
            return Formats.dateTime(deadline.at(), locale, zone);
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value instanceof String text && text.isBlank() ? null : value;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> present(item, locale, zone)).filter(item -> item != null).toList();
        }
        throw new IllegalArgumentException("cannot present a " + value.getClass().getSimpleName());
    }
}
