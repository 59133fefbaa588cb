package cn.qeregistry.review.rules;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule reads the review date when any part of it names D or counts from it (years_since, days_until),
 * however deep: in a when of a case, a warn_unless, an arithmetic operand, a list, a score's measure or
 * band. Only those rules are evaluated again for a holder whose inputs did not change.
 */
class DateUseTest {

    @Test
    void theShippedRulesThatReadTheDateAreTheCertificateAndTheYearsInBusinessRules() {
        RuleSet miit = RuleSetFile.read(Path.of("jobs/review-rules/miit-2022.yml"));
        assertThat(miit.allRules().stream().filter(Rule::readsReviewDate).map(Rule::id))
                .containsExactlyInAnyOrder("common.certificate_valid", "srdi.years_in_niche", "lg.years_in_niche",
                        "champion.years_in_field");
        assertThat(miit.allRules().stream().filter(rule -> !rule.readsReviewDate()).map(Rule::id))
                .contains("common.tax_credit", "srdi.rd_ratio_min", "champion.small_needs_little_giant", "innovative.score_min");
    }

    @Test
    void theDateIsFoundInEveryPlaceARuleCanHoldIt() {
        RuleSet everyWord = RuleSetFile.read(Path.of("src/test/resources/review/every-word.yml"));
        for (Rule rule : everyWord.allRules()) {
            String text = rule.toString();
            boolean namesTheDate = text.contains("source=REVIEW") || text.contains("YEARS_SINCE") || text.contains("DAYS_UNTIL");
            assertThat(rule.readsReviewDate()).as(rule.id()).isEqualTo(namesTheDate);
        }
        assertThat(everyWord.allRules()).anyMatch(Rule::readsReviewDate).anyMatch(rule -> !rule.readsReviewDate());
    }
}
