package cn.qeregistry.review.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * One re-review rule of a rule set: a requirement ({@code require}, or a points {@code score}),
 * the outcome when it is broken, an optional {@code warn_unless} that turns a pass into WARN, and
 * an optional date from which it is in force.
 *
 * @param scope       {@code common} (every tier) or a tier code
 * @param yearOffsets the fiscal years the rule reads, relative to Y (0, -1, -2), for its period
 */
public record Rule(String id, String title, String scope, LocalDate effectiveFrom, Condition require,
                   Condition warnUnless, Score score, Outcome broken, SortedSet<Integer> yearOffsets) {

    public static final String COMMON = "common";

    public boolean inForce(LocalDate reviewDate) {
        return effectiveFrom == null || !reviewDate.isBefore(effectiveFrom);
    }

    /** True when the rule reads the review date (D, years_since, days_until): its result can change with no new data. */
    public boolean readsReviewDate() {
        return DateUse.in(this);
    }

    /** "2025" or "2024–2025"; null for rules that read no fiscal-year fact (stable across nights). */
    public String period(int lastYear) {
        if (yearOffsets.isEmpty()) {
            return null;
        }
        int first = lastYear + yearOffsets.first();
        int last = lastYear + yearOffsets.last();
        return first == last ? String.valueOf(first) : first + "–" + last;
    }

    public RuleResult evaluate(Facts facts, Map<String, Object> defaults) {
        Evaluator evaluator = new Evaluator(facts, defaults, yearOffsets.size() > 1);
        Evaluator.Verdict verdict = score != null ? evaluator.score(score) : evaluator.judge(require, false);
        List<String> missing = new ArrayList<>(verdict.missing());
        String threshold = verdict.threshold();
        Outcome outcome = switch (verdict.truth()) {
            case UNKNOWN -> Outcome.DATA_GAP;
            case FALSE -> broken;
            case TRUE -> Outcome.PASS;
        };
        if (warnUnless != null) {
            Evaluator.Verdict warn = evaluator.judge(warnUnless, false);
            threshold = threshold + "; WARN unless " + warn.threshold();
            if (outcome == Outcome.PASS && warn.truth() != Truth.TRUE) {
                outcome = warn.truth() == Truth.FALSE ? Outcome.WARN : Outcome.DATA_GAP;
                missing.addAll(warn.missing());
            }
        }
        String detail = title + (outcome == Outcome.DATA_GAP ? " — missing: " + String.join(", ", missing) : "");
        return new RuleResult(id, outcome, String.join("; ", verdict.observed()), threshold,
                period(facts.lastYear()), detail, evaluator.uses());
    }
}
