package cn.qeregistry.intake;

import java.util.List;
import java.util.Map;

/** The little JSON intake writes into jsonb columns: objects of text and arrays of them. */
final class Json {

    private Json() {
    }

    static String object(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, key).append(':');
            if (value == null) {
                out.append("null");
            } else {
                string(out, value);
            }
        });
        return out.append('}').toString();
    }

    static String array(List<Map<String, String>> objects) {
        StringBuilder out = new StringBuilder("[");
        for (Map<String, String> object : objects) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(object(object));
        }
        return out.append(']').toString();
    }

    private static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == 0) {
                        continue; // PostgreSQL text cannot hold NUL
                    }
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
