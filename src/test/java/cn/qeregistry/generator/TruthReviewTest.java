package cn.qeregistry.generator;

import cn.qeregistry.core.Level;
import cn.qeregistry.core.Tier;
import cn.qeregistry.generator.ReviewFacts.ScienceFacts;
import cn.qeregistry.generator.ReviewFacts.YearFacts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The oracle on the edges of the rules: inclusive thresholds, exact decimals, DATA_GAP semantics. */
class TruthReviewTest {

    private static final LocalDate D = LocalDate.of(2025, 11, 26);

    private static BigDecimal yuan(long value) {
        return BigDecimal.valueOf(value);
    }

    private static YearFacts year(long revenue, long main, long rd, long assets, long liabilities, String grade) {
        return new YearFacts(yuan(revenue), yuan(main), yuan(rd), yuan(assets), yuan(liabilities), grade);
    }

    private static ReviewFacts facts(Map<Integer, YearFacts> years, ScienceFacts science, Map<Integer, BigDecimal> equity,
                                     LocalDate established, Holding... holdings) {
        return new ReviewFacts("存续", established, false, false, "C3670", years, science, equity, List.of(holdings));
    }

    private static Outcome outcome(ReviewFacts facts, String rule) {
        return outcome(facts, rule, D);
    }

    private static Outcome outcome(ReviewFacts facts, String rule, LocalDate date) {
        return TruthReview.review(facts, date).stream().filter(v -> v.ruleId().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no verdict for " + rule)).outcome();
    }

    private static Map<Integer, YearFacts> threeYears(YearFacts y2, YearFacts y1, YearFacts y) {
        Map<Integer, YearFacts> years = new HashMap<>();
        years.put(2022, y2);
        years.put(2023, y1);
        years.put(2024, y);
        return years;
    }

    private static Holding srdi() {
        return new Holding(Tier.SRDI_SME, Level.PROVINCIAL, D.plusYears(1));
    }

    @Test
    void rdRatioExactlyThreePercentPassesAndJustBelowFails() {
        var exact = facts(threeYears(null, null, year(10_000_000, 9_000_000, 300_000, 1, 1, "A")), null, Map.of(), D.minusYears(5), srdi());
        var below = facts(threeYears(null, null, year(10_000_000, 9_000_000, 299_900, 1, 1, "A")), null, Map.of(), D.minusYears(5), srdi());
        assertThat(outcome(exact, "srdi.rd_ratio_min")).isEqualTo(Outcome.PASS);
        assertThat(outcome(below, "srdi.rd_ratio_min")).isEqualTo(Outcome.FAIL);
    }

    @Test
    void certificateWarnsFromTheReviewDateToNinetyDaysAfterAndFailsBefore() {
        for (var c : Map.of(D.minusDays(1), Outcome.FAIL, D, Outcome.WARN, D.plusDays(90), Outcome.WARN, D.plusDays(91), Outcome.PASS).entrySet()) {
            var f = facts(Map.of(), null, Map.of(), D.minusYears(5), new Holding(Tier.CHAIN_LEADER, Level.PROVINCIAL, c.getKey()));
            assertThat(outcome(f, "common.certificate_valid")).as(c.getKey().toString()).isEqualTo(c.getValue());
        }
        var unknown = facts(Map.of(), null, Map.of(), D.minusYears(5), new Holding(Tier.CHAIN_LEADER, Level.PROVINCIAL, null));
        assertThat(outcome(unknown, "common.certificate_valid")).isEqualTo(Outcome.DATA_GAP);
        assertThat(TruthReview.review(unknown, D)).hasSize(5);
    }

    @Test
    void yearsCountWholeYearsUpToTheReviewDate() {
        assertThat(outcome(facts(Map.of(), null, Map.of(), D.minusYears(2), srdi()), "srdi.years_in_niche")).isEqualTo(Outcome.PASS);
        assertThat(outcome(facts(Map.of(), null, Map.of(), D.minusYears(2).plusDays(1), srdi()), "srdi.years_in_niche")).isEqualTo(Outcome.FAIL);
    }

    @Test
    void revenueOrFinancingPassesOnFinancingEvenWithoutRevenueAndIsAGapOtherwise() {
        var financed = facts(Map.of(), null, Map.of(2023, yuan(12_000_000), 2024, yuan(8_000_000)), D.minusYears(5), srdi());
        var short1 = facts(Map.of(), null, Map.of(2023, yuan(12_000_000), 2024, yuan(7_999_999)), D.minusYears(5), srdi());
        var oldFinancing = facts(Map.of(), null, Map.of(2022, yuan(50_000_000)), D.minusYears(5), srdi());
        assertThat(outcome(financed, "srdi.revenue_or_financing")).isEqualTo(Outcome.PASS);
        assertThat(outcome(short1, "srdi.revenue_or_financing")).isEqualTo(Outcome.DATA_GAP);
        assertThat(outcome(oldFinancing, "srdi.revenue_or_financing")).isEqualTo(Outcome.DATA_GAP);
        var smallKnown = facts(threeYears(null, null, year(9_999_900, 1, 1, 1, 1, "A")), null, Map.of(), D.minusYears(5), srdi());
        assertThat(outcome(smallKnown, "srdi.revenue_or_financing")).isEqualTo(Outcome.FAIL);
    }

    @Test
    void growthAverageExactlyFivePercentPassesAndBelowOnlyWarns() {
        Holding lg = new Holding(Tier.LITTLE_GIANT, Level.NATIONAL, D.plusYears(1));
        // main business 100 → 106 → 110.24: rates 6% and 4%, mean exactly 5%
        var exact = facts(threeYears(year(200, 100, 1, 1, 1, "A"), year(200, 106, 1, 1, 1, "A"), year(200, 11024, 1, 1, 1, "A")),
                null, Map.of(), D.minusYears(5), lg);
        exact.years().put(2024, new YearFacts(yuan(200), new BigDecimal("110.24"), yuan(1), yuan(1), yuan(1), "A"));
        var below = facts(threeYears(year(200, 100, 1, 1, 1, "A"), year(200, 106, 1, 1, 1, "A"), year(200, 110, 1, 1, 1, "A")),
                null, Map.of(), D.minusYears(5), lg);
        assertThat(outcome(exact, "lg.main_business_growth")).isEqualTo(Outcome.PASS);
        assertThat(outcome(below, "lg.main_business_growth")).isEqualTo(Outcome.WARN);
        var noOldest = facts(threeYears(null, year(200, 106, 1, 1, 1, "A"), year(200, 110, 1, 1, 1, "A")), null, Map.of(), D.minusYears(5), lg);
        assertThat(outcome(noOldest, "lg.main_business_growth")).isEqualTo(Outcome.DATA_GAP);
    }

    @Test
    void rdIntensityUsesTheBandOfLastYearsRevenue() {
        Holding lg = new Holding(Tier.LITTLE_GIANT, Level.NATIONAL, D.plusYears(1));
        var band100 = facts(threeYears(null, year(90_000_000, 1, 2_700_000, 1, 1, "A"), year(100_000_000, 1, 3_000_000, 1, 1, "A")),
                null, Map.of(), D.minusYears(5), lg);
        var band50 = facts(threeYears(null, year(90_000_000, 1, 2_700_000, 1, 1, "A"), year(99_990_000, 1, 3_000_000, 1, 1, "A")),
                null, Map.of(), D.minusYears(5), lg);
        assertThat(outcome(band100, "lg.rd_intensity")).isEqualTo(Outcome.PASS);
        assertThat(outcome(band50, "lg.rd_intensity")).isEqualTo(Outcome.FAIL);
        var small = facts(threeYears(null, year(30_000_000, 1, 15_000_000, 1, 1, "A"), year(40_000_000, 1, 15_000_000, 1, 1, "A")),
                new ScienceFacts(3, 50, 100), Map.of(2023, yuan(40_000_000), 2024, yuan(40_000_000)), D.minusYears(5), lg);
        assertThat(outcome(small, "lg.rd_intensity")).isEqualTo(Outcome.PASS);
        var smallNoScience = facts(small.years(), null, small.equity(), D.minusYears(5), lg);
        assertThat(outcome(smallNoScience, "lg.rd_intensity")).isEqualTo(Outcome.DATA_GAP);
    }

    @Test
    void revenueMinimumForReReviewAppliesOnlyFrom2025() {
        Holding lg = new Holding(Tier.LITTLE_GIANT, Level.NATIONAL, D.plusYears(1));
        var f = facts(threeYears(null, null, year(49_999_900, 1, 1, 1, 1, "A")), null, Map.of(), D.minusYears(5), lg);
        assertThat(outcome(f, "lg.revenue_min_review")).isEqualTo(Outcome.FAIL);
        var earlier = new ReviewFacts("存续", D.minusYears(5), false, false, "C3670",
                Map.of(2023, year(49_999_900, 1, 1, 1, 1, "A")), null, Map.of(), List.of(lg));
        assertThat(TruthReview.review(earlier, LocalDate.of(2024, 12, 31))).noneMatch(v -> v.ruleId().equals("lg.revenue_min_review"));
    }

    @Test
    void smallChampionPassesOnlyWithALittleGiantHolding() {
        Holding champion = new Holding(Tier.SINGLE_CHAMPION, Level.PROVINCIAL, D.plusYears(1));
        Holding lg = new Holding(Tier.LITTLE_GIANT, Level.NATIONAL, D.plusYears(1));
        var years = threeYears(null, null, year(399_999_900, 1, 1, 1, 1, "A"));
        assertThat(outcome(facts(years, null, Map.of(), D.minusYears(5), champion), "champion.small_needs_little_giant")).isEqualTo(Outcome.FAIL);
        assertThat(outcome(facts(years, null, Map.of(), D.minusYears(5), champion, lg), "champion.small_needs_little_giant")).isEqualTo(Outcome.PASS);
        assertThat(outcome(facts(Map.of(), null, Map.of(), D.minusYears(5), champion), "champion.small_needs_little_giant")).isEqualTo(Outcome.DATA_GAP);
    }

    @Test
    void innovativeScoreIsAGapOnlyWhenAnUnknownPartCouldHaveMadeItFail() {
        Holding innovative = new Holding(Tier.INNOVATIVE_SME, Level.PROVINCIAL, D.plusYears(1));
        // R&D 5% (20), growth ≥15% (20), debt 50% (10), C3670 not strategic (5), share 70% (20), IP ≥1 (10) = 85
        var strong = threeYears(year(100, 60, 1, 1, 1, "A"), year(100, 70, 1, 1, 1, "A"), year(1_000, 700, 50, 1_000, 500, "A"));
        assertThat(outcome(facts(strong, new ScienceFacts(1, 1, 2), Map.of(), D.minusYears(5), innovative), "innovative.score_min"))
                .isEqualTo(Outcome.PASS);
        assertThat(outcome(facts(strong, null, Map.of(), D.minusYears(5), innovative), "innovative.score_min"))
                .as("IP unknown scores 0 but 75 still passes").isEqualTo(Outcome.PASS);
        // R&D 1.5% (5) and no IP: innovation 5 < 20 → fails; with IP unknown that is a gap, with IP known 0 a fail
        var weak = threeYears(year(100, 60, 1, 1, 1, "A"), year(100, 70, 1, 1, 1, "A"), year(1_000, 700, 15, 1_000, 500, "A"));
        assertThat(outcome(facts(weak, new ScienceFacts(0, 1, 2), Map.of(), D.minusYears(5), innovative), "innovative.score_min"))
                .isEqualTo(Outcome.FAIL);
        assertThat(outcome(facts(weak, null, Map.of(), D.minusYears(5), innovative), "innovative.score_min"))
                .isEqualTo(Outcome.DATA_GAP);
    }

    @Test
    void taxCreditUsesLastYearsGrade() {
        Holding h = new Holding(Tier.CHAIN_LEADER, Level.PROVINCIAL, D.plusYears(1));
        assertThat(outcome(facts(threeYears(null, year(1, 1, 1, 1, 1, "A"), year(1, 1, 1, 1, 1, "D")), null, Map.of(), D, h),
                "common.tax_credit")).isEqualTo(Outcome.FAIL);
        assertThat(outcome(facts(threeYears(null, year(1, 1, 1, 1, 1, "D"), year(1, 1, 1, 1, 1, "C")), null, Map.of(), D, h),
                "common.tax_credit")).isEqualTo(Outcome.WARN);
        assertThat(outcome(facts(threeYears(null, year(1, 1, 1, 1, 1, "D"), null), null, Map.of(), D, h),
                "common.tax_credit")).isEqualTo(Outcome.DATA_GAP);
    }
}
