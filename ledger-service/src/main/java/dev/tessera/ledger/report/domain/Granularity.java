package dev.tessera.ledger.report.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** Report buckets: UTC days, ISO weeks (starting Monday) or calendar months, each named by its first day. */
public enum Granularity {
    DAY, WEEK, MONTH;

    public static Optional<Granularity> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DAY);
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public LocalDate bucket(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    public String sqlUnit() {
        return name().toLowerCase(Locale.ROOT);
    }
}
