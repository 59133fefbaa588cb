package cn.qeregistry.review.rules;

import java.util.List;

/**
 * Whether a rule reads the review date: the input {@code D}, or {@code years_since}/{@code days_until},
 * which count from D. Only such a rule can give a holder another result on another night with the
 * same data; every other rule's result follows from the holder's inputs, the rule file and Y.
 */
final class DateUse {

    private DateUse() {
    }

    static boolean in(Rule rule) {
        if (in(rule.require()) || in(rule.warnUnless())) {
            return true;
        }
        return rule.score() != null && rule.score().parts().stream()
                .anyMatch(part -> in(part.measure()) || part.bands().stream().anyMatch(band -> in(band.test())));
    }

    private static boolean in(Condition condition) {
        if (condition == null) {
            return false;
        }
        if (condition instanceof Condition.Check check) {
            return in(check.expr());
        }
        if (condition instanceof Condition.AllOf all) {
            return all.parts().stream().anyMatch(DateUse::in);
        }
        if (condition instanceof Condition.AnyOf any) {
            return any.branches().stream().anyMatch(DateUse::in);
        }
        Condition.Cases cases = (Condition.Cases) condition;
        return in(cases.otherwise()) || cases.cases().stream().anyMatch(c -> in(c.when()) || in(c.then()));
    }

    private static boolean in(Expr expr) {
        if (expr instanceof Expr.InputRef ref) {
            return ref.input().source() == Vocabulary.Source.REVIEW;
        }
        if (expr instanceof Expr.Call call) {
            return call.function() == Vocabulary.Function.YEARS_SINCE || call.function() == Vocabulary.Function.DAYS_UNTIL
                    || anyIn(call.arguments());
        }
        if (expr instanceof Expr.ListOf list) {
            return anyIn(list.items());
        }
        if (expr instanceof Expr.Arithmetic arithmetic) {
            return in(arithmetic.left()) || in(arithmetic.right());
        }
        if (expr instanceof Expr.Negation negation) {
            return in(negation.operand());
        }
        if (expr instanceof Expr.Comparison comparison) {
            return in(comparison.left()) || in(comparison.right());
        }
        return false; // Literal, SetRef
    }

    private static boolean anyIn(List<Expr> exprs) {
        return exprs.stream().anyMatch(DateUse::in);
    }
}
