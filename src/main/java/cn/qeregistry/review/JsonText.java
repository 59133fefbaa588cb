package cn.qeregistry.review;

/**
 * JSON string literals as Jackson writes them by default: quote and backslash escaped with a backslash,
 * backspace, tab, line feed, form feed and carriage return by their short forms, other control
 * characters as a backslash-u escape with four upper-case hex digits, everything else (non-ASCII
 * included) as is; null as {@code null}.
 */
final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            json.append(value, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        json.append(value, plainFrom, value.length()).append('"');
    }
}
