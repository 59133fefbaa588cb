package cn.qeregistry.review.rules;

import cn.qeregistry.core.Tier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and type-checks rule expressions over the fixed {@link Vocabulary}. Grammar:
 * <pre>
 * condition  := sum (compare sum)?            compare := >= | <= | > | < | = | != | in | not in
 * sum        := product (('+'|'-') product)*
 * product    := unary (('*'|'/') unary)*
 * unary      := '-' unary | primary
 * primary    := number ['%'] | 'text' | true | false | date | [list] | input['@Y'|'@Y-n'] | set | fn(args) | ( sum )
 * </pre>
 * Numbers may use underscores (10_000_000); {@code 3%} is 0.03; dates are written 2025-01-01.
 */
public final class ExpressionParser {

    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> COMPARATORS = Set.of(">=", "<=", ">", "<", "=", "!=", "in", "not in");

    private final String text;
    private final Map<String, List<String>> sets;
    private final List<String> tokens = new ArrayList<>();
    private int position;

    private ExpressionParser(String text, Map<String, List<String>> sets) {
        this.text = text;
        this.sets = sets;
        tokenise();
    }

    /** A condition: a comparison, or an expression that is true or false by itself (holds(…)). */
    public static Expr condition(String text, Map<String, List<String>> sets) {
        ExpressionParser parser = new ExpressionParser(text, sets);
        Expr expr = parser.comparisonOrValue();
        parser.end();
        if (expr.type() != Type.BOOLEAN) {
            throw new ExpressionException("'" + text + "' is a " + expr.type().text() + ", not a condition (add a comparison such as >= 0.03)");
        }
        return expr;
    }

    /** A measure: any value-producing expression without a comparison. */
    public static Expr measure(String text, Map<String, List<String>> sets) {
        ExpressionParser parser = new ExpressionParser(text, sets);
        Expr expr = parser.sum();
        parser.end();
        return expr;
    }

    /** A comparison whose left side is given, written as its tail: {@code ">= 5%"}, {@code "in strategic"}. */
    public static Expr comparisonWith(Expr left, String tail, Map<String, List<String>> sets) {
        ExpressionParser parser = new ExpressionParser(tail, sets);
        String operator = parser.comparator();
        if (operator == null) {
            throw new ExpressionException("'" + tail + "' must start with one of >=, <=, >, <, =, !=, in, not in");
        }
        Expr comparison = comparison(operator, left, parser.sum());
        parser.end();
        return comparison;
    }

    private Expr comparisonOrValue() {
        Expr left = sum();
        String operator = comparator();
        return operator == null ? left : comparison(operator, left, sum());
    }

    private String comparator() {
        String token = peek();
        if (token == null) {
            return null;
        }
        if (token.equals("not") && "in".equals(peekAt(1))) {
            position += 2;
            return "not in";
        }
        if (COMPARATORS.contains(token)) {
            position++;
            return token;
        }
        return null;
    }

    private static Expr comparison(String operator, Expr left, Expr right) {
        Type l = left.type();
        Type r = right.type();
        switch (operator) {
            case "in", "not in" -> {
                if (r.element() == null || r.element() != l) {
                    throw new ExpressionException("'" + operator + "' needs a list of " + l.text() + " on its right, got " + r.text());
                }
            }
            case "=", "!=" -> {
                if (l != r) {
                    throw new ExpressionException("cannot compare " + l.text() + " with " + r.text());
                }
            }
            default -> {
                if (l != r || (l != Type.NUMBER && l != Type.DATE)) {
                    throw new ExpressionException("'" + operator + "' compares two numbers or two dates, got " + l.text() + " and " + r.text());
                }
            }
        }
        return new Expr.Comparison(operator, left, right);
    }

    private Expr sum() {
        Expr left = product();
        while ("+".equals(peek()) || "-".equals(peek())) {
            char operator = next().charAt(0);
            left = arithmetic(operator, left, product());
        }
        return left;
    }

