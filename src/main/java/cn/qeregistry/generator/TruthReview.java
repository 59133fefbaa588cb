package cn.qeregistry.generator;

import cn.qeregistry.core.Level;
import cn.qeregistry.core.Tier;
import cn.qeregistry.generator.ReviewFacts.ScienceFacts;
import cn.qeregistry.generator.ReviewFacts.YearFacts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The generator's own, independent re-review of a tier holder (rule set {@code miit-2022},
 * CONTRACTS.md "Re-review semantics"). It is the oracle the review engine is compared against, so
 * it is deliberately written from the rules text and shares no code with the engine: exact
 * decimals, inclusive thresholds, DATA_GAP for every missing input except where an either-or rule
 * passes on its other branch.
 */
public final class TruthReview {

    public static final Set<String> ACTIVE_STATUSES = Set.of("存续", "在业", "在营", "开业", "在册");
    static final Set<String> STRATEGIC_DIVISIONS = Set.of("C27", "C35", "C37", "C38", "C39", "C40");
    static final LocalDate REVENUE_MIN_REVIEW_FROM = LocalDate.of(2025, 1, 1);

    private static final BigDecimal MILLION = new BigDecimal("1000000");
    private static final BigDecimal P03 = new BigDecimal("0.03");
    private static final BigDecimal P05 = new BigDecimal("0.05");
    private static final BigDecimal P06 = new BigDecimal("0.06");
    private static final BigDecimal P60 = new BigDecimal("0.60");
    private static final BigDecimal P70 = new BigDecimal("0.70");

    /** One rule's outcome for one holding. */
    public record Verdict(Tier tier, Level level, String ruleId, Outcome outcome) {
    }

    private final ReviewFacts facts;
    private final LocalDate date;
    private final int lastYear;

    private TruthReview(ReviewFacts facts, LocalDate date) {
        this.facts = facts;
        this.date = date;
        this.lastYear = date.getYear() - 1;
    }

    /** Every applicable rule of every holding of the firm, on review date {@code date}. */
    public static List<Verdict> review(ReviewFacts facts, LocalDate date) {
        TruthReview review = new TruthReview(facts, date);
        List<Verdict> verdicts = new ArrayList<>();
        for (Holding holding : facts.holdings()) {
            review.reviewHolding(holding, verdicts);
        }
        return verdicts;
    }

    private void reviewHolding(Holding h, List<Verdict> out) {
        add(out, h, "common.registration_active", registrationActive());
        add(out, h, "common.not_serious_dishonest", notFlagged(facts.dishonest()));
        add(out, h, "common.not_abnormal_operations", notFlagged(facts.abnormal()));
        add(out, h, "common.tax_credit", taxCredit());
        add(out, h, "common.certificate_valid", certificateValid(h.validUntil()));
        switch (h.tier()) {
            case SRDI_SME -> {
                add(out, h, "srdi.years_in_niche", yearsAtLeast(2));
                add(out, h, "srdi.rd_expense_min", atLeast(rd(lastYear), MILLION));
                add(out, h, "srdi.rd_ratio_min", ratioAtLeast(rdRatio(lastYear), P03));
                add(out, h, "srdi.revenue_or_financing", revenueOrFinancing());
            }
            case LITTLE_GIANT -> {
                add(out, h, "lg.years_in_niche", yearsAtLeast(3));
                add(out, h, "lg.main_business_share", ratioAtLeast(mainShare(), P70));
                add(out, h, "lg.main_business_growth", growthWarn());
                add(out, h, "lg.debt_ratio_max", debtAtMost(P70));
                add(out, h, "lg.rd_intensity", rdIntensity());
                add(out, h, "lg.class1_ip_min", classOneIpAtLeast(2));
                if (!date.isBefore(REVENUE_MIN_REVIEW_FROM)) {
                    add(out, h, "lg.revenue_min_review", atLeast(revenue(lastYear), new BigDecimal("50000000")));
                }
            }
            case SINGLE_CHAMPION -> {
                boolean national = h.level() == Level.NATIONAL;
                add(out, h, "champion.years_in_field", yearsAtLeast(national ? 10 : 3));
                add(out, h, "champion.main_business_share", ratioAtLeast(mainShare(), national ? P70 : P60));
                add(out, h, "champion.small_needs_little_giant", smallNeedsLittleGiant());
            }
            case INNOVATIVE_SME -> add(out, h, "innovative.score_min", innovativeScore());
            case CHAIN_LEADER -> {
                // basic eligibility only until the office publishes thresholds
            }
        }
    }

    private static void add(List<Verdict> out, Holding h, String rule, Outcome outcome) {
        out.add(new Verdict(h.tier(), h.level(), rule, outcome));
    }

