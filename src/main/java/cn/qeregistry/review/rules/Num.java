package cn.qeregistry.review.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact rational number. Ratios such as R&D / revenue are compared with thresholds exactly
 * (3,000,000 / 100,000,000 is 3% and passes "≥ 3%"), which floats and rounded decimals cannot promise.
 */
public record Num(BigInteger numerator, BigInteger denominator) implements Comparable<Num> {

    public static final Num ZERO = new Num(BigInteger.ZERO, BigInteger.ONE);
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    public Num {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = gcd(numerator, denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    /**
     * BigInteger's gcd runs its general algorithm even for 1 or small values; review builds a Num for
     * every amount it reads (denominator 1 or 100), so whole numbers and long-sized pairs take a shortcut.
     */
    private static BigInteger gcd(BigInteger a, BigInteger b) {
        if (b.equals(BigInteger.ONE)) {
            return BigInteger.ONE;
        }
        if (a.bitLength() < 63 && b.bitLength() < 63) {
            long x = Math.abs(a.longValue());
            long y = b.longValue();
            while (y != 0) {
                long r = x % y;
                x = y;
                y = r;
            }
            return BigInteger.valueOf(x);
        }
        return a.gcd(b);
    }

    public static Num of(BigDecimal value) {
        return value.scale() <= 0
                ? new Num(value.toBigIntegerExact(), BigInteger.ONE)
                : new Num(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
    }

    public static Num of(long value) {
        return new Num(BigInteger.valueOf(value), BigInteger.ONE);
    }

    public Num plus(Num o) {
        return new Num(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)), denominator.multiply(o.denominator));
    }

    public Num minus(Num o) {
        return plus(o.negate());
    }

    public Num times(Num o) {
        return new Num(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
    }

    public Num dividedBy(Num o) {
        return new Num(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
    }

    public Num negate() {
        return new Num(numerator.negate(), denominator);
    }

    public int signum() {
        return numerator.signum();
    }

    public long longValue() {
        return numerator.divide(denominator).longValueExact();
    }

    @Override
    public int compareTo(Num o) {
        return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
    }

    /** The exact decimal when it has at most 4 decimals, else rounded to 4 decimals (HALF_UP), trailing zeros stripped only when exact. */
    public BigDecimal decimal() {
        if (TEN_THOUSAND.mod(denominator).signum() == 0) {
            // denominator divides 10^4 (2^a·5^b, a, b ≤ 4): the exact quotient has at most 4 decimals
            return new BigDecimal(numerator.multiply(TEN_THOUSAND.divide(denominator)), 4).stripTrailingZeros();
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 4, RoundingMode.HALF_UP);
    }

    /** {@link #decimal()} as plain text without grouping: "3120000", "0.0313" (the lineage's value). */
    public String plain() {
        return denominator.equals(BigInteger.ONE) ? numerator.toString() : decimal().toPlainString();
    }

    /**
     * Readable text: money with thousands separators ("3,120,000"), ratios as decimals ("0.0312"); from
     * 1,000 up without trailing zeros in the decimals (what {@code DecimalFormat("#,##0.####")} wrote).
     */
    @Override
    public String toString() {
        String plain = plain();
        int sign = plain.charAt(0) == '-' ? 1 : 0;
        int point = plain.indexOf('.');
        int integerEnd = point < 0 ? plain.length() : point;
        if (integerEnd - sign < 4) {
            return plain;
        }
        StringBuilder grouped = new StringBuilder(plain.length() + plain.length() / 3);
        grouped.append(plain, 0, sign);
        for (int i = sign; i < integerEnd; i++) {
            if (i > sign && (integerEnd - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(plain.charAt(i));
        }
        if (point >= 0) {
            int end = plain.length();
            while (plain.charAt(end - 1) == '0') {
                end--;
            }
            if (end > point + 1) {
                grouped.append(plain, point, end);
            }
        }
        return grouped.toString();
    }
}
