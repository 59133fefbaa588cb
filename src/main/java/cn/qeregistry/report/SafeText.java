package cn.qeregistry.report;

import java.util.regex.Pattern;

/**
 * Neutralises text that a spreadsheet would take as a formula (OWASP "CSV injection"): a value
 * starting with = + - @ tab or CR gets a leading apostrophe. A plain decimal number such as -0.12
 * cannot be a formula and is left as it is, so negative observed values stay readable.
 */
final class SafeText {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private SafeText() {
    }

    static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky && !PLAIN_NUMBER.matcher(value).matches() ? "'" + value : value;
    }
}
