package cn.qeregistry.exceptions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of problem in the register, with their Chinese label and severity. Severity is a
 * product decision: what blocks use of the data or fails a review is an ERROR, a disagreement or
 * a warning outcome is a WARN, missing input (the rule could not decide) is INFO.
 */
public enum ExceptionCategory {
    INTAKE_REJECT("入库拒收", Severity.ERROR),
    DUPLICATE("重复记录", Severity.ERROR),
    UNMATCHED("未匹配企业", Severity.ERROR),
    CONFLICT("数据冲突", Severity.WARN),
    REVIEW_FAIL("复核不通过", Severity.ERROR),
    REVIEW_WARN("复核预警", Severity.WARN),
    DATA_GAP("数据缺失", Severity.INFO);

    private final String chinese;
    private final Severity severity;

    ExceptionCategory(String chinese, Severity severity) {
        this.chinese = chinese;
        this.severity = severity;
    }

    public String chinese() {
        return chinese;
    }

    public Severity severity() {
        return severity;
    }

    /** The category for a code, case-insensitive. */
    public static Optional<ExceptionCategory> fromCode(String code) {
        return code == null ? Optional.empty()
                : Arrays.stream(values()).filter(c -> c.name().equals(code.trim().toUpperCase(Locale.ROOT))).findFirst();
    }
}
