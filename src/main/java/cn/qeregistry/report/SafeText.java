package cn.qeregistry.report;

/**
 * Neutralises text that a spreadsheet would take as a formula (OWASP "CSV injection"): a value
 * starting with = + - @ tab or CR gets a leading apostrophe. A plain decimal number such as -0.12
 * cannot be a formula and is left as it is, so negative observed values stay readable (checked by
 * hand, not by a regular expression: this runs for every text cell of a report).
 */
final class SafeText {

    private SafeText() {
    }

    static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky && !plainNumber(value) ? "'" + value : value;
    }

    /** Whether {@code value} is -?[0-9]+(.[0-9]+)? */
    static boolean plainNumber(String value) {
        int i = value.startsWith("-") ? 1 : 0;
        int integer = digits(value, i);
        if (integer == i) {
            return false;
        }
        if (integer == value.length()) {
            return true;
        }
        return value.charAt(integer) == '.' && digits(value, integer + 1) == value.length() && integer + 1 < value.length();
    }

    /** The index of the first non-digit from {@code from}. */
    private static int digits(String value, int from) {
        int i = from;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
