package dev.tessera.stripe.emulator.domain;

import dev.tessera.stripe.emulator.core.ApiError;
import java.util.Locale;
import java.util.Set;

/** Currency rules: minor units, zero-decimal currencies, display. Amounts are always long minor units. */
public final class Money {
  /** Stripe's zero-decimal currencies: the amount is in whole units. */
  private static final Set<String> ZERO_DECIMAL = Set.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw",
      "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");

  private Money() {}

  public static String currency(String param, String value) {
    if (value == null || !value.matches("[A-Za-z]{3}")) {
      throw ApiError.invalid(param, "Invalid currency: " + value
          + ". Stripe currently supports these currencies: a three-letter ISO code in lowercase.");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** e.g. "20.00 USD", "500 JPY": for descriptions and hosted pages. */
  public static String format(long amount, String currency) {
    String code = currency.toUpperCase(Locale.ROOT);
    if (ZERO_DECIMAL.contains(currency)) {
      return amount + " " + code;
    }
    String sign = amount < 0 ? "-" : "";
    long abs = Math.abs(amount);
    return sign + (abs / 100) + "." + String.format("%02d", abs % 100) + " " + code;
  }

  /** Percentage of an amount, rounded half up; {@code percent} may have decimals (25.5). */
  public static long percentOf(long amount, double percent) {
    return Math.round(amount * percent / 100.0);
  }
}
