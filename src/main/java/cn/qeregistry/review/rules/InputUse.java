package cn.qeregistry.review.rules;

/**
 * One input a rule read: its name, the fiscal year for yearly facts (else null), the tier for
 * {@code holds(…)} (else null), the value (null when missing) and whether it is the rule set's default.
 */
public record InputUse(String input, Integer fiscalYear, String tier, Object value, boolean defaulted) {

    public String key() {
        return input + (fiscalYear == null ? "" : "@" + fiscalYear) + (tier == null ? "" : "(" + tier + ")");
    }
}
