package cn.qeregistry.review.rules;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A Num is kept in lowest terms with a positive denominator, whether its parts fit a long or not. */
class NumReductionTest {

    @Test
    void fractionsAreInLowestTermsWithAPositiveDenominator() {
        Random random = new Random(20261127);
        for (int i = 0; i < 100_000; i++) {
            BigInteger numerator = switch (i % 4) {
                case 0 -> BigInteger.valueOf(random.nextInt(2001) - 1000);
                case 1 -> BigInteger.valueOf(random.nextLong() % 1_000_000_000_000L);
                case 2 -> BigInteger.valueOf(random.nextLong() >> 1);
                default -> new BigInteger(100, random).subtract(BigInteger.ONE.shiftLeft(99));
            };
            BigInteger denominator = switch (i % 3) {
                case 0 -> BigInteger.valueOf(random.nextInt(10_000) + 1);
                case 1 -> BigInteger.valueOf(-(random.nextLong() >>> 2) - 1);
                default -> new BigInteger(80, random).add(BigInteger.ONE);
            };
            Num n = new Num(numerator, denominator);
            BigInteger gcd = numerator.gcd(denominator);
            BigInteger sign = BigInteger.valueOf(denominator.signum());
            assertThat(n.numerator()).as("%s / %s", numerator, denominator).isEqualTo(numerator.divide(gcd).multiply(sign));
            assertThat(n.denominator()).as("%s / %s", numerator, denominator).isEqualTo(denominator.divide(gcd).abs());
        }
    }

    @Test
    void zeroOverAnythingIsZeroOverOne() {
        assertThat(new Num(BigInteger.ZERO, BigInteger.valueOf(-250))).isEqualTo(Num.ZERO);
        assertThat(new Num(BigInteger.ZERO, BigInteger.valueOf(100))).isEqualTo(Num.ZERO);
    }
}
