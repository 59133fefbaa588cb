package cn.qeregistry.review.rules;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static cn.qeregistry.review.rules.Outcome.DATA_GAP;
import static cn.qeregistry.review.rules.Outcome.FAIL;
import static cn.qeregistry.review.rules.Outcome.PASS;
import static cn.qeregistry.review.rules.Outcome.WARN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the shipped miit-2022 rule set at its boundaries: exactly on the threshold passes,
 * just beyond it breaks, a missing input is a DATA_GAP. Review date 2026-03-15: Y = 2025.
 */
class Miit2022RulesTest {

    static final RuleSet MIIT = RuleSetFile.read(Path.of("jobs/review-rules/miit-2022.yml"));
    static final String D = "2026-03-15";

    static RuleResult evaluate(String ruleId, FirmFacts facts) {
        Rule rule = MIIT.allRules().stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow();
        return rule.evaluate(facts, MIIT.defaults());
    }

    static Outcome outcome(String ruleId, FirmFacts facts) {
        return evaluate(ruleId, facts).outcome();
    }

    static FirmFacts srdi() {
        return FirmFacts.on(D).holding("SRDI_SME", "PROVINCIAL", "2027-12-31");
    }

    static FirmFacts littleGiant() {
        return FirmFacts.on(D).holding("LITTLE_GIANT", "NATIONAL", "2027-12-31");
    }

