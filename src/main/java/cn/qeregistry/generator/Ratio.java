package cn.qeregistry.generator;

import java.math.BigDecimal;

/**
 * An exact quotient num/den with den &gt; 0, compared with a decimal threshold by cross-multiplying,
 * so that 0.03 is 0.03 and an average of two growth rates is never rounded.
 */
record Ratio(BigDecimal num, BigDecimal den) {

    /** num/den, or null when either is unknown or den is not positive (no meaningful ratio). */
    static Ratio of(BigDecimal num, BigDecimal den) {
        if (num == null || den == null || den.signum() <= 0) {
            return null;
        }
        return new Ratio(num, den);
    }

    /** Growth (cur - prev) / prev, or null when unknown. */
    static Ratio growth(BigDecimal current, BigDecimal previous) {
        if (current == null || previous == null) {
            return null;
        }
        return of(current.subtract(previous), previous);
    }

    /** The mean of two ratios: (a/b + c/d) / 2 = (a·d + c·b) / (2·b·d). */
    static Ratio mean(Ratio a, Ratio b) {
        if (a == null || b == null) {
            return null;
        }
        return new Ratio(a.num.multiply(b.den).add(b.num.multiply(a.den)), a.den.multiply(b.den).multiply(BigDecimal.valueOf(2)));
    }

    boolean atLeast(BigDecimal threshold) {
        return num.compareTo(threshold.multiply(den)) >= 0;
    }

    boolean atMost(BigDecimal threshold) {
        return num.compareTo(threshold.multiply(den)) <= 0;
    }
}