    private Expr product() {
        Expr left = unary();
        while ("*".equals(peek()) || "/".equals(peek())) {
            char operator = next().charAt(0);
            left = arithmetic(operator, left, unary());
        }
        return left;
    }

    private static Expr arithmetic(char operator, Expr left, Expr right) {
        if (left.type() == Type.NUMBER && right.type() == Type.NUMBER) {
            return new Expr.Arithmetic(operator, left, right, Type.NUMBER);
        }
        if (left.type() == Type.DATE && right.type() == Type.NUMBER && (operator == '+' || operator == '-')) {
            return new Expr.Arithmetic(operator, left, right, Type.DATE);
        }
        throw new ExpressionException("cannot apply '" + operator + "' to " + left.type().text() + " and " + right.type().text());
    }

    private Expr unary() {
        if ("-".equals(peek())) {
            next();
            Expr operand = unary();
            if (operand.type() != Type.NUMBER) {
                throw new ExpressionException("cannot negate a " + operand.type().text());
            }
            return new Expr.Negation(operand);
        }
        return primary();
    }

    private Expr primary() {
        String token = next();
        if (token == null) {
            throw new ExpressionException("'" + text + "' ends where a value is expected");
        }
        char first = token.charAt(0);
        if (token.equals("(")) {
            Expr inner = sum();
            expect(")");
            return inner;
        }
        if (token.equals("[")) {
            return list();
        }
        if (first == '\'') {
            return new Expr.Literal(token.substring(1, token.length() - 1), Type.TEXT);
        }
        if (Character.isDigit(first)) {
            return number(token);
        }
        if (Character.isLetter(first) || first == '_') {
            return word(token);
        }
        throw new ExpressionException("unexpected '" + token + "' in '" + text + "'");
    }

