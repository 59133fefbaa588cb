package cn.qeregistry.generator;

import cn.qeregistry.core.Tier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * Three fiscal years (index 0 = Y-2) of one firm's books in 元, as the tax office knows them; null =
 * blank. Values are plausible for the firm's tier and, for a holder with an {@link Edge}, exactly on or
 * next to a threshold (then amounts are whole 万元 so ratios like 3% come out exact). All amounts are
 * multiples of 100 元, so 万元 never needs more than two decimals.
 */
final class Books {

    private static final String[] GRADES = {"A", "B", "M", "C", "D"};
    private static final double[] GRADE_WEIGHTS = {40, 33, 15, 7, 5};

    final Long[] revenue = new Long[3];
    final Long[] main = new Long[3];
    final Long[] rd = new Long[3];
    final Long[] assets = new Long[3];
    final Long[] liabilities = new Long[3];
    final Long[] taxPaid = new Long[3];
    final String[] grade = new String[3];
    /** Whether the tax office has the year at all (not before the firm was established). */
    final boolean[] present = new boolean[3];

    private Books() {
    }

    /** Revenue range (元) by tier: entry tiers small, champions and chain leaders large. */
    private static double[] revenueRange(Tier tier) {
        if (tier == null) {
            return new double[] {500_000, 500_000_000};
        }
        return switch (tier) {
            case INNOVATIVE_SME -> new double[] {2_000_000, 200_000_000};
            case SRDI_SME -> new double[] {3_000_000, 300_000_000};
            case LITTLE_GIANT -> new double[] {25_000_000, 1_500_000_000};
            case SINGLE_CHAMPION -> new double[] {150_000_000, 5_000_000_000.0};
            case CHAIN_LEADER -> new double[] {1_000_000_000, 50_000_000_000.0};
        };
    }

    /** Draws the books of a firm of {@code tier} (null: no tier) established on {@code established}. */
    static Books draw(Dice v, Tier tier, Edge edge, LocalDate established, int lastYear) {
        Books b = new Books();
        boolean exact = edge == Edge.REVENUE || edge == Edge.RD || edge == Edge.SHARE || edge == Edge.DEBT;
        long grain = exact ? 10_000 : 100;
        double[] range = revenueRange(tier);
        long revenueY;
        if (edge == Edge.REVENUE) {
            revenueY = v.pick(10_000_000L, 50_000_000L, 100_000_000L, 400_000_000L) - (v.chance(0.4) ? 10_000L : 0L);
        } else if (edge == Edge.FINANCED) {
            revenueY = round(v.uniform(2_000_000, 9_990_000), grain);
        } else if (edge == Edge.SMALL_INNOVATOR) {
            revenueY = round(v.uniform(20_000_000, 49_900_000), grain);
        } else {
            revenueY = round(v.logUniform(range[0], range[1]), grain);
        }
        b.revenue[2] = revenueY;
        b.revenue[1] = round(revenueY / v.uniform(0.85, 1.45), grain);
        b.revenue[0] = round(b.revenue[1] / v.uniform(0.85, 1.45), grain);

        for (int t = 0; t < 3; t++) {
            if (edge == Edge.SHARE && t == 2) {
                b.main[t] = exactTimes(b.revenue[t], v.pickDecimal("0.50", "0.55", "0.60", "0.70", "0.69"));
            } else {
                b.main[t] = Math.min(b.revenue[t], round(b.revenue[t] * v.uniform(0.45, 1.0), 100));
            }
        }
        if (edge == Edge.GROWTH) {
            // (growth of Y, growth of Y-1): averages exactly on 0, 0.05, 0.10, 0.15, or just below 0.05
            String[][] pairs = {{"0.04", "0.06"}, {"0.03", "0.07"}, {"0.12", "0.08"}, {"0.10", "0.20"}, {"-0.03", "0.03"},
                    {"0.05", "0.04"}, {"0.15", "0.14"}, {"-0.10", "0.02"}};
            String[] pair = v.pick(pairs);
            long base = 1_000_000L * v.between(3, 400);
            b.main[0] = base;
            b.main[1] = exactTimes(base, BigDecimal.ONE.add(new BigDecimal(pair[1])));
            b.main[2] = exactTimes(b.main[1], BigDecimal.ONE.add(new BigDecimal(pair[0])));
            for (int t = 0; t < 3; t++) {
                b.revenue[t] = Math.max(b.main[t], round(b.main[t] / v.uniform(0.55, 1.0), 100));
            }
        }
        for (int t = 0; t < 3; t++) {
            if (edge == Edge.RD && t >= 1) {
                b.rd[t] = exactTimes(b.revenue[t], v.pickDecimal("0.01", "0.02", "0.03", "0.05", "0.06", "0.0299"));
            } else {
                b.rd[t] = round(b.revenue[t] * v.uniform(0.002, 0.09), 100);
            }
        }
        if (edge == Edge.SMALL_INNOVATOR) {
            b.rd[2] = 15_000_000L;
            b.rd[1] = 15_000_000L - (v.chance(0.35) ? 10_000L : 0L);
            b.revenue[1] = Math.max(b.revenue[1], 20_000_000L);
        }
        for (int t = 0; t < 3; t++) {
            b.assets[t] = round(b.revenue[t] * v.uniform(0.6, 2.5), exact ? 10_000 : 100);
            b.liabilities[t] = edge == Edge.DEBT && t == 2
                    ? exactTimes(b.assets[t], v.pickDecimal("0.55", "0.70", "0.75", "0.7001"))
                    : round(b.assets[t] * v.uniform(0.15, 0.95), 100);
            b.taxPaid[t] = round(b.revenue[t] * v.uniform(0.01, 0.07), 100);
            b.grade[t] = GRADES[v.weighted(GRADE_WEIGHTS)];
            b.present[t] = lastYear - 2 + t >= established.getYear();
        }
        return b;
    }

    private static long round(double yuan, long grain) {
        return Math.max(grain, Math.round(yuan / grain) * grain);
    }

    private static long exactTimes(long yuan, BigDecimal factor) {
        return BigDecimal.valueOf(yuan).multiply(factor).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
