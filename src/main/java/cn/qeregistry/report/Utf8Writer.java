package cn.qeregistry.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * UTF-8 straight into a byte buffer, unsynchronised: the sheet XML is written in many small pieces
 * (an attribute is four writes), and {@code BufferedWriter} takes a lock per piece and encodes through
 * a {@code CharsetEncoder} per flush. Encodes as {@code OutputStreamWriter} does, a surrogate without
 * its partner included (written as '?', the JDK encoder's replacement), also when a pair is split
 * between two writes.
 */
final class Utf8Writer extends Writer {

    private static final int SIZE = 1 << 16;

    private final OutputStream out;
    private final byte[] buffer = new byte[SIZE];
    private int used;
    /** A high surrogate written last, waiting for its low surrogate; 0 when none. */
    private char pendingHigh;
    private boolean closed;

    Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(String s) throws IOException {
        write(s, 0, s.length());
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && pendingHigh == 0 && used < SIZE) {
                buffer[used++] = (byte) c;
            } else {
                put(c);
            }
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = chars[i];
            if (c < 0x80 && pendingHigh == 0 && used < SIZE) {
                buffer[used++] = (byte) c;
            } else {
                put(c);
            }
        }
    }

    /** Bytes known to be ASCII (markup), copied as they are. */
    void writeAscii(byte[] ascii) throws IOException {
        if (pendingHigh != 0 || ascii.length > SIZE - used) {
            for (byte b : ascii) {
                put((char) b);
            }
            return;
        }
        System.arraycopy(ascii, 0, buffer, used, ascii.length);
        used += ascii.length;
    }

    /**
     * Writes {@code text} in one pass if it holds no character that XML text needs escaped or replaced
     * ({@link ReportSheetWriter#escaped}); otherwise writes nothing and returns false.
     */
    boolean writePlainText(String text) throws IOException {
        int n = text.length();
        // at most 3 bytes a char, and a '?' for a high surrogate left from before: put() never drains
        if (3L * n + 8 > SIZE - used) {
            drain();
            if (3L * n + 8 > SIZE) {
                for (int i = 0; i < n; i++) {
                    if (ReportSheetWriter.escaped(text.charAt(i))) {
                        return false;
                    }
                }
                write(text, 0, n);
                return true;
            }
        }
        int start = used;
        char high = pendingHigh;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80 && c >= ' ' && c != '<' && c != '>' && c != '&' && c != '"' && pendingHigh == 0) {
                buffer[used++] = (byte) c;
            } else if (ReportSheetWriter.escaped(c)) {
                used = start;
                pendingHigh = high;
                return false;
            } else {
                put(c);
            }
        }
        return true;
    }

    private void put(char c) throws IOException {
        if (used > SIZE - 4) {
            drain();
        }
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int codePoint = Character.toCodePoint(high, c);
                buffer[used++] = (byte) (0xF0 | codePoint >> 18);
                buffer[used++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                buffer[used++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                buffer[used++] = (byte) (0x80 | codePoint & 0x3F);
                return;
            }
            buffer[used++] = '?';
        }
        if (c < 0x80) {
            buffer[used++] = (byte) c;
        } else if (c < 0x800) {
            buffer[used++] = (byte) (0xC0 | c >> 6);
            buffer[used++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            buffer[used++] = '?';
        } else {
            buffer[used++] = (byte) (0xE0 | c >> 12);
            buffer[used++] = (byte) (0x80 | c >> 6 & 0x3F);
            buffer[used++] = (byte) (0x80 | c & 0x3F);
        }
    }

    private void drain() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (pendingHigh != 0) {
            pendingHigh = 0;
            put('?');
        }
        try {
            drain();
        } finally {
            out.close();
        }
    }
}
