package dev.tessera.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.runtime.money.Money;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private static final Locale EN = Locale.forLanguageTag("en");
    private static final Locale DE = Locale.forLanguageTag("de");

    @Test
    void amountsUseTheCurrencysStripeDecimals() {
        assertThat(Formats.money(Money.of(2900, "eur"), EN)).isEqualTo("€29.00");
        assertThat(Formats.money(Money.of(2900, "EUR"), DE)).isEqualTo("29,00\u00a0€");
        assertThat(Formats.money(Money.of(1000, "usd"), EN)).isEqualTo("$10.00");
        assertThat(Formats.money(Money.of(1200, "jpy"), EN)).isEqualTo("¥1,200");
        assertThat(Formats.money(Money.of(1200, "JPY"), DE)).isEqualTo("1.200\u00a0¥");
        assertThat(Formats.money(Money.of(50000, "krw"), EN)).isEqualTo("₩50,000");
        assertThat(Formats.money(Money.of(1234, "kwd"), EN)).isEqualTo("KWD1.234");
        // Stripe writes HUF with two decimals although ISO 4217 says none
        assertThat(Formats.money(Money.of(150050, "huf"), EN)).isEqualTo("HUF1,500.50");
        assertThat(Formats.money(Money.of(-5, "eur"), EN)).isEqualTo("-€0.05");
        assertThat(Formats.money(Money.of(Long.MAX_VALUE, "eur"), EN)).isEqualTo("€92,233,720,368,547,758.07");
    }

    @Test
    void datesAreWrittenForTheReader() {
        Instant instant = Instant.parse("2026-11-21T23:30:00Z");
        assertThat(Formats.date(instant, EN, ZoneOffset.UTC)).isEqualTo("November 21, 2026");
        assertThat(Formats.date(instant, DE, ZoneOffset.UTC)).isEqualTo("21. November 2026");
        assertThat(Formats.dateTime(Instant.parse("2026-12-01T23:59:59Z"), EN, ZoneId.of("UTC")))
                .isEqualTo("December 1, 2026 at 11:59:59 PM UTC");
    }

    @Test
    void localesAreNormalisedAndFallBack() {
        assertThat(Formats.normaliseLocale("pt_br")).contains("pt-BR");
        assertThat(Formats.normaliseLocale("auto")).isEmpty();
        assertThat(Formats.normaliseLocale("english please")).isEmpty();
        assertThat(Formats.normaliseLocale(null)).isEmpty();
        assertThat(Formats.fallbacks("pt-BR", "en")).containsExactly("pt-BR", "pt", "en");
        assertThat(Formats.fallbacks("en-GB", "en")).containsExactly("en-GB", "en");
        assertThat(Formats.fallbacks(null, "en")).containsExactly("en");
    }
}