    private Outcome registrationActive() {
        String status = facts.registrationStatus();
        if (status == null) {
            return Outcome.DATA_GAP;
        }
        return ACTIVE_STATUSES.contains(status) ? Outcome.PASS : Outcome.FAIL;
    }

    private static Outcome notFlagged(Boolean flagged) {
        if (flagged == null) {
            return Outcome.DATA_GAP;
        }
        return flagged ? Outcome.FAIL : Outcome.PASS;
    }

    private Outcome taxCredit() {
        String grade = field(lastYear, YearFacts::creditGrade);
        if (grade == null) {
            return Outcome.DATA_GAP;
        }
        return switch (grade) {
            case "D" -> Outcome.FAIL;
            case "C" -> Outcome.WARN;
            default -> Outcome.PASS;
        };
    }

    private Outcome certificateValid(LocalDate validUntil) {
        if (validUntil == null) {
            return Outcome.DATA_GAP;
        }
        if (validUntil.isBefore(date)) {
            return Outcome.FAIL;
        }
        return validUntil.isAfter(date.plusDays(90)) ? Outcome.PASS : Outcome.WARN;
    }

    private Outcome yearsAtLeast(int years) {
        if (facts.establishedOn() == null) {
            return Outcome.DATA_GAP;
        }
        return Period.between(facts.establishedOn(), date).getYears() >= years ? Outcome.PASS : Outcome.FAIL;
    }

    private static Outcome atLeast(BigDecimal value, BigDecimal threshold) {
        if (value == null) {
            return Outcome.DATA_GAP;
        }
        return value.compareTo(threshold) >= 0 ? Outcome.PASS : Outcome.FAIL;
    }

    private static Outcome ratioAtLeast(Ratio ratio, BigDecimal threshold) {
        if (ratio == null) {
            return Outcome.DATA_GAP;
        }
        return ratio.atLeast(threshold) ? Outcome.PASS : Outcome.FAIL;
    }

    private Outcome debtAtMost(BigDecimal threshold) {
        Ratio debt = debtRatio();
        if (debt == null) {
            return Outcome.DATA_GAP;
        }
        return debt.atMost(threshold) ? Outcome.PASS : Outcome.FAIL;
    }

    private Outcome revenueOrFinancing() {
        BigDecimal revenue = revenue(lastYear);
        boolean revenueBranch = revenue != null && revenue.compareTo(new BigDecimal("10000000")) >= 0;
        boolean financingBranch = twoYearEquity().compareTo(new BigDecimal("20000000")) >= 0;
        if (revenueBranch || financingBranch) {
            return Outcome.PASS;
        }
        return revenue == null ? Outcome.DATA_GAP : Outcome.FAIL;
    }

    private Outcome growthWarn() {
        Ratio growth = averageGrowth();
        if (growth == null) {
            return Outcome.DATA_GAP;
        }
        return growth.atLeast(P05) ? Outcome.PASS : Outcome.WARN;
    }

    /** Banded by last year's revenue; every input of the band must be known. */
    private Outcome rdIntensity() {
        BigDecimal revenue = revenue(lastYear);
        if (revenue == null) {
            return Outcome.DATA_GAP;
        }
        if (revenue.compareTo(new BigDecimal("50000000")) >= 0) {
            BigDecimal min = revenue.compareTo(new BigDecimal("100000000")) >= 0 ? P03 : P06;
            Ratio last = rdRatio(lastYear);
            Ratio before = rdRatio(lastYear - 1);
            if (last == null || before == null) {
                return Outcome.DATA_GAP;
            }
            return last.atLeast(min) && before.atLeast(min) ? Outcome.PASS : Outcome.FAIL;
        }
        BigDecimal rdLast = rd(lastYear);
        BigDecimal rdBefore = rd(lastYear - 1);
        Ratio staff = rdStaffShare();
        if (rdLast == null || rdBefore == null || staff == null) {
            return Outcome.DATA_GAP;
        }
        boolean financing = twoYearEquity().compareTo(new BigDecimal("80000000")) >= 0;
        boolean rd = rdLast.add(rdBefore).compareTo(new BigDecimal("30000000")) >= 0;
        return financing && rd && staff.atLeast(new BigDecimal("0.5")) ? Outcome.PASS : Outcome.FAIL;
    }

    private Outcome classOneIpAtLeast(int min) {
        Integer ip = facts.science() == null ? null : facts.science().classOneIp();
        if (ip == null) {
            return Outcome.DATA_GAP;
        }
        return ip >= min ? Outcome.PASS : Outcome.FAIL;
    }

