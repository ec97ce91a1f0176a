package dev.tessera.notification.domain;

import dev.tessera.runtime.money.Money;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** How amounts, dates and locales are written in messages. */
public final class Formats {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");

    private Formats() {
    }

    /**
     * An amount as a reader of {@code locale} expects it: {@code €29.00} in English, {@code 29,00 €} in German,
     * {@code ¥1,200} for yen. The number of decimals is Stripe's for the currency (0 for zero-decimal currencies,
     * 3 for KWD...), not the JDK's, and the value is formatted from its exact decimal, never through a double.
     */
    public static String money(Money money, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance(money.currency()));
        format.setMinimumFractionDigits(money.fractionDigits());
        format.setMaximumFractionDigits(money.fractionDigits());
        if (format instanceof DecimalFormat decimal) {
            decimal.setParseBigDecimal(true);
        }
        return format.format(new BigDecimal(money.toDecimalString()));
    }

    /** A day, e.g. {@code November 21, 2026} / {@code 21. November 2026}. */
    public static String date(Instant instant, Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(zone).format(instant);
    }

    public static String date(LocalDate date, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
    }

    /** A moment with its time and zone, for deadlines: {@code December 1, 2026, 11:59:59 PM UTC}. */
    public static String dateTime(Instant instant, Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG).withLocale(locale).withZone(zone).format(instant);
    }

    /** Whether {@code tag} is a plausible BCP 47 language tag ({@code en}, {@code de}, {@code pt-BR}). */
    public static boolean isLanguageTag(String tag) {
        if (tag == null || !LANGUAGE_TAG.matcher(tag).matches()) {
            return false;
        }
        try {
            new Locale.Builder().setLanguageTag(tag);
            return true;
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    /** {@code tag} normalised ({@code pt-br} to {@code pt-BR}), if it is a language tag. */
    public static Optional<String> normaliseLocale(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String trimmed = tag.trim().replace('_', '-');
        if (!isLanguageTag(trimmed) || "auto".equalsIgnoreCase(trimmed)) {
            return Optional.empty();
        }
        return Optional.of(Locale.forLanguageTag(trimmed).toLanguageTag());
    }

    /** Template locales to try for {@code tag}, most specific first, ending with the default: pt-BR, pt, en. */
    public static List<String> fallbacks(String tag, String defaultLocale) {
        List<String> chain = new ArrayList<>();
        if (tag != null && !tag.isBlank()) {
            Locale locale = Locale.forLanguageTag(tag);
            if (!locale.getCountry().isEmpty()) {
                chain.add(locale.getLanguage() + "-" + locale.getCountry());
            }
            if (!locale.getLanguage().isEmpty()) {
                chain.add(locale.getLanguage());
            }
        }
        if (!chain.contains(defaultLocale)) {
            chain.add(defaultLocale);
        }
        return chain;
    }
}
