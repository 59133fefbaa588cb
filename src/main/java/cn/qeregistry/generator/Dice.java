package cn.qeregistry.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/** A seeded random source with the few draws the generator needs; one per firm and purpose. */
final class Dice {

    private final SplittableRandom random;

    Dice(long seed, long index, int purpose) {
        this.random = new SplittableRandom(mix(mix(seed) ^ (index * 0x9E3779B97F4A7C15L + purpose)));
    }

    /** Stafford variant 13 of the SplitMix64 finaliser: neighbouring indices give unrelated streams. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    int between(int from, int toInclusive) {
        return random.nextInt(from, toInclusive + 1);
    }

    long between(long from, long toInclusive) {
        return random.nextLong(from, toInclusive + 1);
    }

    double uniform(double from, double to) {
        return from + random.nextDouble() * (to - from);
    }

    double unit() {
        return random.nextDouble();
    }

    /** log-uniform in [from, to): many small firms, few large ones. */
    double logUniform(double from, double to) {
        return Math.exp(uniform(Math.log(from), Math.log(to)));
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    <T> T pick(java.util.List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A decimal from {@code options} exactly, e.g. "0.03". */
    BigDecimal pickDecimal(String... options) {
        return new BigDecimal(options[random.nextInt(options.length)]);
    }

    /** Uniform decimal in [from, to) with {@code scale} places. */
    BigDecimal decimal(double from, double to, int scale) {
        return BigDecimal.valueOf(uniform(from, to)).setScale(scale, RoundingMode.HALF_UP);
    }

    /** Index drawn with the given relative weights. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
