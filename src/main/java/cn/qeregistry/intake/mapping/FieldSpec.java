package cn.qeregistry.intake.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One canonical field of a feed (a staged column): the header words that name it, its type and the
 * checks a value must pass.
 *
 * @param headers     the header aliases, compacted (no blanks, NFKC)
 * @param unit        the factor to 元 when the header names no unit (money only)
 * @param atMost      a plausibility bound on another field of the same row, e.g. rd_expense ≤ revenue × 1.5
 * @param vocabulary  word (as {@code Text.word}) → staged value, for enums
 */
public record FieldSpec(String name, List<String> headers, FieldType type, boolean required, Integer maxLength,
                        Integer length, BigDecimal unit, BigDecimal min, BigDecimal max, boolean notAfterToday,
                        Bound atMost, String vocabularyName, Map<String, String> vocabulary) {

    /** The value of this field must not exceed {@code factor} × the value of {@code field}. */
    public record Bound(String field, BigDecimal factor) {
        @Override
        public String toString() {
            return field + " × " + factor.stripTrailingZeros().toPlainString();
        }
    }
}
