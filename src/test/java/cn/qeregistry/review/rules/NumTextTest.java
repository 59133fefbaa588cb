package cn.qeregistry.review.rules;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Num's texts (observed values, thresholds and the lineage's values) are exactly what the BigDecimal and
 * DecimalFormat implementation they replace produced, for money, ratios, exact and rounded decimals,
 * negatives, zero and huge values.
 */
class NumTextTest {

    @Test
    void textsAreThoseOfTheDecimalFormatImplementation() {
        Random random = new Random(20261126);
        long[] denominators = {1, 2, 3, 4, 5, 7, 8, 10, 16, 20, 25, 32, 40, 64, 100, 125, 160, 625, 1000, 3125, 10_000, 20_000,
                100_000, 1_000_000, 99_999_999};
        int checked = 0;
        for (int i = 0; i < 200_000; i++) {
            BigInteger numerator = switch (i % 4) {
                case 0 -> BigInteger.valueOf(random.nextInt(2001) - 1000);
                case 1 -> BigInteger.valueOf(random.nextLong() % 10_000_000_000L);
                case 2 -> BigInteger.valueOf(random.nextInt(100_000_000) - 50_000_000).multiply(BigInteger.valueOf(100));
                default -> new BigInteger(90, random).subtract(BigInteger.ONE.shiftLeft(89));
            };
            BigInteger denominator = i % 7 == 0 ? new BigInteger(40, random).add(BigInteger.ONE)
                    : BigInteger.valueOf(denominators[random.nextInt(denominators.length)]);
            Num n = new Num(numerator, denominator);
            assertThat(n.toString()).as("%s / %s", numerator, denominator).isEqualTo(referenceText(n));
            assertThat(n.plain()).as("%s / %s", numerator, denominator).isEqualTo(referenceDecimal(n).toPlainString());
            assertThat(n.decimal()).as("%s / %s", numerator, denominator).isEqualTo(referenceDecimal(n));
            checked++;
        }
        for (String edge : new String[] {"0", "999.99995", "999.9999", "-999.99995", "1000", "-1000", "0.00004", "-0.00005",
                "0.00005", "123456789012345.67", "1E+3", "-0.5", "1000.00001", "999999.99999"}) {
            Num n = Num.of(new BigDecimal(edge));
            assertThat(n.toString()).as(edge).isEqualTo(referenceText(n));
            assertThat(n.plain()).as(edge).isEqualTo(referenceDecimal(n).toPlainString());
        }
        assertThat(checked).isEqualTo(200_000);
        assertThat(Num.of(new BigDecimal("3120000.00")).toString()).isEqualTo("3,120,000");
        assertThat(new Num(BigInteger.valueOf(312), BigInteger.valueOf(10_000)).toString()).isEqualTo("0.0312");
        assertThat(new Num(BigInteger.ONE, BigInteger.valueOf(100_000)).toString()).isEqualTo("0.0000");
    }

    /** The implementation before: exact when at most 4 decimals, else HALF_UP to 4; grouped by DecimalFormat from 1,000 up. */
    private static BigDecimal referenceDecimal(Num num) {
        BigDecimal n = new BigDecimal(num.numerator());
        BigDecimal d = new BigDecimal(num.denominator());
        try {
            BigDecimal exact = n.divide(d);
            return exact.scale() <= 4 ? exact.stripTrailingZeros() : n.divide(d, 4, RoundingMode.HALF_UP);
        } catch (ArithmeticException nonTerminating) {
            return n.divide(d, 4, RoundingMode.HALF_UP);
        }
    }

    private static String referenceText(Num num) {
        BigDecimal value = referenceDecimal(num);
        if (value.abs().compareTo(BigDecimal.valueOf(1000)) < 0) {
            return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
        }
        return new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
