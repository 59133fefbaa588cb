package cn.qeregistry.intake;

import cn.qeregistry.platform.CopyBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL COPY text format, as UTF-8 bytes in one growable array reused per chunk.
 * Null is {@code \N}; backslash, tab, line feed and carriage return are escaped; NUL is dropped
 * (PostgreSQL text cannot hold it).
 */
final class CopyText extends CopyBuffer<CopyText> {

    CopyText() {
        super(1 << 16);
    }

    CopyText tab() {
        return put('\t');
    }

    CopyText field(String value) {
        if (value == null) {
            return put('\\').put('N');
        }
        // The JDK's own encoder (a lone surrogate becomes '?'), then the escapes: in UTF-8 every byte of a
        // multi-byte character is >= 0x80, so a byte below 0x80 is always the ASCII character itself.
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int plain = 0;
        while (plain < utf8.length && !escaped(utf8[plain])) {
            plain++;
        }
        ensure(utf8.length * 2);
        System.arraycopy(utf8, 0, bytes, length, plain);
        length += plain;
        for (int i = plain; i < utf8.length; i++) {
            byte b = utf8[i];
            switch (b) {
                case '\\' -> put('\\').put('\\');
                case '\t' -> put('\\').put('t');
                case '\n' -> put('\\').put('n');
                case '\r' -> put('\\').put('r');
                case 0 -> {
                }
                default -> bytes[length++] = b;
            }
        }
        return this;
    }

    private static boolean escaped(byte b) {
        return b == '\\' || b == '\t' || b == '\n' || b == '\r' || b == 0;
    }
}