    private Expr number(String token) {
        if (token.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return new Expr.Literal(LocalDate.parse(token), Type.DATE);
            } catch (DateTimeParseException e) {
                throw new ExpressionException("'" + token + "' is not a date");
            }
        }
        boolean percent = token.endsWith("%");
        String digits = (percent ? token.substring(0, token.length() - 1) : token).replace("_", "");
        BigDecimal value;
        try {
            value = new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw new ExpressionException("'" + token + "' is not a number");
        }
        return new Expr.Literal(Num.of(percent ? value.movePointLeft(2) : value), Type.NUMBER);
    }

    private Expr list() {
        List<Expr> items = new ArrayList<>();
        if (!"]".equals(peek())) {
            do {
                items.add(sum());
            } while (accept(","));
        }
        expect("]");
        if (items.isEmpty()) {
            throw new ExpressionException("an empty list [] matches nothing");
        }
        Type element = items.get(0).type();
        for (Expr item : items) {
            if (item.type() != element) {
                throw new ExpressionException("a list mixes " + element.text() + " and " + item.type().text());
            }
        }
        if (element != Type.NUMBER && element != Type.TEXT) {
            throw new ExpressionException("lists hold numbers or texts, not " + element.text());
        }
        return new Expr.ListOf(items, element.listOf());
    }

    private Expr word(String token) {
        switch (token) {
            case "true" -> {
                return new Expr.Literal(Boolean.TRUE, Type.BOOLEAN);
            }
            case "false" -> {
                return new Expr.Literal(Boolean.FALSE, Type.BOOLEAN);
            }
            default -> {
            }
        }
        if ("(".equals(peek())) {
            return call(token);
        }
        var input = Vocabulary.input(token);
        if (input.isPresent()) {
            return inputRef(input.get());
        }
        if (sets.containsKey(token)) {
            return new Expr.SetRef(token, sets.get(token));
        }
        throw new ExpressionException("unknown name '" + token + "' (inputs: " + String.join(", ", Vocabulary.inputNames())
                + (sets.isEmpty() ? "" : "; sets: " + String.join(", ", sets.keySet())) + ")");
    }

    private Expr inputRef(Vocabulary.Input input) {
        String year = peek() != null && peek().startsWith("@") ? next() : null;
        if (input.yearly() && year == null) {
            throw new ExpressionException("'" + input.name() + "' is a yearly fact: name the year, e.g. " + input.name() + "@Y or " + input.name() + "@Y-1");
        }
        if (!input.yearly() && year != null) {
            throw new ExpressionException("'" + input.name() + "' is not a yearly fact and takes no " + year);
        }
        int offset = 0;
        if (year != null) {
            if (!year.matches("@Y([+-]\\d+)?")) {
                throw new ExpressionException("year '" + year + "' must be @Y, @Y-1, @Y-2, … (Y = the fiscal year before the review date)");
            }
            offset = year.length() == 2 ? 0 : Integer.parseInt(year.substring(2).replace("+", ""));
            if (offset > 0) {
                throw new ExpressionException("year '" + year + "' lies after last year; facts exist only up to @Y");
            }
        }
        return new Expr.InputRef(input, offset);
    }

    private Expr call(String word) {
        var function = Vocabulary.function(word).orElseThrow(() -> new ExpressionException(
                "unknown function '" + word + "' (functions: years_since, days_until, growth, mean, division, holds)"));
        expect("(");
        List<Expr> arguments = new ArrayList<>();
        if (!")".equals(peek())) {
            do {
                arguments.add(sum());
            } while (accept(","));
        }
        expect(")");
        List<Type> parameters = function.parameters();
        if (function.variadic() ? arguments.isEmpty() : arguments.size() != parameters.size()) {
            throw new ExpressionException(word + "() takes " + (function.variadic() ? "one or more" : String.valueOf(parameters.size()))
                    + " argument(s), got " + arguments.size());
        }
        for (int i = 0; i < arguments.size(); i++) {
            Type expected = parameters.get(Math.min(i, parameters.size() - 1));
            if (arguments.get(i).type() != expected) {
                throw new ExpressionException(word + "() argument " + (i + 1) + " must be a " + expected.text()
                        + ", got " + arguments.get(i).type().text());
            }
        }
        if (function == Vocabulary.Function.HOLDS) {
            if (!(arguments.get(0) instanceof Expr.Literal literal) || Tier.fromCode((String) literal.value()).isEmpty()) {
                throw new ExpressionException("holds() takes a tier code in quotes, e.g. holds('LITTLE_GIANT')");
            }
        }
        return new Expr.Call(function, arguments);
    }

    private void tokenise() {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new ExpressionException("unclosed quote in '" + text + "'");
                }
                i = close + 1;
            } else if (c == '@') {
                i++;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '-' || text.charAt(i) == '+')) {
                    i++;
                }
            } else if (Character.isDigit(c)) {
                if (DATE.matcher(text).region(i, text.length()).lookingAt()) {
                    i += 10;
                }
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || "._".indexOf(text.charAt(i)) >= 0)) {
                    i++;
                }
                if (i < text.length() && text.charAt(i) == '%') {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_') {
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
            } else if ((c == '>' || c == '<' || c == '!') && i + 1 < text.length() && text.charAt(i + 1) == '=') {
                i += 2;
            } else if ("><=+-*/()[],".indexOf(c) >= 0) {
                i++;
            } else {
                throw new ExpressionException("character '" + c + "' is not allowed in '" + text + "'");
            }
            tokens.add(text.substring(start, i));
        }
    }

    private String peek() {
        return peekAt(0);
    }

    private String peekAt(int ahead) {
        return position + ahead < tokens.size() ? tokens.get(position + ahead) : null;
    }

    private String next() {
        return position < tokens.size() ? tokens.get(position++) : null;
    }

    private boolean accept(String token) {
        if (token.equals(peek())) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new ExpressionException("expected '" + token + "' in '" + text + "'" + (peek() == null ? " at its end" : " before '" + peek() + "'"));
        }
    }

    private void end() {
        if (peek() != null) {
            throw new ExpressionException("unexpected '" + peek() + "' in '" + text + "'");
        }
    }
}
