package cn.qeregistry.intake.normalise;

import java.text.Normalizer;

/** Cleaning of cell text as departments send it: full-width forms, U+3000 and stray blanks. */
public final class Text {

    private Text() {
    }

    /** NFKC (full-width digits, letters, brackets and U+3000 to ASCII) and trimmed; null or blank gives null. */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String text = isNfkcStable(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFKC);
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return start == end ? null : text.substring(start, end);
    }

    /** The cleaned text with every blank removed: how headers and vocabulary words are compared. */
    public static String compact(String raw) {
        String text = clean(raw);
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isBlank(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A vocabulary word as compared: compact, without quotation marks of any width. */
    public static String word(String raw) {
        String text = compact(raw);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '"' && c != '\'' && c != '“' && c != '”' && c != '‘' && c != '’' && c != '「' && c != '」') {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static boolean isBlank(String raw) {
        if (raw == null) {
            return true;
        }
        for (int i = 0; i < raw.length(); i++) {
            if (!isBlank(raw.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    /** Printable ASCII and CJK unified ideographs have no NFKC mapping: most cells skip the normaliser. */
    private static boolean isNfkcStable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 0x20 && c < 0x7F) || (c >= 0x4E00 && c <= 0x9FFF))) {
                return false;
            }
        }
        return true;
    }
}
