package cn.qeregistry.review.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * An exact rational number. Ratios such as R&D / revenue are compared with thresholds exactly
 * (3,000,000 / 100,000,000 is 3% and passes "≥ 3%"), which floats and rounded decimals cannot promise.
 */
public record Num(BigInteger numerator, BigInteger denominator) implements Comparable<Num> {

    public static final Num ZERO = new Num(BigInteger.ZERO, BigInteger.ONE);

    public Num {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
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

    /** The exact decimal when it has at most {@code maxScale} decimals, else rounded to 4 decimals. */
    public BigDecimal decimal() {
        BigDecimal n = new BigDecimal(numerator);
        BigDecimal d = new BigDecimal(denominator);
        try {
            BigDecimal exact = n.divide(d);
            return exact.scale() <= 4 ? exact.stripTrailingZeros() : n.divide(d, 4, RoundingMode.HALF_UP);
        } catch (ArithmeticException nonTerminating) {
            return n.divide(d, 4, RoundingMode.HALF_UP);
        }
    }

    /** Readable text: money with thousands separators ("3,120,000"), ratios as decimals ("0.0312"). */
    @Override
    public String toString() {
        BigDecimal value = decimal();
        if (value.abs().compareTo(BigDecimal.valueOf(1000)) < 0) {
            return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
        }
        DecimalFormat grouped = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return grouped.format(value);
    }
}