    @Test
    void fileHoldsExactlyTheRuleIdsOfTheDomainBriefPerTier() {
        Map<String, List<String>> ids = MIIT.rulesByScope().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().stream().map(Rule::id).toList()));
        assertThat(ids).containsOnlyKeys("common", "SRDI_SME", "LITTLE_GIANT", "SINGLE_CHAMPION", "INNOVATIVE_SME", "CHAIN_LEADER");
        assertThat(ids.get("common")).containsExactly("common.registration_active", "common.not_serious_dishonest",
                "common.not_abnormal_operations", "common.tax_credit", "common.certificate_valid");
        assertThat(ids.get("SRDI_SME")).containsExactly("srdi.years_in_niche", "srdi.rd_expense_min", "srdi.rd_ratio_min",
                "srdi.revenue_or_financing");
        assertThat(ids.get("LITTLE_GIANT")).containsExactly("lg.years_in_niche", "lg.main_business_share",
                "lg.main_business_growth", "lg.debt_ratio_max", "lg.rd_intensity", "lg.class1_ip_min", "lg.revenue_min_review");
        assertThat(ids.get("SINGLE_CHAMPION")).containsExactly("champion.years_in_field", "champion.main_business_share",
                "champion.small_needs_little_giant");
        assertThat(ids.get("INNOVATIVE_SME")).containsExactly("innovative.score_min");
        assertThat(ids.get("CHAIN_LEADER")).isEmpty();
    }

    @Test
    void chainLeaderAnswersOnlyToTheCommonRules() {
        assertThat(MIIT.applicable("CHAIN_LEADER", LocalDate.parse(D))).extracting(Rule::id)
                .containsExactly("common.registration_active", "common.not_serious_dishonest",
                        "common.not_abnormal_operations", "common.tax_credit", "common.certificate_valid");
        assertThat(MIIT.applicable("SRDI_SME", LocalDate.parse(D))).hasSize(9);
    }

    @Nested
    class Common {

        @Test
        void activeRegistrationPassesInactiveFailsUnknownIsAGap() {
            for (String active : List.of("存续", "在业", "在营", "开业", "在册")) {
                assertThat(outcome("common.registration_active", srdi().firm("registration_status", active))).isEqualTo(PASS);
            }
            assertThat(outcome("common.registration_active", srdi().firm("registration_status", "吊销"))).isEqualTo(FAIL);
            assertThat(outcome("common.registration_active", srdi())).isEqualTo(DATA_GAP);
        }

        @Test
        void listsOfDishonestAndAbnormalFirmsFailTheirHoldersAndUnknownIsAGap() {
            for (String rule : List.of("common.not_serious_dishonest", "common.not_abnormal_operations")) {
                String input = rule.equals("common.not_serious_dishonest") ? "serious_dishonest" : "abnormal_operations";
                assertThat(outcome(rule, srdi().firm(input, false))).isEqualTo(PASS);
                assertThat(outcome(rule, srdi().firm(input, true))).isEqualTo(FAIL);
                assertThat(outcome(rule, srdi())).isEqualTo(DATA_GAP);
            }
        }

        @Test
        void taxCreditOfLastYearDFailsCWarnsOthersPass() {
            for (String grade : List.of("A", "B", "M")) {
                assertThat(outcome("common.tax_credit", srdi().year(2025, "tax_credit_grade", grade))).isEqualTo(PASS);
            }
            assertThat(outcome("common.tax_credit", srdi().year(2025, "tax_credit_grade", "C"))).isEqualTo(WARN);
            assertThat(outcome("common.tax_credit", srdi().year(2025, "tax_credit_grade", "D"))).isEqualTo(FAIL);
            assertThat(outcome("common.tax_credit", srdi().year(2024, "tax_credit_grade", "A"))).isEqualTo(DATA_GAP);
        }

        @Test
        void certificateExpiredFailsWithinNinetyDaysWarnsLaterPasses() {
            assertThat(outcome("common.certificate_valid", FirmFacts.on(D).holding("SRDI_SME", null, "2026-03-14"))).isEqualTo(FAIL);
            assertThat(outcome("common.certificate_valid", FirmFacts.on(D).holding("SRDI_SME", null, "2026-03-15"))).isEqualTo(WARN);
            assertThat(outcome("common.certificate_valid", FirmFacts.on(D).holding("SRDI_SME", null, "2026-06-13"))).isEqualTo(WARN);
            assertThat(outcome("common.certificate_valid", FirmFacts.on(D).holding("SRDI_SME", null, "2026-06-14"))).isEqualTo(PASS);
            assertThat(outcome("common.certificate_valid", FirmFacts.on(D).holding("SRDI_SME", null, null))).isEqualTo(DATA_GAP);
        }

        @Test
        void certificateResultShowsTheDateAndBothLimits() {
            RuleResult result = evaluate("common.certificate_valid", FirmFacts.on(D).holding("SRDI_SME", null, "2026-04-01"));
            assertThat(result.observed()).isEqualTo("2026-04-01");
            assertThat(result.threshold()).isEqualTo(">= 2026-03-15; WARN unless > 2026-06-13");
            assertThat(result.period()).isNull();
        }
    }

    @Nested
    class Srdi {

        @Test
        void twoYearsSinceEstablishmentIsEnoughOneDayLessIsNot() {
            assertThat(outcome("srdi.years_in_niche", srdi().firm("established_on", "2024-03-15"))).isEqualTo(PASS);
            assertThat(outcome("srdi.years_in_niche", srdi().firm("established_on", "2024-03-16"))).isEqualTo(FAIL);
            assertThat(outcome("srdi.years_in_niche", srdi())).isEqualTo(DATA_GAP);
        }

        @Test
        void firmEstablishedOnALeapDayCompletesAYearOnTheFirstOfMarch() {
            FirmFacts on28th = FirmFacts.on("2022-02-28").holding("SRDI_SME", null, "2027-01-01").firm("established_on", "2020-02-29");
            FirmFacts on1st = FirmFacts.on("2022-03-01").holding("SRDI_SME", null, "2027-01-01").firm("established_on", "2020-02-29");
            assertThat(outcome("srdi.years_in_niche", on28th)).isEqualTo(FAIL);
            assertThat(evaluate("srdi.years_in_niche", on28th).observed()).isEqualTo("1 (years_since(established_on 2020-02-29))");
            assertThat(outcome("srdi.years_in_niche", on1st)).isEqualTo(PASS);
        }

        @Test
        void rdExpenseOfOneMillionPassesACentLessFails() {
            assertThat(outcome("srdi.rd_expense_min", srdi().year(2025, "rd_expense", "1000000"))).isEqualTo(PASS);
            assertThat(outcome("srdi.rd_expense_min", srdi().year(2025, "rd_expense", "999999.99"))).isEqualTo(FAIL);
            assertThat(outcome("srdi.rd_expense_min", srdi().year(2024, "rd_expense", "5000000"))).isEqualTo(DATA_GAP);
        }

        @Test
        void rdRatioOfExactlyThreePercentPassesAsAnExactDecimal() {
            FirmFacts exact = srdi().year(2025, "rd_expense", "3000000").year(2025, "revenue", "100000000");
            RuleResult result = evaluate("srdi.rd_ratio_min", exact);
            assertThat(result.outcome()).isEqualTo(PASS);
            assertThat(result.observed()).isEqualTo("0.03 (rd_expense 3,000,000 / revenue 100,000,000)");
            assertThat(result.threshold()).isEqualTo(">= 0.03");
            assertThat(result.period()).isEqualTo("2025");
            assertThat(outcome("srdi.rd_ratio_min", srdi().year(2025, "rd_expense", "2999999.99").year(2025, "revenue", "100000000")))
                    .isEqualTo(FAIL);
            assertThat(outcome("srdi.rd_ratio_min", srdi().year(2025, "rd_expense", "1").year(2025, "revenue", "33.333334")))
                    .isEqualTo(FAIL);
            assertThat(outcome("srdi.rd_ratio_min", srdi().year(2025, "rd_expense", "3000000"))).isEqualTo(DATA_GAP);
            assertThat(outcome("srdi.rd_ratio_min", srdi().year(2025, "rd_expense", "3000000").year(2025, "revenue", 0)))
                    .isEqualTo(DATA_GAP);
            assertThat(evaluate("srdi.rd_ratio_min", srdi().year(2025, "rd_expense", "3000000").year(2025, "revenue", 0)).detail())
                    .contains("missing: revenue is not positive");
        }

        @Test
        void revenueOrFinancingPassesOnEitherBranch() {
            String rule = "srdi.revenue_or_financing";
            assertThat(outcome(rule, srdi().year(2025, "revenue", "10000000"))).isEqualTo(PASS);
            assertThat(outcome(rule, srdi().year(2025, "revenue", "9999999.99")
                    .year(2025, "equity_financing", "12000000").year(2024, "equity_financing", "8000000"))).isEqualTo(PASS);
            assertThat(outcome(rule, srdi().year(2025, "revenue", "9999999.99")
                    .year(2025, "equity_financing", "12000000").year(2024, "equity_financing", "7999999.99"))).isEqualTo(FAIL);
        }

        @Test
        void eitherOrPassesOnFinancingEvenWhenRevenueIsUnknownButNeverPassesOnNothing() {
            String rule = "srdi.revenue_or_financing";
            assertThat(outcome(rule, srdi().year(2025, "equity_financing", "20000000"))).isEqualTo(PASS);
            RuleResult gap = evaluate(rule, srdi());
            assertThat(gap.outcome()).isEqualTo(DATA_GAP);
            assertThat(gap.detail()).contains("missing: revenue@2025");
        }

        @Test
        void financingAbsentFromTheFeedCountsAsZeroAndSaysSo() {
            RuleResult result = evaluate("srdi.revenue_or_financing", srdi().year(2025, "revenue", "9000000"));
            assertThat(result.outcome()).isEqualTo(FAIL);
            assertThat(result.inputs()).filteredOn(InputUse::defaulted).extracting(InputUse::key)
                    .containsExactly("equity_financing@2025", "equity_financing@2024");
            assertThat(result.period()).isEqualTo("2024–2025");
        }
    }

    @Nested
    class LittleGiant {

        @Test
        void threeYearsSinceEstablishment() {
            assertThat(outcome("lg.years_in_niche", littleGiant().firm("established_on", "2023-03-15"))).isEqualTo(PASS);
            assertThat(outcome("lg.years_in_niche", littleGiant().firm("established_on", "2023-03-16"))).isEqualTo(FAIL);
            assertThat(outcome("lg.years_in_niche", littleGiant())).isEqualTo(DATA_GAP);
        }

        @Test
        void mainBusinessShareOfSeventyPercent() {
            assertThat(outcome("lg.main_business_share", littleGiant().year(2025, "main_business_revenue", "70000000")
                    .year(2025, "revenue", "100000000"))).isEqualTo(PASS);
            assertThat(outcome("lg.main_business_share", littleGiant().year(2025, "main_business_revenue", "69999999.99")
                    .year(2025, "revenue", "100000000"))).isEqualTo(FAIL);
            assertThat(outcome("lg.main_business_share", littleGiant().year(2025, "revenue", "100000000"))).isEqualTo(DATA_GAP);
        }

        @Test
        void averageGrowthOfFivePercentOverTwoYearsOnlyWarnsWhenShort() {
            FirmFacts exact = littleGiant().year(2023, "main_business_revenue", "1000000")
                    .year(2024, "main_business_revenue", "1050000").year(2025, "main_business_revenue", "1102500");
            assertThat(outcome("lg.main_business_growth", exact)).isEqualTo(PASS);
            assertThat(evaluate("lg.main_business_growth", exact).period()).isEqualTo("2023–2025");
            FirmFacts uneven = littleGiant().year(2023, "main_business_revenue", "1000000")
                    .year(2024, "main_business_revenue", "1100000").year(2025, "main_business_revenue", "1100000");
            assertThat(outcome("lg.main_business_growth", uneven)).isEqualTo(PASS);
            FirmFacts short_ = littleGiant().year(2023, "main_business_revenue", "1000000")
                    .year(2024, "main_business_revenue", "1050000").year(2025, "main_business_revenue", "1102499.99");
            assertThat(outcome("lg.main_business_growth", short_)).isEqualTo(WARN);
            assertThat(outcome("lg.main_business_growth", littleGiant().year(2024, "main_business_revenue", "1050000")
                    .year(2025, "main_business_revenue", "1102500"))).isEqualTo(DATA_GAP);
        }

        @Test
        void debtRatioOfSeventyPercentAtMost() {
            assertThat(outcome("lg.debt_ratio_max", littleGiant().year(2025, "total_liabilities", "70000000")
                    .year(2025, "total_assets", "100000000"))).isEqualTo(PASS);
            assertThat(outcome("lg.debt_ratio_max", littleGiant().year(2025, "total_liabilities", "70000000.01")
                    .year(2025, "total_assets", "100000000"))).isEqualTo(FAIL);
            assertThat(outcome("lg.debt_ratio_max", littleGiant().year(2025, "total_assets", "100000000"))).isEqualTo(DATA_GAP);
        }

        @Test
        void classOneIpOfTwo() {
            assertThat(outcome("lg.class1_ip_min", littleGiant().firm("class1_ip", 2))).isEqualTo(PASS);
            assertThat(outcome("lg.class1_ip_min", littleGiant().firm("class1_ip", 1))).isEqualTo(FAIL);
            assertThat(outcome("lg.class1_ip_min", littleGiant())).isEqualTo(DATA_GAP);
        }

        @Test
        void revenueMinimumAtReviewAppliesFromFirstOfJanuary2025Only() {
            assertThat(MIIT.applicable("LITTLE_GIANT", LocalDate.parse("2024-12-31"))).extracting(Rule::id)
                    .doesNotContain("lg.revenue_min_review");
            assertThat(MIIT.applicable("LITTLE_GIANT", LocalDate.parse("2025-01-01"))).extracting(Rule::id)
                    .contains("lg.revenue_min_review");
            FirmFacts onTheDay = FirmFacts.on("2025-01-01").holding("LITTLE_GIANT", "NATIONAL", "2027-01-01");
            assertThat(outcome("lg.revenue_min_review", onTheDay.year(2024, "revenue", "50000000"))).isEqualTo(PASS);
            assertThat(outcome("lg.revenue_min_review", littleGiant().year(2025, "revenue", "49999999.99"))).isEqualTo(FAIL);
            assertThat(outcome("lg.revenue_min_review", littleGiant())).isEqualTo(DATA_GAP);
        }
    }

    @Nested
    class RdIntensityBands {

        static FirmFacts firm(String revenueY, String revenueY1, String rdY, String rdY1) {
            return littleGiant().year(2025, "revenue", revenueY).year(2024, "revenue", revenueY1)
                    .year(2025, "rd_expense", rdY).year(2024, "rd_expense", rdY1);
        }

        @Test
        void aboveOneHundredMillionNeedsThreePercentInEachOfTwoYears() {
            assertThat(outcome("lg.rd_intensity", firm("100000000", "90000000", "3000000", "2700000"))).isEqualTo(PASS);
            assertThat(outcome("lg.rd_intensity", firm("100000000", "90000000", "3000000", "2699999.99"))).isEqualTo(FAIL);
            assertThat(outcome("lg.rd_intensity", firm("100000000", "90000000", "3000000", null))).isEqualTo(DATA_GAP);
        }

        @Test
        void fiftyToOneHundredMillionNeedsSixPercentEachYear() {
            assertThat(outcome("lg.rd_intensity", firm("99999999.99", "50000000", "6000000", "3000000"))).isEqualTo(PASS);
            assertThat(outcome("lg.rd_intensity", firm("50000000", "50000000", "3000000", "3000000"))).isEqualTo(PASS);
            RuleResult fails = evaluate("lg.rd_intensity", firm("50000000", "50000000", "2999999", "3000000"));
            assertThat(fails.outcome()).isEqualTo(FAIL);
            assertThat(fails.threshold()).startsWith("[revenue@2025 >= 50,000,000] rd_expense@2025 / revenue@2025 >= 0.06");
        }

        @Test
        void belowFiftyMillionNeedsFinancingAndRdSumAndRdStaff() {
            FirmFacts small = firm("49999999.99", "40000000", "15000000", "15000000")
                    .year(2025, "equity_financing", "50000000").year(2024, "equity_financing", "30000000")
                    .firm("rd_staff", 50).firm("total_staff", 100);
            assertThat(outcome("lg.rd_intensity", small)).isEqualTo(PASS);
            assertThat(outcome("lg.rd_intensity", small.firm("rd_staff", 49))).isEqualTo(FAIL);
            assertThat(outcome("lg.rd_intensity", firm("49999999.99", "40000000", "15000000", "15000000")
                    .firm("rd_staff", 50).firm("total_staff", 100))).isEqualTo(FAIL);
            assertThat(outcome("lg.rd_intensity", firm("49999999.99", "40000000", "15000000", "15000000")
                    .year(2025, "equity_financing", "80000000").firm("total_staff", 100))).isEqualTo(DATA_GAP);
        }

        @Test
        void unknownRevenueCannotPickABand() {
            assertThat(outcome("lg.rd_intensity", littleGiant().year(2025, "rd_expense", "3000000"))).isEqualTo(DATA_GAP);
        }
    }

    @Nested
    class Champion {

        static FirmFacts champion(String level) {
            return FirmFacts.on(D).holding("SINGLE_CHAMPION", level, "2027-12-31");
        }

        @Test
        void yearsInFieldDependOnTheLevel() {
            assertThat(outcome("champion.years_in_field", champion("NATIONAL").firm("established_on", "2016-03-15"))).isEqualTo(PASS);
            assertThat(outcome("champion.years_in_field", champion("NATIONAL").firm("established_on", "2016-03-16"))).isEqualTo(FAIL);
            assertThat(outcome("champion.years_in_field", champion("PROVINCIAL").firm("established_on", "2023-03-15"))).isEqualTo(PASS);
            assertThat(outcome("champion.years_in_field", champion("PROVINCIAL").firm("established_on", "2023-03-16"))).isEqualTo(FAIL);
            assertThat(outcome("champion.years_in_field", champion(null).firm("established_on", "2000-01-01"))).isEqualTo(DATA_GAP);
        }

        @Test
        void mainBusinessShareSeventyPercentNationalSixtyProvincial() {
            FirmFacts share65 = champion("PROVINCIAL").year(2025, "main_business_revenue", "65").year(2025, "revenue", "100");
            assertThat(outcome("champion.main_business_share", share65)).isEqualTo(PASS);
            assertThat(outcome("champion.main_business_share", champion("NATIONAL").year(2025, "main_business_revenue", "65")
                    .year(2025, "revenue", "100"))).isEqualTo(FAIL);
            assertThat(outcome("champion.main_business_share", champion("NATIONAL").year(2025, "main_business_revenue", "70")
                    .year(2025, "revenue", "100"))).isEqualTo(PASS);
            assertThat(outcome("champion.main_business_share", champion("PROVINCIAL").year(2025, "main_business_revenue", "59.99")
                    .year(2025, "revenue", "100"))).isEqualTo(FAIL);
        }

        @Test
        void championBelowFourHundredMillionMustAlsoBeALittleGiant() {
            String rule = "champion.small_needs_little_giant";
            assertThat(outcome(rule, champion("NATIONAL").year(2025, "revenue", "400000000"))).isEqualTo(PASS);
            assertThat(outcome(rule, champion("NATIONAL").year(2025, "revenue", "399999999.99"))).isEqualTo(FAIL);
            RuleResult heldAlso = evaluate(rule, champion("NATIONAL").alsoHolds("LITTLE_GIANT").year(2025, "revenue", "399999999.99"));
            assertThat(heldAlso.outcome()).isEqualTo(PASS);
            assertThat(heldAlso.inputs()).extracting(InputUse::key).contains("holds(LITTLE_GIANT)");
            assertThat(outcome(rule, champion("NATIONAL").alsoHolds("LITTLE_GIANT"))).isEqualTo(PASS);
            assertThat(outcome(rule, champion("NATIONAL"))).isEqualTo(DATA_GAP);
        }
    }

    @Nested
    class InnovativeScore {

        /** 60 points: innovation 20 (IP 10 + R&D 2% 10), growth 15 (average 10% 15 + debt 80% 0), specialisation 25 (C36 5 + 75.6% 20). */
        static FirmFacts sixty() {
            return FirmFacts.on(D).holding("INNOVATIVE_SME", "PROVINCIAL", "2027-12-31")
                    .firm("class1_ip", 1).firm("industry_code", "C3670")
                    .year(2025, "revenue", "160000000").year(2025, "rd_expense", "3200000")
                    .year(2023, "main_business_revenue", "100000000").year(2024, "main_business_revenue", "110000000")
                    .year(2025, "main_business_revenue", "121000000")
                    .year(2025, "total_liabilities", "80").year(2025, "total_assets", "100");
        }

        @Test
        void sixtyPointsWithEverySubMinimumPasses() {
            RuleResult result = evaluate("innovative.score_min", sixty());
            assertThat(result.outcome()).isEqualTo(PASS);
            assertThat(result.observed()).startsWith("score 60: innovation 20 (class1_ip 10 ← 1, rd_ratio 10 ← 0.02); "
                    + "growth 15 (main_business_growth 15 ← 0.1, debt_ratio 0 ← 0.8)");
            assertThat(result.threshold()).isEqualTo("total >= 60, innovation >= 20, growth >= 15, specialisation >= 15");
            assertThat(result.period()).isEqualTo("2023–2025");
        }

        @Test
        void averageGrowthJustBelowTenPercentMissesTheGrowthMinimum() {
            assertThat(outcome("innovative.score_min", sixty().year(2025, "main_business_revenue", "120999999.99"))).isEqualTo(FAIL);
        }

        @Test
        void strategicIndustryAndBandEdgesScoreTheirLowerBound() {
            assertThat(evaluate("innovative.score_min", sixty().firm("industry_code", "C3912")).observed()).startsWith("score 65:");
            assertThat(evaluate("innovative.score_min", sixty().year(2025, "total_liabilities", "55")).observed()).startsWith("score 70:");
            assertThat(evaluate("innovative.score_min", sixty().year(2025, "total_liabilities", "75")).observed()).startsWith("score 65:");
            assertThat(evaluate("innovative.score_min", sixty().year(2025, "total_liabilities", "75.01")).observed()).startsWith("score 60:");
        }

        @Test
        void shrinkingMainBusinessScoresNoGrowthPoints() {
            FirmFacts shrinking = sixty().year(2024, "main_business_revenue", "90000000").year(2025, "main_business_revenue", "121000000")
                    .year(2023, "main_business_revenue", "150000000").year(2025, "total_liabilities", "10");
            RuleResult result = evaluate("innovative.score_min", shrinking);
            assertThat(result.observed()).contains("main_business_growth 0 ←");
            assertThat(result.outcome()).isEqualTo(FAIL);
        }

        @Test
        void totalBelowSixtyFailsEvenWhenEveryGroupReachesItsMinimum() {
            FirmFacts fiftyFive = sixty().firm("class1_ip", 0).year(2025, "revenue", "190000000").year(2025, "rd_expense", "9500000");
            RuleResult result = evaluate("innovative.score_min", fiftyFive);
            assertThat(result.observed()).startsWith("score 55: innovation 20");
            assertThat(result.outcome()).isEqualTo(FAIL);
        }

        @Test
        void anUnknownPartScoresZeroAndTurnsAFailIntoADataGapButNotAPassIntoOne() {
            FirmFacts noAssets = sixty().year(2025, "total_assets", null);
            assertThat(outcome("innovative.score_min", noAssets)).isEqualTo(PASS);
            FirmFacts noIp = sixty().firm("class1_ip", null);
            RuleResult gap = evaluate("innovative.score_min", noIp);
            assertThat(gap.outcome()).isEqualTo(DATA_GAP);
            assertThat(gap.detail()).contains("missing: class1_ip");
            assertThat(gap.observed()).contains("class1_ip 0 ← ?");
        }
    }
}
