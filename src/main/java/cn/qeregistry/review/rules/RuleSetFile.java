package cn.qeregistry.review.rules;

import cn.qeregistry.core.Tier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads one rule-set file (format: see {@code jobs/review-rules/README.md}) and checks all of it:
 * structure, every expression against the vocabulary and types. Any problem refuses the whole file
 * with the file, the rule id and what is wrong.
 */
public final class RuleSetFile {

    private static final Set<String> TOP_KEYS = Set.of("name", "version", "effective_from", "draft", "description", "defaults", "sets", "rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "title", "effective_from", "require", "warn_unless", "broken", "score");

    private final Path file;
    private Map<String, List<String>> sets = Map.of();
    private String ruleId;

    private RuleSetFile(Path file) {
        this.file = file;
    }

    public static RuleSet read(Path file) {
        return new RuleSetFile(file).load();
    }

    private RuleSet load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RuleFileException(file, null, "cannot read: " + e.getMessage());
        }
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new RuleFileException(file, null, "not valid YAML: " + e.getMessage());
        }
        Map<String, Object> top = map(loaded, "the file");
        unknownKeys(top, TOP_KEYS, "the file");
        String name = text(top.get("name"), "name", true);
        String version = text(top.get("version"), "version", true);
        LocalDate effectiveFrom = date(top.get("effective_from"), "effective_from", true);
        boolean draft = Boolean.TRUE.equals(top.get("draft"));
        if (top.get("draft") != null && !(top.get("draft") instanceof Boolean)) {
            throw problem("draft must be true or false");
        }
        sets = readSets(top.get("sets"));
        Map<String, Object> defaults = readDefaults(top.get("defaults"));
        Map<String, List<Rule>> rules = readRules(top.get("rules"));
        return new RuleSet(name, version, effectiveFrom, draft, text(top.get("description"), "description", false),
                file, sha256(bytes), defaults, rules);
    }

    private Map<String, List<String>> readSets(Object node) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        for (Map.Entry<String, Object> e : map(node, "sets").entrySet()) {
            if (Vocabulary.input(e.getKey()).isPresent() || Vocabulary.function(e.getKey()).isPresent()) {
                throw problem("set '" + e.getKey() + "' has the name of an input or function");
            }
            if (!(e.getValue() instanceof List<?> values) || values.isEmpty()) {
                throw problem("set '" + e.getKey() + "' must be a non-empty list");
            }
            result.put(e.getKey(), values.stream().map(String::valueOf).toList());
        }
        return result;
    }

    private Map<String, Object> readDefaults(Object node) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        for (Map.Entry<String, Object> e : map(node, "defaults").entrySet()) {
            Vocabulary.Input input = Vocabulary.input(e.getKey())
                    .orElseThrow(() -> problem("default for unknown input '" + e.getKey() + "'"));
            Object value = e.getValue();
            Object typed = switch (input.type()) {
                case NUMBER -> value instanceof Number n ? Num.of(new BigDecimal(n.toString())) : null;
                case BOOLEAN -> value instanceof Boolean b ? b : null;
                case TEXT -> value instanceof String s ? s : null;
                case DATE -> value == null ? null : date(value, "defaults." + e.getKey(), true);
                default -> null;
            };
            if (typed == null) {
                throw problem("default of '" + e.getKey() + "' must be a " + input.type().text() + ", got '" + value + "'");
            }
            result.put(e.getKey(), typed);
        }
        return result;
    }

    private Map<String, List<Rule>> readRules(Object node) {
        if (node == null) {
            throw problem("'rules' is missing");
        }
        Map<String, List<Rule>> result = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, Object> e : map(node, "rules").entrySet()) {
            String scope = e.getKey();
            if (!Rule.COMMON.equals(scope) && Tier.fromCode(scope).isEmpty()) {
                throw problem("rules: '" + scope + "' is neither 'common' nor a tier code (INNOVATIVE_SME, SRDI_SME, LITTLE_GIANT, SINGLE_CHAMPION, CHAIN_LEADER)");
            }
            List<Rule> rules = new ArrayList<>();
            if (e.getValue() != null) {
                if (!(e.getValue() instanceof List<?> list)) {
                    throw problem("rules." + scope + " must be a list of rules");
                }
                for (Object item : list) {
                    Rule rule = readRule(scope, item);
                    if (!ids.add(rule.id())) {
                        throw new RuleFileException(file, rule.id(), "rule id appears twice");
                    }
                    rules.add(rule);
                }
            }
            result.put(scope, List.copyOf(rules));
        }
        ruleId = null;
        return result;
    }

    private Rule readRule(String scope, Object node) {
        ruleId = null;
        Map<String, Object> rule = map(node, "a rule under rules." + scope);
        ruleId = text(rule.get("id"), "id", true);
        try {
            unknownKeys(rule, RULE_KEYS, "the rule");
            String title = text(rule.get("title"), "title", false);
            LocalDate effectiveFrom = date(rule.get("effective_from"), "effective_from", false);
            Outcome broken = broken(rule.get("broken"));
            Object require = rule.get("require");
            Object score = rule.get("score");
            if ((require == null) == (score == null)) {
                throw problem("needs exactly one of 'require' or 'score'");
            }
            Condition requirement = require == null ? null : condition(require, "require");
            Condition warn = rule.get("warn_unless") == null ? null : condition(rule.get("warn_unless"), "warn_unless");
            Score points = score == null ? null : score(score);
            SortedSet<Integer> years = new TreeSet<>();
            if (requirement != null) {
                years(requirement, years);
            }
            if (warn != null) {
                years(warn, years);
            }
            if (points != null) {
                points.parts().forEach(p -> {
                    years(p.measure(), years);
                    p.bands().forEach(b -> years(b.test(), years));
                });
            }
            return new Rule(ruleId, title == null ? ruleId : title, scope, effectiveFrom, requirement, warn, points,
                    broken, years);
        } catch (ExpressionException e) {
            throw problem(e.getMessage());
        }
    }

    private Outcome broken(Object node) {
        if (node == null) {
            return Outcome.FAIL;
        }
        if ("FAIL".equals(node) || "WARN".equals(node)) {
            return Outcome.valueOf((String) node);
        }
        throw problem("broken must be FAIL or WARN, got '" + node + "'");
    }

    private Condition condition(Object node, String where) {
        if (node instanceof String text) {
            return new Condition.Check(at(where, () -> ExpressionParser.condition(text, sets)));
        }
        Map<String, Object> map = map(node, where);
        if (map.size() != 1) {
            throw problem(where + " must be a condition text or one of all_of, any_of, cases; got keys " + map.keySet());
        }
        Map.Entry<String, Object> only = map.entrySet().iterator().next();
        String key = only.getKey();
        List<?> items = only.getValue() instanceof List<?> list ? list : null;
        if (items == null || items.isEmpty()) {
            throw problem(where + "." + key + " must be a non-empty list");
        }
        switch (key) {
            case "all_of", "any_of" -> {
                List<Condition> parts = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    parts.add(condition(items.get(i), where + "." + key + "[" + (i + 1) + "]"));
                }
                return key.equals("all_of") ? new Condition.AllOf(parts) : new Condition.AnyOf(parts);
            }
            case "cases" -> {
                return cases(items, where + ".cases");
            }
            default -> throw problem(where + ": unknown '" + key + "' (use all_of, any_of or cases)");
        }
    }

    private Condition cases(List<?> items, String where) {
        List<Condition.Case> cases = new ArrayList<>();
        Condition otherwise = null;
        for (int i = 0; i < items.size(); i++) {
            String here = where + "[" + (i + 1) + "]";
            Map<String, Object> item = map(items.get(i), here);
            if (otherwise != null) {
                throw problem(here + " comes after 'otherwise', which must be last");
            }
            if (item.containsKey("otherwise") && item.size() == 1) {
                otherwise = condition(item.get("otherwise"), here + ".otherwise");
                continue;
            }
            if (!(item.get("when") instanceof String when) || item.get("require") == null || item.size() != 2) {
                throw problem(here + " must have 'when' (a condition) and 'require', or be 'otherwise'");
            }
            Expr guard = at(here + ".when", () -> ExpressionParser.condition(when, sets));
            cases.add(new Condition.Case(guard, condition(item.get("require"), here + ".require")));
        }
        if (cases.isEmpty()) {
            throw problem(where + " needs at least one case with 'when'");
        }
        return new Condition.Cases(cases, otherwise);
    }

    private Score score(Object node) {
        Map<String, Object> score = map(node, "score");
        unknownKeys(score, Set.of("parts", "minimum"), "score");
        if (!(score.get("parts") instanceof List<?> parts) || parts.isEmpty()) {
            throw problem("score.parts must be a non-empty list");
        }
        List<Score.Part> result = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            String here = "score.parts[" + (i + 1) + "]";
            Map<String, Object> part = map(parts.get(i), here);
            unknownKeys(part, Set.of("name", "group", "measure", "points"), here);
            String name = text(part.get("name"), here + ".name", true);
            String group = text(part.get("group"), here + ".group", true);
            String measureText = text(part.get("measure"), here + ".measure", true);
            Expr measure = at(here + ".measure", () -> ExpressionParser.measure(measureText, sets));
            if (!(part.get("points") instanceof List<?> bands) || bands.isEmpty()) {
                throw problem(here + ".points must be a non-empty list of {if: \">= 5%\", points: 20}");
            }
            List<Score.Band> parsed = new ArrayList<>();
            for (int j = 0; j < bands.size(); j++) {
                String bandWhere = here + ".points[" + (j + 1) + "]";
                Map<String, Object> band = map(bands.get(j), bandWhere);
                if (!(band.get("if") instanceof String test) || !(band.get("points") instanceof Number points) || band.size() != 2) {
                    throw problem(bandWhere + " must be {if: \"<comparison>\", points: <number>}");
                }
                Expr comparison = at(bandWhere, () -> ExpressionParser.comparisonWith(measure, test, sets));
                parsed.add(new Score.Band(comparison, Num.of(new BigDecimal(points.toString()))));
            }
            groups.add(group);
            result.add(new Score.Part(name, group, measure, parsed));
        }
        Map<String, Num> minimums = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(score.get("minimum"), "score.minimum").entrySet()) {
            if (!Score.TOTAL.equals(e.getKey()) && !groups.contains(e.getKey())) {
                throw problem("score.minimum." + e.getKey() + " is neither 'total' nor a group of the parts " + groups);
            }
            if (!(e.getValue() instanceof Number n)) {
                throw problem("score.minimum." + e.getKey() + " must be a number");
            }
            minimums.put(e.getKey(), Num.of(new BigDecimal(n.toString())));
        }
        return new Score(result, minimums);
    }

    private Expr at(String where, java.util.function.Supplier<Expr> parse) {
        try {
            return parse.get();
        } catch (ExpressionException e) {
            throw problem(where + ": " + e.getMessage());
        }
    }

    private static void years(Condition condition, Set<Integer> years) {
        if (condition instanceof Condition.Check check) {
            years(check.expr(), years);
        } else if (condition instanceof Condition.AllOf all) {
            all.parts().forEach(p -> years(p, years));
        } else if (condition instanceof Condition.AnyOf any) {
            any.branches().forEach(b -> years(b, years));
        } else if (condition instanceof Condition.Cases cases) {
            cases.cases().forEach(c -> {
                years(c.when(), years);
                years(c.then(), years);
            });
            if (cases.otherwise() != null) {
                years(cases.otherwise(), years);
            }
        }
    }

    private static void years(Expr expr, Set<Integer> years) {
        if (expr instanceof Expr.InputRef ref && ref.input().yearly()) {
            years.add(ref.yearOffset());
        } else if (expr instanceof Expr.Call call) {
            call.arguments().forEach(a -> years(a, years));
        } else if (expr instanceof Expr.Arithmetic a) {
            years(a.left(), years);
            years(a.right(), years);
        } else if (expr instanceof Expr.Negation n) {
            years(n.operand(), years);
        } else if (expr instanceof Expr.Comparison c) {
            years(c.left(), years);
            years(c.right(), years);
        } else if (expr instanceof Expr.ListOf l) {
            l.items().forEach(i -> years(i, years));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?> map)) {
            throw problem(what + " must be a mapping of keys to values");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw problem(what + ": key '" + key + "' must be a word");
            }
        }
        return (Map<String, Object>) map;
    }

    private void unknownKeys(Map<String, Object> map, Set<String> allowed, String what) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw problem(what + ": unknown key '" + key + "' (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    private String text(Object node, String what, boolean required) {
        if (node == null) {
            if (required) {
                throw problem("'" + what + "' is missing");
            }
            return null;
        }
        if (node instanceof Map || node instanceof List) {
            throw problem("'" + what + "' must be a single value");
        }
        return String.valueOf(node);
    }

    private LocalDate date(Object node, String what, boolean required) {
        if (node == null) {
            if (required) {
                throw problem("'" + what + "' is missing (a date, e.g. 2025-01-01)");
            }
            return null;
        }
        if (node instanceof Date date) {
            return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        try {
            return LocalDate.parse(String.valueOf(node));
        } catch (DateTimeParseException e) {
            throw problem("'" + what + "' must be a date YYYY-MM-DD, got '" + node + "'");
        }
    }

    private RuleFileException problem(String message) {
        return new RuleFileException(file, ruleId, message);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
