package cn.qeregistry.core;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters over a 31-symbol
 * alphabet, the last one a check character. Positions 9–17 carry the old organisation code.
 */
public final class CreditCode {

    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private CreditCode() {
    }

    /** NFKC (full-width to ASCII), drops all whitespace incl. U+3000, upper-case. Null stays null. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String nfkc = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                out.append(c);
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** The check character for the first 17 characters, or -1 when one of them is outside the alphabet. */
    public static int checkCharFor(CharSequence first17) {
        if (first17.length() < 17) {
            return -1;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                return -1;
            }
            sum += value * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** Why a normalised code is not a valid credit code, or null when it is. */
    public static String problem(String code) {
        if (code == null || code.isEmpty()) {
            return "credit code is empty";
        }
        if (code.length() != 18) {
            return "credit code must have 18 characters, has " + code.length();
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return "character '" + code.charAt(i) + "' at position " + (i + 1) + " is not allowed in a credit code";
            }
        }
        int expected = checkCharFor(code);
        if (code.charAt(17) != expected) {
            return "check character is " + code.charAt(17) + ", should be " + (char) expected;
        }
        return null;
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** The old 9-character organisation code held in positions 9–17. */
    public static String organisationCode(String code) {
        return code.substring(8, 17);
    }

    /** The check character of an 8-character organisation code body (GB 11714): 0-9 or X. */
    public static char organisationCheckChar(CharSequence first8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = first8.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }
}
