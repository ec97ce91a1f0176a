package dev.tessera.runtime.money;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An amount of money: a whole number of the currency's minor units (cents, yen, fils) and an ISO 4217 currency code.
 * This is the only representation of money in Tessera; there is no floating point anywhere. Arithmetic is exact and
 * throws {@link ArithmeticException} on overflow rather than wrapping; operations between two amounts throw
 * {@link IllegalArgumentException} when their currencies differ.
 *
 * <p>The minor unit is Stripe's, because every amount we hold came from or goes to Stripe: for most currencies it is
 * a hundredth, for Stripe's zero-decimal currencies it is the unit itself, and for the three-decimal currencies a
 * thousandth. Stripe's list deliberately differs from {@link Currency#getDefaultFractionDigits()} in places (ISK, HUF,
 * TWD are two-decimal for Stripe), which is why the lists below are explicit.
 *
 * <p>The currency is normalised to upper case, so Stripe's lower-case {@code "eur"} is accepted. JSON form:
 * {@code {"amountMinor":1250,"currency":"EUR"}}.
 */
@JsonPropertyOrder({ "amountMinor", "currency" })
public record Money(long amountMinor, String currency) implements Comparable<Money> {

    /** Stripe's zero-decimal currencies: an amount of 1200 JPY is ¥1200. */
    public static final Set<String> ZERO_DECIMAL_CURRENCIES = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW",
            "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");

    /** Stripe's three-decimal currencies: an amount of 1234 KWD is 1.234 KWD. */
    public static final Set<String> THREE_DECIMAL_CURRENCIES = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final BigInteger BASIS_POINTS_PER_WHOLE = BigInteger.valueOf(10_000);

    public Money {
        Objects.requireNonNull(currency, "currency");
        currency = currency.toUpperCase(Locale.ROOT);
        if (!CODE.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be a three-letter ISO 4217 code, not '" + currency + "'");
        }
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency '" + currency + "'", e);
        }
    }

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    /**
     * Parses a plain decimal in major units, as written in CSV or typed by a person: {@code "12.50"} EUR is 1250,
     * {@code "1200"} JPY is 1200, {@code "-0.5"} EUR is -50. Digits beyond the currency's precision must be zeros;
     * anything that would need rounding is rejected rather than silently changed. Signs other than a leading minus,
     * exponents, grouping separators and blanks are rejected.
     *
     * @throws IllegalArgumentException if the text is not such a decimal or the amount does not fit in a long
     */
    public static Money parse(String decimal, String currency) {
        Objects.requireNonNull(decimal, "decimal");
        Money zero = zero(currency);
        if (!DECIMAL.matcher(decimal).matches()) {
            throw new IllegalArgumentException("'" + decimal + "' is not a plain decimal amount");
        }
        try {
            BigDecimal major = new BigDecimal(decimal).setScale(zero.fractionDigits(), RoundingMode.UNNECESSARY);
            return new Money(major.unscaledValue().longValueExact(), zero.currency());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + decimal + "' is not a valid " + zero.currency() + " amount: it has "
                    + "more than " + zero.fractionDigits() + " decimals or is out of range", e);
        }
    }

    /** Digits after the decimal point in the major unit: 0 for JPY, 3 for KWD, 2 otherwise. */
    @JsonIgnore
    public int fractionDigits() {
        if (ZERO_DECIMAL_CURRENCIES.contains(currency)) {
            return 0;
        }
        if (THREE_DECIMAL_CURRENCIES.contains(currency)) {
            return 3;
        }
        return 2;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amountMinor, other.amountMinor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amountMinor, other.amountMinor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amountMinor), currency);
    }

    /** This amount {@code factor} times, e.g. a unit price times a quantity. */
    public Money times(long factor) {
        return new Money(Math.multiplyExact(amountMinor, factor), currency);
    }

    @JsonIgnore
    public boolean isZero() {
        return amountMinor == 0;
    }

    @JsonIgnore
    public boolean isNegative() {
        return amountMinor < 0;
    }

    @JsonIgnore
    public boolean isPositive() {
        return amountMinor > 0;
    }

    /**
     * {@code basisPoints} hundredths of a percent of this amount, rounded to a whole minor unit with {@code rounding}:
     * a commission of 1250 basis points (12.5%) on 1999 EUR cents is 249.875, i.e. 250 with {@code HALF_UP} or
     * {@code HALF_EVEN} and 249 with {@code DOWN}. Computed in exact integer arithmetic, so no intermediate value can
     * overflow or lose precision. {@link RoundingMode#UNNECESSARY} throws {@link ArithmeticException} when the result
     * is not whole, like {@link BigDecimal} does.
     *
     * @throws ArithmeticException if the result does not fit in a long or rounding is necessary but not allowed
     */
    public Money percentage(long basisPoints, RoundingMode rounding) {
        Objects.requireNonNull(rounding, "rounding");
        BigInteger product = BigInteger.valueOf(amountMinor).multiply(BigInteger.valueOf(basisPoints));
        return new Money(divide(product, BASIS_POINTS_PER_WHOLE, rounding).longValueExact(), currency);
    }

    /**
     * Splits this amount into parts proportional to {@code ratios} without creating or losing a minor unit: the parts
     * always sum to exactly this amount. Each part first gets the whole units of its exact share (rounded towards
     * zero); the units left over go one each to the parts with the largest remainders, earlier parts first on ties
     * (the largest remainder method). A part with ratio 0 always gets zero. Negative amounts split symmetrically.
     *
     * <p>Example: 100 split 1:1:1 gives 34, 33, 33.
     *
     * @param ratios one non-negative weight per part, at least one of them positive
     * @throws IllegalArgumentException if there are no ratios, a ratio is negative or all are zero
     */
    public List<Money> allocate(long... ratios) {
        Objects.requireNonNull(ratios, "ratios");
        if (ratios.length == 0) {
            throw new IllegalArgumentException("allocate needs at least one ratio");
        }
        BigInteger total = BigInteger.ZERO;
        for (long ratio : ratios) {
            if (ratio < 0) {
                throw new IllegalArgumentException("ratios must not be negative: " + Arrays.toString(ratios));
            }
            total = total.add(BigInteger.valueOf(ratio));
        }
        if (total.signum() == 0) {
            throw new IllegalArgumentException("at least one ratio must be positive: " + Arrays.toString(ratios));
        }
        // Work on the magnitude so that rounding towards zero treats refunds exactly like charges.
        BigInteger magnitude = BigInteger.valueOf(amountMinor).abs();
        long[] shares = new long[ratios.length];
        BigInteger[] remainders = new BigInteger[ratios.length];
        BigInteger allocated = BigInteger.ZERO;
        for (int i = 0; i < ratios.length; i++) {
            BigInteger[] quotientAndRemainder = magnitude.multiply(BigInteger.valueOf(ratios[i])).divideAndRemainder(total);
            shares[i] = quotientAndRemainder[0].longValueExact();
            remainders[i] = quotientAndRemainder[1];
            allocated = allocated.add(quotientAndRemainder[0]);
        }
        // Fewer units are left than there are parts with a non-zero remainder, so this loop always terminates.
        long leftover = magnitude.subtract(allocated).longValueExact();
        for (long unit = 0; unit < leftover; unit++) {
            int largest = -1;
            for (int i = 0; i < ratios.length; i++) {
                if (remainders[i].signum() > 0 && (largest < 0 || remainders[i].compareTo(remainders[largest]) > 0)) {
                    largest = i;
                }
            }
            shares[largest]++;
            remainders[largest] = BigInteger.ZERO;
        }
        List<Money> parts = new ArrayList<>(ratios.length);
        for (long share : shares) {
            parts.add(new Money(amountMinor < 0 ? -share : share, currency));
        }
        return List.copyOf(parts);
    }

    /**
     * The amount in major units as a plain decimal with exactly the currency's number of decimals, for CSV exports
     * and display: {@code "12.50"}, {@code "-0.05"}, {@code "1200"} (JPY), {@code "1.234"} (KWD). No grouping, no
     * currency symbol; {@link #parse(String, String)} reads it back.
     */
    public String toDecimalString() {
        return BigDecimal.valueOf(amountMinor, fractionDigits()).toPlainString();
    }

    /**
     * Orders amounts of the same currency by value.
     *
     * @throws IllegalArgumentException if the currencies differ, since there is no meaningful order between them
     */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(amountMinor, other.amountMinor);
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currency;
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " and " + other.currency);
        }
    }

    /** {@code dividend / divisor} rounded to an integer as {@code rounding} says; divisor must be positive. */
    static BigInteger divide(BigInteger dividend, BigInteger divisor, RoundingMode rounding) {
        BigInteger[] quotientAndRemainder = dividend.divideAndRemainder(divisor);
        BigInteger quotient = quotientAndRemainder[0];
        BigInteger remainder = quotientAndRemainder[1];
        if (remainder.signum() == 0) {
            return quotient;
        }
        // The exact result lies strictly between quotient and quotient + sign (the quotient is truncated towards zero).
        int sign = dividend.signum();
        int half = remainder.abs().shiftLeft(1).compareTo(divisor);
        boolean awayFromZero = switch (rounding) {
            case UP -> true;
            case DOWN -> false;
            case CEILING -> sign > 0;
            case FLOOR -> sign < 0;
            case HALF_UP -> half >= 0;
            case HALF_DOWN -> half > 0;
            case HALF_EVEN -> half > 0 || (half == 0 && quotient.testBit(0));
            case UNNECESSARY -> throw new ArithmeticException("rounding necessary for " + dividend + "/" + divisor);
        };
        return awayFromZero ? quotient.add(BigInteger.valueOf(sign)) : quotient;
    }
}
