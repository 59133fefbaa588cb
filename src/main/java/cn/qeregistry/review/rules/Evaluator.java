package cn.qeregistry.review.rules;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates one rule's expressions for one holding. Remembers every input read (for lineage) and
 * renders what it saw as text ("0.0312 (rd_expense 3,120,000 / revenue 100,000,000)").
 */
final class Evaluator {

    /** An unknown value and why: the missing inputs, or a division by zero. */
    record Missing(Set<String> reasons) {
    }

    /** A condition's truth with the observed values and threshold text along the path taken. */
    record Verdict(Truth truth, List<String> observed, String threshold, Set<String> missing) {
    }

    private final Facts facts;
    private final Map<String, Object> defaults;
    private final boolean showYears;
    private final Map<String, InputUse> uses = new LinkedHashMap<>();

    Evaluator(Facts facts, Map<String, Object> defaults, boolean showYears) {
        this.facts = facts;
        this.defaults = defaults;
        this.showYears = showYears;
    }

    List<InputUse> uses() {
        return List.copyOf(uses.values());
    }

    Verdict judge(Condition condition, boolean compound) {
        if (condition instanceof Condition.Check check) {
            return check(check.expr(), compound);
        }
        if (condition instanceof Condition.AllOf all) {
            return combine(all.parts(), " and ", true);
        }
        if (condition instanceof Condition.AnyOf any) {
            return combine(any.branches(), " or ", false);
        }
        return cases((Condition.Cases) condition);
    }

    private Verdict check(Expr expr, boolean compound) {
        Set<String> missing = new LinkedHashSet<>();
        if (expr instanceof Expr.Comparison c) {
            Object left = value(c.left());
            Object right = value(c.right());
            collect(left, missing);
            collect(right, missing);
            Truth truth = missing.isEmpty() ? Truth.of(compare(c.operator(), left, right)) : Truth.UNKNOWN;
            String threshold = (compound ? render(c.left()) + " " : "") + c.operator() + " "
                    + (right instanceof Missing ? render(c.right()) : format(right));
            return new Verdict(truth, List.of(observed(c.left(), left, compound)), threshold, missing);
        }
        Object value = value(expr);
        collect(value, missing);
        Truth truth = missing.isEmpty() ? Truth.of((Boolean) value) : Truth.UNKNOWN;
        return new Verdict(truth, List.of(render(expr) + " = " + format(value)), render(expr), missing);
    }

    private Verdict combine(List<Condition> parts, String joiner, boolean all) {
        List<String> observed = new ArrayList<>();
        List<String> thresholds = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        boolean anyTrue = false;
        boolean anyFalse = false;
        boolean anyUnknown = false;
        for (Condition part : parts) {
            Verdict v = judge(part, true);
            observed.addAll(v.observed());
            thresholds.add(part instanceof Condition.Check ? v.threshold() : "(" + v.threshold() + ")");
            missing.addAll(v.missing());
            anyTrue |= v.truth() == Truth.TRUE;
            anyFalse |= v.truth() == Truth.FALSE;
            anyUnknown |= v.truth() == Truth.UNKNOWN;
        }
        Truth truth;
        if (all) {
            truth = anyUnknown ? Truth.UNKNOWN : Truth.of(!anyFalse);
        } else {
            truth = anyTrue ? Truth.TRUE : anyUnknown ? Truth.UNKNOWN : Truth.FALSE;
        }
        return new Verdict(truth, observed, String.join(joiner, thresholds), truth == Truth.TRUE ? Set.of() : missing);
    }

    private Verdict cases(Condition.Cases cases) {
        List<String> observed = new ArrayList<>();
        for (Condition.Case c : cases.cases()) {
            Verdict guard = check(c.when(), true);
            observed.addAll(guard.observed());
            if (guard.truth() == Truth.UNKNOWN) {
                return new Verdict(Truth.UNKNOWN, observed, "band by " + render(c.when()), guard.missing());
            }
            if (guard.truth() == Truth.TRUE) {
                return within(render(c.when()), c.then(), observed);
            }
        }
        if (cases.otherwise() == null) {
            return new Verdict(Truth.TRUE, observed, "no requirement in this band", Set.of());
        }
        return within("otherwise", cases.otherwise(), observed);
    }

    private Verdict within(String band, Condition then, List<String> observedSoFar) {
        Verdict v = judge(then, true);
        List<String> observed = new ArrayList<>(observedSoFar);
        observed.addAll(v.observed());
        return new Verdict(v.truth(), observed, "[" + band + "] " + v.threshold(), v.missing());
    }