    private Outcome smallNeedsLittleGiant() {
        boolean holdsLittleGiant = facts.holdings().stream().anyMatch(h -> h.tier() == Tier.LITTLE_GIANT);
        BigDecimal revenue = revenue(lastYear);
        if (holdsLittleGiant || revenue != null && revenue.compareTo(new BigDecimal("400000000")) >= 0) {
            return Outcome.PASS;
        }
        return revenue == null ? Outcome.DATA_GAP : Outcome.FAIL;
    }

    /** Points per domain.md §2; unknown parts score 0; a failed score with an unknown part is a gap. */
    private Outcome innovativeScore() {
        boolean unknown = false;
        Integer ipCount = facts.science() == null ? null : facts.science().classOneIp();
        int ip = ipCount == null ? 0 : ipCount >= 1 ? 10 : 0;
        unknown |= ipCount == null;

        Ratio rdRatio = rdRatio(lastYear);
        int rd = rdRatio == null ? 0 : band(rdRatio, new String[] {"0.05", "0.03", "0.02", "0.01"}, new int[] {20, 15, 10, 5});
        unknown |= rdRatio == null;

        Ratio growthRatio = averageGrowth();
        int growth = growthRatio == null ? 0 : band(growthRatio, new String[] {"0.15", "0.10", "0.05", "0"}, new int[] {20, 15, 10, 5});
        unknown |= growthRatio == null;

        Ratio debtRatio = debtRatio();
        int debt = debtRatio == null ? 0 : debtRatio.atMost(new BigDecimal("0.55")) ? 10 : debtRatio.atMost(new BigDecimal("0.75")) ? 5 : 0;
        unknown |= debtRatio == null;

        String industryCode = facts.industryCode();
        int industry = industryCode == null ? 0
                : STRATEGIC_DIVISIONS.contains(industryCode.substring(0, Math.min(3, industryCode.length()))) ? 10 : 5;
        unknown |= industryCode == null;

        Ratio shareRatio = mainShare();
        int share = shareRatio == null ? 0 : band(shareRatio, new String[] {"0.70", "0.60", "0.55", "0.50"}, new int[] {20, 15, 10, 5});
        unknown |= shareRatio == null;

        int innovation = ip + rd;
        int growthScore = growth + debt;
        int specialisation = industry + share;
        boolean passes = innovation + growthScore + specialisation >= 60 && innovation >= 20 && growthScore >= 15 && specialisation >= 15;
        if (passes) {
            return Outcome.PASS;
        }
        return unknown ? Outcome.DATA_GAP : Outcome.FAIL;
    }

    /** Points of the first band whose inclusive lower bound the ratio reaches, else 0. */
    private static int band(Ratio ratio, String[] lowerBounds, int[] points) {
        for (int i = 0; i < lowerBounds.length; i++) {
            if (ratio.atLeast(new BigDecimal(lowerBounds[i]))) {
                return points[i];
            }
        }
        return 0;
    }

    private BigDecimal twoYearEquity() {
        return facts.equityOf(lastYear).add(facts.equityOf(lastYear - 1));
    }

    private Ratio averageGrowth() {
        BigDecimal mbLast = field(lastYear, YearFacts::mainRevenue);
        BigDecimal mbBefore = field(lastYear - 1, YearFacts::mainRevenue);
        BigDecimal mbFirst = field(lastYear - 2, YearFacts::mainRevenue);
        if (mbLast == null || mbBefore == null || mbFirst == null) {
            return null;
        }
        return Ratio.mean(Ratio.growth(mbLast, mbBefore), Ratio.growth(mbBefore, mbFirst));
    }

    private Ratio rdRatio(int year) {
        return Ratio.of(rd(year), revenue(year));
    }

    private Ratio mainShare() {
        return Ratio.of(field(lastYear, YearFacts::mainRevenue), revenue(lastYear));
    }

    private Ratio debtRatio() {
        return Ratio.of(field(lastYear, YearFacts::liabilities), field(lastYear, YearFacts::assets));
    }

    private Ratio rdStaffShare() {
        ScienceFacts science = facts.science();
        if (science == null || science.rdStaff() == null || science.totalStaff() == null) {
            return null;
        }
        return Ratio.of(BigDecimal.valueOf(science.rdStaff()), BigDecimal.valueOf(science.totalStaff()));
    }

    private BigDecimal revenue(int year) {
        return field(year, YearFacts::revenue);
    }

    private BigDecimal rd(int year) {
        return field(year, YearFacts::rdExpense);
    }

    private <T> T field(int year, Function<YearFacts, T> getter) {
        YearFacts facts = this.facts.year(year);
        return facts == null ? null : getter.apply(facts);
    }
}
