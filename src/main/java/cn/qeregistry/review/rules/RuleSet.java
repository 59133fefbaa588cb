package cn.qeregistry.review.rules;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A versioned rule set read from {@code jobs/review-rules/<name>.yml}. A draft is never live; it is
 * evaluated only on request (what-if).
 *
 * @param rulesByScope rules under {@code common} and under each tier code, in file order
 * @param defaults     values assumed for inputs a firm lacks (e.g. equity_financing: 0)
 * @param digest       SHA-256 of the file, to notice an edit between a failed run and its restart
 */
public record RuleSet(String name, String version, LocalDate effectiveFrom, boolean draft, String description,
                      Path file, String digest, Map<String, Object> defaults, Map<String, List<Rule>> rulesByScope) {

    /** The rules a holding of {@code tier} answers to on {@code reviewDate}: common ones, then the tier's own. */
    public List<Rule> applicable(String tier, LocalDate reviewDate) {
        List<Rule> rules = new ArrayList<>();
        for (String scope : List.of(Rule.COMMON, tier)) {
            for (Rule rule : rulesByScope.getOrDefault(scope, List.of())) {
                if (rule.inForce(reviewDate)) {
                    rules.add(rule);
                }
            }
        }
        return rules;
    }

    public List<Rule> allRules() {
        return rulesByScope.values().stream().flatMap(List::stream).toList();
    }

    public String label() {
        return name + " " + version + (draft ? " (draft)" : "");
    }
}