    /** A points score: met when every minimum is reached; unknown parts score 0 and, if it then fails, make it UNKNOWN. */
    Verdict score(Score score) {
        Map<String, Num> sums = new LinkedHashMap<>();
        Map<String, List<String>> explained = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        Num total = Num.ZERO;
        for (Score.Part part : score.parts()) {
            Object measured = value(part.measure());
            Num points = Num.ZERO;
            if (measured instanceof Missing m) {
                missing.addAll(m.reasons());
            } else {
                for (Score.Band band : part.bands()) {
                    if (Boolean.TRUE.equals(value(band.test()))) {
                        points = band.points();
                        break;
                    }
                }
            }
            total = total.plus(points);
            sums.merge(part.group(), points, Num::plus);
            explained.computeIfAbsent(part.group(), g -> new ArrayList<>())
                    .add(part.name() + " " + points + " ← " + format(measured));
        }
        sums.put(Score.TOTAL, total);
        boolean reached = score.minimums().entrySet().stream()
                .allMatch(min -> sums.getOrDefault(min.getKey(), Num.ZERO).compareTo(min.getValue()) >= 0);
        Truth truth = reached ? Truth.TRUE : missing.isEmpty() ? Truth.FALSE : Truth.UNKNOWN;
        String observed = "score " + total + ": " + explained.entrySet().stream()
                .map(e -> e.getKey() + " " + sums.get(e.getKey()) + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; "));
        String threshold = score.minimums().entrySet().stream().map(e -> e.getKey() + " >= " + e.getValue())
                .collect(Collectors.joining(", "));
        return new Verdict(truth, List.of(observed), threshold, reached ? Set.of() : missing);
    }

    Object value(Expr expr) {
        if (expr instanceof Expr.Literal l) {
            return l.value();
        }
        if (expr instanceof Expr.SetRef s) {
            return s.values();
        }
        if (expr instanceof Expr.ListOf l) {
            return list(l);
        }
        if (expr instanceof Expr.InputRef ref) {
            return input(ref);
        }
        if (expr instanceof Expr.Call call) {
            return call(call);
        }
        if (expr instanceof Expr.Arithmetic a) {
            return arithmetic(a);
        }
        if (expr instanceof Expr.Negation n) {
            Object v = value(n.operand());
            return v instanceof Num num ? num.negate() : v;
        }
        Expr.Comparison c = (Expr.Comparison) expr;
        Object left = value(c.left());
        Object right = value(c.right());
        Set<String> missing = new LinkedHashSet<>();
        collect(left, missing);
        collect(right, missing);
        return missing.isEmpty() ? compare(c.operator(), left, right) : new Missing(missing);
    }

    private Object list(Expr.ListOf list) {
        List<Object> values = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        for (Expr item : list.items()) {
            Object v = value(item);
            collect(v, missing);
            values.add(v);
        }
        return missing.isEmpty() ? values : new Missing(missing);
    }

    private Object input(Expr.InputRef ref) {
        Vocabulary.Input input = ref.input();
        Integer year = input.yearly() ? facts.lastYear() + ref.yearOffset() : null;
        Object value = switch (input.source()) {
            case FIRM -> facts.firm(input.name());
            case YEAR -> facts.year(input.name(), year);
            case HOLDING -> facts.holding(input.name());
            case REVIEW -> facts.reviewDate();
        };
        boolean defaulted = false;
        if (value == null && defaults.containsKey(input.name())) {
            value = defaults.get(input.name());
            defaulted = true;
        }
        if (input.source() != Vocabulary.Source.REVIEW) {
            InputUse use = new InputUse(input.name(), year, null, value, defaulted);
            uses.putIfAbsent(use.key(), use);
        }
        return value == null ? new Missing(Set.of(name(ref))) : value;
    }

    private Object call(Expr.Call call) {
        if (call.function() == Vocabulary.Function.HOLDS) {
            String tier = (String) ((Expr.Literal) call.arguments().get(0)).value();
            boolean holds = facts.holds(tier);
            InputUse use = new InputUse("holds", null, tier, holds, false);
            uses.putIfAbsent(use.key(), use);
            return holds;
        }
        List<Object> args = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        for (Expr argument : call.arguments()) {
            Object v = value(argument);
            collect(v, missing);
            args.add(v);
        }
        if (!missing.isEmpty()) {
            return new Missing(missing);
        }
        LocalDate d = facts.reviewDate();
        return switch (call.function()) {
            case YEARS_SINCE -> Num.of(Period.between((LocalDate) args.get(0), d).getYears());
            case DAYS_UNTIL -> Num.of(ChronoUnit.DAYS.between(d, (LocalDate) args.get(0)));
            case GROWTH -> {
                Num now = (Num) args.get(0);
                Num before = (Num) args.get(1);
                yield before.signum() <= 0 ? new Missing(Set.of(render(call.arguments().get(1)) + " is not positive (no growth rate)"))
                        : now.minus(before).dividedBy(before);
            }
            case MEAN -> args.stream().map(Num.class::cast).reduce(Num.ZERO, Num::plus).dividedBy(Num.of(args.size()));
            case DIVISION -> {
                String code = (String) args.get(0);
                yield code.substring(0, Math.min(3, code.length()));
            }
            case HOLDS -> throw new IllegalStateException("handled above");
        };
    }

    private Object arithmetic(Expr.Arithmetic a) {
        Object left = value(a.left());
        Object right = value(a.right());
        Set<String> missing = new LinkedHashSet<>();
        collect(left, missing);
        collect(right, missing);
        if (!missing.isEmpty()) {
            return new Missing(missing);
        }
        Num r = (Num) right;
        if (left instanceof LocalDate date) {
            long days = r.longValue();
            return a.operator() == '+' ? date.plusDays(days) : date.minusDays(days);
        }
        Num l = (Num) left;
        return switch (a.operator()) {
            case '+' -> l.plus(r);
            case '-' -> l.minus(r);
            case '*' -> l.times(r);
            default -> r.signum() <= 0 ? new Missing(Set.of(render(a.right()) + " is not positive (no meaningful ratio)")) : l.dividedBy(r);
        };
    }

    @SuppressWarnings("unchecked")
    private static boolean compare(String operator, Object left, Object right) {
        return switch (operator) {
            case "=" -> equal(left, right);
            case "!=" -> !equal(left, right);
            case "in" -> ((List<Object>) right).stream().anyMatch(item -> equal(left, item));
            case "not in" -> ((List<Object>) right).stream().noneMatch(item -> equal(left, item));
            default -> {
                int order = left instanceof Num l ? l.compareTo((Num) right) : ((LocalDate) left).compareTo((LocalDate) right);
                yield switch (operator) {
                    case ">=" -> order >= 0;
                    case "<=" -> order <= 0;
                    case ">" -> order > 0;
                    default -> order < 0;
                };
            }
        };
    }

    private static boolean equal(Object a, Object b) {
        return a instanceof Num x && b instanceof Num y ? x.compareTo(y) == 0 : a.equals(b);
    }

    private static void collect(Object value, Set<String> missing) {
        if (value instanceof Missing m) {
            missing.addAll(m.reasons());
        }
    }

    private String observed(Expr measure, Object value, boolean compound) {
        if (measure instanceof Expr.InputRef || measure instanceof Expr.Literal) {
            return compound ? render(measure) + " " + format(value) : format(value);
        }
        return format(value) + " (" + explain(measure) + ")";
    }

    /** The expression with every input followed by its value: "rd_expense 3,120,000 / revenue 100,000,000". */
    String explain(Expr expr) {
        if (expr instanceof Expr.InputRef ref) {
            return name(ref) + " " + format(value(ref));
        }
        if (expr instanceof Expr.Arithmetic a) {
            return operand(a.left(), a, false) + " " + a.operator() + " " + operand(a.right(), a, true);
        }
        if (expr instanceof Expr.Negation n) {
            return "-" + explain(n.operand());
        }
        if (expr instanceof Expr.Call c) {
            return c.function().word() + "(" + c.arguments().stream().map(this::explain).collect(Collectors.joining(", ")) + ")";
        }
        return render(expr);
    }

    private String operand(Expr child, Expr.Arithmetic parent, boolean right) {
        String text = explain(child);
        return needsBrackets(child, parent, right) ? "(" + text + ")" : text;
    }

    /** The expression as written, with years resolved: "revenue@2025 >= 100,000,000". */
    String render(Expr expr) {
        if (expr instanceof Expr.Literal l) {
            return l.value() instanceof String s ? "'" + s + "'" : format(l.value());
        }
        if (expr instanceof Expr.SetRef s) {
            return s.name();
        }
        if (expr instanceof Expr.ListOf l) {
            return "[" + l.items().stream().map(this::render).collect(Collectors.joining(", ")) + "]";
        }
        if (expr instanceof Expr.InputRef ref) {
            return name(ref);
        }
        if (expr instanceof Expr.Call c) {
            return c.function().word() + "(" + c.arguments().stream().map(this::render).collect(Collectors.joining(", ")) + ")";
        }
        if (expr instanceof Expr.Arithmetic a) {
            String l = render(a.left());
            String r = render(a.right());
            return (needsBrackets(a.left(), a, false) ? "(" + l + ")" : l) + " " + a.operator() + " "
                    + (needsBrackets(a.right(), a, true) ? "(" + r + ")" : r);
        }
        if (expr instanceof Expr.Negation n) {
            return "-" + render(n.operand());
        }
        Expr.Comparison c = (Expr.Comparison) expr;
        return render(c.left()) + " " + c.operator() + " " + render(c.right());
    }

    private static boolean needsBrackets(Expr child, Expr.Arithmetic parent, boolean right) {
        if (!(child instanceof Expr.Arithmetic c)) {
            return false;
        }
        int childRank = c.operator() == '*' || c.operator() == '/' ? 2 : 1;
        int parentRank = parent.operator() == '*' || parent.operator() == '/' ? 2 : 1;
        return childRank < parentRank || (right && childRank == parentRank && (parent.operator() == '-' || parent.operator() == '/'));
    }

    private String name(Expr.InputRef ref) {
        if (!ref.input().yearly()) {
            return ref.input().name();
        }
        return showYears ? ref.input().name() + "@" + (facts.lastYear() + ref.yearOffset()) : ref.input().name();
    }

    static String format(Object value) {
        if (value instanceof Missing || value == null) {
            return "?";
        }
        if (value instanceof List<?> list) {
            return "[" + list.stream().map(Evaluator::format).collect(Collectors.joining(", ")) + "]";
        }
        return value.toString();
    }
}
