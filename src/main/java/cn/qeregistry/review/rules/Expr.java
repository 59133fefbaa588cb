package cn.qeregistry.review.rules;

import java.util.List;

/** A parsed, type-checked expression of a rule. */
public sealed interface Expr {

    Type type();

    /** A number, text in quotes, true/false or a date. */
    record Literal(Object value, Type type) implements Expr {
    }

    /** An input of the vocabulary; {@code yearOffset} is relative to Y (last year) for yearly inputs. */
    record InputRef(Vocabulary.Input input, int yearOffset) implements Expr {
        @Override
        public Type type() {
            return input.type();
        }
    }

    /** A named list from the rule set's {@code sets:} section. */
    record SetRef(String name, List<String> values) implements Expr {
        @Override
        public Type type() {
            return Type.TEXT_LIST;
        }
    }

    record ListOf(List<Expr> items, Type type) implements Expr {
    }

    record Call(Vocabulary.Function function, List<Expr> arguments) implements Expr {
        @Override
        public Type type() {
            return function.result();
        }
    }

    /** + − × ÷ on numbers; a date ± a number of days. */
    record Arithmetic(char operator, Expr left, Expr right, Type type) implements Expr {
    }

    record Negation(Expr operand) implements Expr {
        @Override
        public Type type() {
            return Type.NUMBER;
        }
    }

    /** {@code >= <= > < = != in, not in}: left is the measure, right the threshold. */
    record Comparison(String operator, Expr left, Expr right) implements Expr {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }
}
