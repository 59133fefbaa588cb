package cn.qeregistry.intake;

import java.util.Arrays;

/**
 * Rows in PostgreSQL COPY text format, encoded straight to UTF-8 bytes (the JDBC driver's client
 * encoding): no intermediate String or char buffer per chunk, one growable byte array reused.
 * Null is {@code \N}; backslash, tab, line feed and carriage return are escaped; NUL is dropped
 * (PostgreSQL text cannot hold it).
 */
final class CopyText {

    private byte[] bytes = new byte[1 << 16];
    private int length;

    void clear() {
        length = 0;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** A non-negative whole number (ids, row numbers). */
    CopyText number(long value) {
        if (value >= 10) {
            number(value / 10);
        }
        return put((char) ('0' + value % 10));
    }

    CopyText tab() {
        return put('\t');
    }

    CopyText endOfRow() {
        return put('\n');
    }

    CopyText field(String value) {
        if (value == null) {
            return put('\\').put('N');
        }
        int n = value.length();
        ensure(n * 3 + 2);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                i = utf8(value, i);
                continue;
            }
            switch (c) {
                case '\\' -> put('\\').put('\\');
                case '\t' -> put('\\').put('t');
                case '\n' -> put('\\').put('n');
                case '\r' -> put('\\').put('r');
                case 0 -> {
                }
                default -> bytes[length++] = (byte) c;
            }
        }
        return this;
    }

    /** Encodes the non-ASCII character at {@code i} (a surrogate pair as one code point); returns the last index used. */
    private int utf8(String value, int i) {
        ensure(4);
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

    private CopyText put(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
