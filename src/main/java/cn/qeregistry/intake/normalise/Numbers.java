package cn.qeregistry.intake.normalise;

import java.math.BigDecimal;

/** Numbers as departments write them: thousands separators, text, scientific notation. */
public final class Numbers {

    private Numbers() {
    }

    /** The value of cleaned text, or null when it is not a number. */
    public static BigDecimal parse(String cleaned) {
        StringBuilder digits = new StringBuilder(cleaned.length());
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            if (c == ',' || c == ' ' || c == '_') {
                continue; // thousands separators
            }
            if ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
                digits.append(c);
            } else {
                return null;
            }
        }
        if (digits.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(digits.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
