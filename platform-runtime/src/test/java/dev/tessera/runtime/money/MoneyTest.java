package dev.tessera.runtime.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Nested
    class Construction {

        @Test
        void normalisesStripesLowerCaseCurrency() {
            assertThat(new Money(1250, "eur")).isEqualTo(Money.of(1250, "EUR"));
            assertThat(Money.of(1, "usd").currency()).isEqualTo("USD");
        }

        @ParameterizedTest
        @ValueSource(strings = { "", "EU", "EURO", "E1R", "XYZ", "€" })
        void rejectsWhatIsNotAnIsoCode(String currency) {
            assertThatThrownBy(() -> Money.of(1, currency)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectsNullCurrency() {
            assertThatThrownBy(() -> Money.of(1, null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void zeroIsZero() {
            assertThat(Money.zero("EUR").isZero()).isTrue();
            assertThat(Money.zero("EUR").isNegative()).isFalse();
            assertThat(Money.zero("EUR").isPositive()).isFalse();
            assertThat(Money.of(-1, "EUR").isNegative()).isTrue();
            assertThat(Money.of(1, "EUR").isPositive()).isTrue();
        }
    }

    @Nested
    class FractionDigits {

        @ParameterizedTest
        @ValueSource(strings = { "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND",
                "VUV", "XAF", "XOF", "XPF" })
        void zeroDecimalCurrencies(String currency) {
            assertThat(Money.zero(currency).fractionDigits()).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = { "BHD", "JOD", "KWD", "OMR", "TND" })
        void threeDecimalCurrencies(String currency) {
            assertThat(Money.zero(currency).fractionDigits()).isEqualTo(3);
        }

        @ParameterizedTest
        @ValueSource(strings = { "EUR", "USD", "GBP", "CHF", "ISK", "HUF", "TWD" })
        void everythingElseHasTwoLikeStripe(String currency) {
            // ISK, HUF and TWD are zero- or two-decimal in ISO 4217 data but two-decimal in Stripe's API.
            assertThat(Money.zero(currency).fractionDigits()).isEqualTo(2);
        }
    }

    @Nested
    class Arithmetic {

        @Test
        void addsSubtractsAndNegates() {
            Money a = Money.of(1250, "EUR");
            Money b = Money.of(-300, "EUR");
            assertThat(a.plus(b)).isEqualTo(Money.of(950, "EUR"));
            assertThat(a.minus(b)).isEqualTo(Money.of(1550, "EUR"));
            assertThat(a.negate()).isEqualTo(Money.of(-1250, "EUR"));
            assertThat(a.times(3)).isEqualTo(Money.of(3750, "EUR"));
        }

        @Test
        void mixingCurrenciesThrows() {
            Money eur = Money.of(1, "EUR");
            Money usd = Money.of(1, "USD");
            assertThatThrownBy(() -> eur.plus(usd)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("EUR").hasMessageContaining("USD");
            assertThatThrownBy(() -> eur.minus(usd)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> eur.compareTo(usd)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void overflowThrowsInsteadOfWrapping() {
            Money max = Money.of(Long.MAX_VALUE, "EUR");
            Money min = Money.of(Long.MIN_VALUE, "EUR");
            assertThatThrownBy(() -> max.plus(Money.of(1, "EUR"))).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> min.minus(Money.of(1, "EUR"))).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(min::negate).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> max.times(2)).isInstanceOf(ArithmeticException.class);
        }

        @Test
        void comparesWithinACurrency() {
            assertThat(Money.of(2, "EUR").isGreaterThan(Money.of(1, "EUR"))).isTrue();
            assertThat(Money.of(1, "EUR").isLessThan(Money.of(2, "EUR"))).isTrue();
            assertThat(Money.of(2, "EUR").compareTo(Money.of(2, "eur"))).isZero();
        }
    }

    @Nested
    class Percentage {

        @ParameterizedTest(name = "{2} bp of {0} {1} rounded {3} = {4}")
        @CsvSource({
                "10000, EUR, 1250, HALF_UP, 1250",
                "1999, EUR, 1250, HALF_UP, 250",     // 249.875
                "1999, EUR, 1250, HALF_EVEN, 250",
                "1999, EUR, 1250, DOWN, 249",
                "1999, EUR, 1250, FLOOR, 249",
                "1999, EUR, 1250, CEILING, 250",
                "1999, EUR, 1250, UP, 250",
                "1000, JPY, 1250, HALF_UP, 125",
                "1004, JPY, 1250, HALF_UP, 126",     // 125.5
                "1004, JPY, 1250, HALF_DOWN, 125",
                "1004, JPY, 1250, HALF_EVEN, 126",   // 125.5 -> even 126
                "1012, JPY, 1250, HALF_EVEN, 126",   // 126.5 -> even 126
                "-1999, EUR, 1250, HALF_UP, -250",   // refunds round symmetrically
                "-1999, EUR, 1250, FLOOR, -250",
                "-1999, EUR, 1250, CEILING, -249",
                "-1999, EUR, 1250, DOWN, -249",
                "0, EUR, 1250, UP, 0",
                "12345, EUR, 0, UP, 0",
                "12345, EUR, 10000, UNNECESSARY, 12345",
                "1, EUR, 1, DOWN, 0",
                "1, EUR, 1, UP, 1",
        })
        void computesBasisPoints(long amount, String currency, long basisPoints, RoundingMode mode, long expected) {
            assertThat(Money.of(amount, currency).percentage(basisPoints, mode)).isEqualTo(Money.of(expected, currency));
        }

        @Test
        void unnecessaryRoundingThrowsWhenInexact() {
            assertThatThrownBy(() -> Money.of(1999, "EUR").percentage(1250, RoundingMode.UNNECESSARY))
                    .isInstanceOf(ArithmeticException.class);
        }

        @Test
        void intermediateProductCannotOverflow() {
            // Long.MAX_VALUE * 5000 overflows a long; the exact result (half of MAX_VALUE) does not.
            Money huge = Money.of(Long.MAX_VALUE, "EUR");
            assertThat(huge.percentage(5000, RoundingMode.DOWN).amountMinor()).isEqualTo(Long.MAX_VALUE / 2);
        }

        @Test
        void resultOverflowThrows() {
            assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "EUR").percentage(20_000, RoundingMode.DOWN))
                    .isInstanceOf(ArithmeticException.class);
        }

        @ParameterizedTest
        @EnumSource(value = RoundingMode.class, mode = EnumSource.Mode.EXCLUDE, names = "UNNECESSARY")
        void agreesWithBigDecimalOnRandomInputs(RoundingMode mode) {
            Random random = new Random(42);
            for (int i = 0; i < 20_000; i++) {
                long amount = random.nextInt(3) == 0 ? random.nextLong() / 10_000 : random.nextInt(2_000_001) - 1_000_000;
                long basisPoints = random.nextInt(30_001) - 10_000;
                long expected = new BigDecimal(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(basisPoints)))
                        .divide(BigDecimal.valueOf(10_000), 0, mode).longValueExact();
                assertThat(Money.of(amount, "EUR").percentage(basisPoints, mode).amountMinor())
                        .as("%d bp of %d, %s", basisPoints, amount, mode).isEqualTo(expected);
            }
        }
    }

    @Nested
    class Allocate {

        @Test
        void givesLeftoverUnitsToLargestRemaindersEarliestFirst() {
            assertThat(amounts(Money.of(100, "EUR").allocate(1, 1, 1))).containsExactly(34L, 33L, 33L);
            assertThat(amounts(Money.of(5, "EUR").allocate(3, 7))).containsExactly(2L, 3L); // 1.5 and 3.5
            assertThat(amounts(Money.of(10, "EUR").allocate(1, 2, 2))).containsExactly(2L, 4L, 4L);
            assertThat(amounts(Money.of(1, "EUR").allocate(1, 1, 1))).containsExactly(1L, 0L, 0L);
        }

        @Test
        void splitsACommissionExactly() {
            // 12.5% platform / 87.5% seller of 19.99
            assertThat(amounts(Money.of(1999, "EUR").allocate(1250, 8750))).containsExactly(250L, 1749L);
        }

        @Test
        void zeroRatioGetsNothing() {
            assertThat(amounts(Money.of(101, "EUR").allocate(0, 1, 0, 1))).containsExactly(0L, 51L, 0L, 50L);
        }

        @Test
        void negativeAmountsSplitSymmetrically() {
            assertThat(amounts(Money.of(-100, "EUR").allocate(1, 1, 1))).containsExactly(-34L, -33L, -33L);
        }

        @Test
        void keepsCurrency() {
            assertThat(Money.of(1000, "JPY").allocate(1, 1)).allSatisfy(m -> assertThat(m.currency()).isEqualTo("JPY"));
        }

        @Test
        void handlesExtremeAmountsAndRatios() {
            List<Money> parts = Money.of(Long.MAX_VALUE, "EUR").allocate(Long.MAX_VALUE, Long.MAX_VALUE, 1);
            assertThat(parts.stream().map(Money::amountMinor).map(BigInteger::valueOf).reduce(BigInteger.ZERO,
                    BigInteger::add)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
            List<Money> negative = Money.of(Long.MIN_VALUE, "EUR").allocate(1, 2);
            assertThat(negative.get(0).plus(negative.get(1))).isEqualTo(Money.of(Long.MIN_VALUE, "EUR"));
        }

        @Test
        void partsAlwaysSumExactlyOnRandomInputs() {
            Random random = new Random(7);
            for (int i = 0; i < 5_000; i++) {
                long amount = random.nextInt(2) == 0 ? random.nextLong() : random.nextInt(10_001) - 5_000;
                long[] ratios = new long[1 + random.nextInt(7)];
                for (int r = 0; r < ratios.length; r++) {
                    ratios[r] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(10_000);
                }
                if (java.util.Arrays.stream(ratios).allMatch(r -> r == 0)) {
                    ratios[0] = 1;
                }
                List<Money> parts = Money.of(amount, "EUR").allocate(ratios);
                long sum = parts.stream().mapToLong(Money::amountMinor).reduce(0, Math::addExact);
                assertThat(sum).isEqualTo(amount);
                for (int r = 0; r < ratios.length; r++) {
                    if (ratios[r] == 0) {
                        assertThat(parts.get(r).amountMinor()).isZero();
                    }
                    // No part is more than one unit away from its exact share.
                    BigDecimal exact = new BigDecimal(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(ratios[r])))
                            .divide(new BigDecimal(java.util.Arrays.stream(ratios).sum()), 10, RoundingMode.HALF_EVEN);
                    assertThat(exact.subtract(BigDecimal.valueOf(parts.get(r).amountMinor())).abs())
                            .isLessThan(BigDecimal.ONE);
                }
            }
        }

        @Test
        void rejectsBadRatios() {
            Money money = Money.of(100, "EUR");
            assertThatThrownBy(() -> money.allocate()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> money.allocate(0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> money.allocate(1, -1)).isInstanceOf(IllegalArgumentException.class);
        }

        private List<Long> amounts(List<Money> parts) {
            return parts.stream().map(Money::amountMinor).toList();
        }
    }

    @Nested
    class DecimalText {

        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource({
                "1250, EUR, 12.50",
                "5, EUR, 0.05",
                "-5, EUR, -0.05",
                "0, EUR, 0.00",
                "1200, JPY, 1200",
                "-1200, JPY, -1200",
                "1234, KWD, 1.234",
                "5, KWD, 0.005",
                "9223372036854775807, EUR, 92233720368547758.07",
                "-9223372036854775808, EUR, -92233720368547758.08",
        })
        void formatsAndParsesBack(long amount, String currency, String text) {
            Money money = Money.of(amount, currency);
            assertThat(money.toDecimalString()).isEqualTo(text);
            assertThat(Money.parse(text, currency)).isEqualTo(money);
        }

        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource({
                "12.5, EUR, 1250",
                "12, EUR, 1200",
                "12.500, EUR, 1250",
                "-0.00, EUR, 0",
                "1200.0, JPY, 1200",
                "007, JPY, 7",
        })
        void parsesExactValuesWithOtherPrecision(String text, String currency, long expected) {
            assertThat(Money.parse(text, currency)).isEqualTo(Money.of(expected, currency));
        }

        @ParameterizedTest
        @ValueSource(strings = { "12.505", "0.001", "", " 12.50", "12.50 ", "+12.50", "1e3", "1,200.00", "12.", ".5",
                "abc", "--1", "92233720368547758.08" })
        void rejectsAnythingElse(String text) {
            assertThatThrownBy(() -> Money.parse(text, "EUR")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectsFractionsOfAYen() {
            assertThatThrownBy(() -> Money.parse("1200.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void toStringIsReadable() {
            assertThat(Money.of(1250, "EUR")).hasToString("12.50 EUR");
        }
    }

    @Nested
    class Json {

        private final ObjectMapper mapper = new ObjectMapper();

        @Test
        void serialisesAsAmountMinorAndCurrencyOnly() throws Exception {
            assertThat(mapper.writeValueAsString(Money.of(1250, "eur")))
                    .isEqualTo("{\"amountMinor\":1250,\"currency\":\"EUR\"}");
        }

        @Test
        void deserialises() throws Exception {
            assertThat(mapper.readValue("{\"amountMinor\":1200,\"currency\":\"JPY\"}", Money.class))
                    .isEqualTo(Money.of(1200, "JPY"));
        }

        @Test
        void invalidCurrencyIsRejectedOnRead() {
            assertThatThrownBy(() -> mapper.readValue("{\"amountMinor\":1,\"currency\":\"XXQ\"}", Money.class))
                    .isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class);
        }
    }
}
