package cn.qeregistry.intake.normalise;

/**
 * What is wrong with one cell of a row.
 *
 * @param rule  a short stable code for grouping (required, credit_code, number, date, enum, range, length)
 */
public record Problem(String field, String column, String value, String rule, String reason) {
}
