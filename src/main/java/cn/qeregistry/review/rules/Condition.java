package cn.qeregistry.review.rules;

import java.util.List;

/**
 * A rule's requirement. Missing inputs make a check UNKNOWN (⇒ DATA_GAP): {@code all_of} is UNKNOWN
 * when any part is; {@code any_of} (either-or) is met as soon as one branch is met; {@code cases}
 * picks the first case whose {@code when} holds (bands, level-dependent thresholds).
 */
public sealed interface Condition {

    record Check(Expr expr) implements Condition {
    }

    record AllOf(List<Condition> parts) implements Condition {
    }

    record AnyOf(List<Condition> branches) implements Condition {
    }

    /** {@code otherwise} may be null: no case applies ⇒ no requirement. */
    record Cases(List<Case> cases, Condition otherwise) implements Condition {
    }

    record Case(Expr when, Condition then) {
    }
}
