package cn.qeregistry.review;

import cn.qeregistry.platform.CopyBuffer;

/**
 * Rows in PostgreSQL's COPY CSV format, encoded straight to UTF-8 bytes in one growable array: no
 * StringBuilder, String and Reader per page for the driver to encode again.
 * A value is quoted with its quotes doubled; null is an empty unquoted field.
 */
final class CopyCsv extends CopyBuffer<CopyCsv> {

    CopyCsv(int capacity) {
        super(capacity);
    }

    /** A field after the first: a comma, then the value. */
    CopyCsv field(String value) {
        put(',');
        if (value == null) {
            return this;
        }
        int n = value.length();
        ensure(n * 3 + 2); // a char takes at most 3 bytes: UTF-8 (a pair 4 for 2 chars), a doubled quote 2
        bytes[length++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c == '"') {
                    bytes[length++] = '"';
                }
                bytes[length++] = (byte) c;
            } else {
                i = utf8(value, i);
            }
        }
        bytes[length++] = '"';
        return this;
    }

    /** Encodes the non-ASCII character at {@code i} (a surrogate pair as one code point); returns the last index used. */
    private int utf8(String value, int i) {
        char c = value.charAt(i);
        if (c < 0x800) {
            bytes[length++] = (byte) (0xC0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, value.charAt(i + 1));
            bytes[length++] = (byte) (0xF0 | (cp >> 18));
            bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            return i + 1;
        }
        if (Character.isSurrogate(c)) {
            bytes[length++] = '?'; // a lone surrogate has no UTF-8 form; String.getBytes does the same
            return i;
        }
        bytes[length++] = (byte) (0xE0 | (c >> 12));
        bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
        return i;
    }
}
