package cn.qeregistry.review.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rule files: malformed ones are refused with file, rule and problem; the live set is chosen by date; edits count at once. */
class RuleFilesTest {

    static final Path SHIPPED = Path.of("jobs/review-rules");

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml, StandardCharsets.UTF_8);
    }

    private static String ruleSet(String name, String effectiveFrom, boolean draft, String rules) {
        return "name: " + name + "\nversion: \"1\"\neffective_from: " + effectiveFrom + "\ndraft: " + draft + "\nrules:\n" + rules;
    }

    @Test
    void shippedRuleSetsLoadAndTheDraftIsNeverLive() {
        RuleSets sets = new RuleSets(SHIPPED);
        assertThat(sets.all()).extracting(RuleSet::name).containsExactly("miit-2022", "miit-2026-draft");
        assertThat(sets.live(LocalDate.parse("2026-11-26")).name()).isEqualTo("miit-2022");
        assertThat(sets.file("miit-2026-draft.yml").draft()).isTrue();
    }

    @Test
    void liveSetIsTheNonDraftWithTheLatestEffectiveDateOnOrBeforeTheReviewDate() throws IOException {
        String rules = "  common:\n    - id: common.x\n      require: class1_ip >= 1\n";
        write("a.yml", ruleSet("a", "2022-01-01", false, rules));
        write("b.yml", ruleSet("b", "2025-01-01", false, rules));
        write("c.yml", ruleSet("c", "2025-06-01", true, rules));
        RuleSets sets = new RuleSets(dir);
        assertThat(sets.live(LocalDate.parse("2024-12-31")).name()).isEqualTo("a");
        assertThat(sets.live(LocalDate.parse("2025-01-01")).name()).isEqualTo("b");
        assertThat(sets.live(LocalDate.parse("2026-01-01")).name()).isEqualTo("b");
        assertThatThrownBy(() -> sets.live(LocalDate.parse("2021-12-31"))).hasMessageContaining("no rule set in force on 2021-12-31");
    }

    @Test
    void twoLiveSetsStartingOnTheSameDayAreRefused() throws IOException {
        String rules = "  common: []\n";
        write("a.yml", ruleSet("a", "2022-01-01", false, rules));
        write("b.yml", ruleSet("b", "2022-01-01", false, rules));
        assertThatThrownBy(() -> new RuleSets(dir)).isInstanceOf(RuleFileException.class)
                .hasMessageContaining("b.yml").hasMessageContaining("two live rule sets cannot start on the same day");
    }

    @Test
    void misspelledInputIsRefusedAtStartUpWithFileRuleAndProblem() throws IOException {
        Path file = write("bad.yml", ruleSet("bad", "2022-01-01", false,
                "  SRDI_SME:\n    - id: srdi.rd_ratio_min\n      require: rd_expense@Y / revenu@Y >= 3%\n"));
        assertThatThrownBy(() -> new RuleSets(dir)).isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(file + ": rule 'srdi.rd_ratio_min': require: unknown name 'revenu'");
    }

    @Test
    void malformedRulesAreRefusedWithTheirProblem() throws IOException {
        assertRefused("  common:\n    - id: r1\n      require: registration_status >= 3\n",
                "rule 'r1': require: '>=' compares two numbers or two dates, got text and number");
        assertRefused("  common:\n    - id: r2\n      require: revenue >= 3\n",
                "rule 'r2': require: 'revenue' is a yearly fact: name the year");
        assertRefused("  common:\n    - id: r3\n      require: rd_expense@Y / revenue@Y\n",
                "rule 'r3': require: 'rd_expense@Y / revenue@Y' is a number, not a condition");
        assertRefused("  common:\n    - id: r4\n      require: class1_ip >= 1\n      broken: MAYBE\n",
                "rule 'r4': broken must be FAIL or WARN, got 'MAYBE'");
        assertRefused("  common:\n    - id: r5\n      require: system('rm -rf /') = 1\n",
                "rule 'r5': require: unknown function 'system'");
        assertRefused("  common:\n    - id: r6\n      require: class1_ip >= 1\n    - id: r6\n      require: class1_ip >= 2\n",
                "rule 'r6': rule id appears twice");
        assertRefused("  common:\n    - id: r7\n      requires: class1_ip >= 1\n",
                "rule 'r7': the rule: unknown key 'requires'");
        assertRefused("  common:\n    - id: r8\n      require:\n        cases:\n          - otherwise: class1_ip >= 1\n",
                "rule 'r8': require.cases needs at least one case with 'when'");
        assertRefused("  common:\n    - id: r9\n      require: holds('GIANT')\n",
                "rule 'r9': require: holds() takes a tier code in quotes");
        assertRefused("  GIANTS:\n    - id: r10\n      require: class1_ip >= 1\n",
                "rules: 'GIANTS' is neither 'common' nor a tier code");
        assertRefused("  common:\n    - id: r11\n      require: rd_expense@Y+1 >= 1\n",
                "rule 'r11': require: year '@Y+1' lies after last year");
    }

    @Test
    void brokenYamlIsRefusedWithTheFile() throws IOException {
        Path file = write("broken.yml", "name: [unclosed\n");
        assertThatThrownBy(() -> new RuleSets(dir)).isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(file + ": not valid YAML");
    }

    @Test
    void editedThresholdChangesTheNextEvaluationWithoutARebuild() throws IOException {
        Files.copy(SHIPPED.resolve("miit-2022.yml"), dir.resolve("miit-2022.yml"));
        RuleSets sets = new RuleSets(dir);
        LocalDate d = LocalDate.parse("2026-03-15");
        FirmFacts firm = FirmFacts.on("2026-03-15").holding("SRDI_SME", "PROVINCIAL", "2027-12-31").year(2025, "rd_expense", "900000");

        assertThat(rdExpenseRule(sets, d).evaluate(firm, sets.live(d).defaults()).outcome()).isEqualTo(Outcome.FAIL);

        Path file = dir.resolve("miit-2022.yml");
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, yaml.replace("rd_expense@Y >= 1_000_000", "rd_expense@Y >= 800_000"), StandardCharsets.UTF_8);

        RuleResult again = rdExpenseRule(sets, d).evaluate(firm, sets.live(d).defaults());
        assertThat(again.outcome()).isEqualTo(Outcome.PASS);
        assertThat(again.threshold()).isEqualTo(">= 800,000");
    }

    private static Rule rdExpenseRule(RuleSets sets, LocalDate d) {
        return sets.live(d).applicable("SRDI_SME", d).stream().filter(r -> r.id().equals("srdi.rd_expense_min")).findFirst().orElseThrow();
    }

    private void assertRefused(String rules, String problem) throws IOException {
        Path file = write("case.yml", ruleSet("case", "2022-01-01", false, rules));
        assertThatThrownBy(() -> RuleSetFile.read(file)).isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(problem);
    }
}
