package cn.qeregistry.intake;

import java.util.List;
import java.util.stream.Collectors;

/** How many rejects of a delivery share a rule (required, credit_code, date, …). */
record ReasonCount(String rule, long count) {

    /** The top reasons, e.g. {@code credit_code 12, required 3, date 1}. */
    static String describe(List<ReasonCount> reasons) {
        return reasons.stream().limit(5).map(r -> r.rule() + " " + r.count()).collect(Collectors.joining(", "))
                + (reasons.size() > 5 ? ", …" : "");
    }
}
