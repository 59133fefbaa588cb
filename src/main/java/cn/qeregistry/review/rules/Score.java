package cn.qeregistry.review.rules;

import java.util.List;
import java.util.Map;

/**
 * A points score: each part measures one thing and scores the points of its first band that holds
 * (none ⇒ 0; an unknown measure ⇒ 0 and reported). Parts add up in groups; every minimum
 * ({@code total} and per group) must be reached.
 */
public record Score(List<Part> parts, Map<String, Num> minimums) {

    public static final String TOTAL = "total";

    public record Part(String name, String group, Expr measure, List<Band> bands) {
    }

    /** {@code test} is a comparison whose left side is the part's measure. */
    public record Band(Expr test, Num points) {
    }
}
