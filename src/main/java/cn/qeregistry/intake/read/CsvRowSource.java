package cn.qeregistry.intake.read;

import cn.qeregistry.intake.normalise.Text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV file (RFC 4180 quoting: commas, quotes and line breaks inside quoted fields;
 * CR, LF or CRLF line ends, mixed). The encoding: a byte-order mark decides (UTF-8, UTF-16); else
 * UTF-8 when the whole file decodes strictly as UTF-8, else GB18030 (Chinese Windows Excel).
 * A record's row number is the line it starts on.
 */
public final class CsvRowSource implements RowSource {

    private static final Charset GB18030 = Charset.forName("GB18030");

    private final String name;
    private final Reader in;
    private final Charset charset;
    private final char[] buffer = new char[1 << 14]; // read in blocks: Reader.read() per character is synchronised and slow
    private int position;
    private int filled;
    private int line = 1;
    private int pending = -2; // one character of look-ahead; -2 = none

    public CsvRowSource(Path file, String name) {
        this.name = name;
        try {
            Encoding encoding = detect(file);
            this.charset = encoding.charset();
            InputStream bytes = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            bytes.skipNBytes(encoding.bomLength());
            this.in = new InputStreamReader(bytes, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        } catch (IOException e) {
            throw new BadFileException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public Charset charset() {
        return charset;
    }

    @Override
    public RawRow next() {
        try {
            while (true) {
                int start = line;
                List<String> fields = record();
                if (fields == null) {
                    return null;
                }
                for (String field : fields) {
                    if (!Text.isBlank(field)) {
                        return new RawRow(null, start, fields.toArray(new String[0]), false);
                    }
                }
            }
        } catch (IOException e) {
            throw new BadFileException(name + ": cannot be read past line " + line + ": " + e.getMessage(), e);
        }
    }

    /** One record, or null at the end of the file. */
    private List<String> record() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c < 0) {
                fields.add(value(field, wasQuoted));
                return fields;
            }
            if (quoted) {
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = next;
                        continue;
                    }
                } else {
                    if (c == '\r' || c == '\n') {
                        newline(c);
                        field.append('\n');
                    } else {
                        field.append((char) c);
                    }
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                newline(c);
                fields.add(value(field, wasQuoted));
                return fields;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private static String value(StringBuilder field, boolean quoted) {
        return field.isEmpty() && !quoted ? null : field.toString();
    }

    /** Counts a line end; CRLF is one. */
    private void newline(int c) throws IOException {
        line++;
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                pending = next;
            }
        }
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        if (position == filled) {
            filled = in.read(buffer, 0, buffer.length);
            position = 0;
            if (filled <= 0) {
                filled = 0;
                return -1;
            }
        }
        return buffer[position++];
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }

    record Encoding(Charset charset, int bomLength) {
    }

    static Encoding detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                return new Encoding(StandardCharsets.UTF_8, 3);
            }
            if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
                return new Encoding(StandardCharsets.UTF_16LE, 2);
            }
            if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
                return new Encoding(StandardCharsets.UTF_16BE, 2);
            }
        }
        return new Encoding(isStrictUtf8(file) ? StandardCharsets.UTF_8 : GB18030, 0);
    }

    /** Decodes the whole file strictly as UTF-8, a block at a time. */
    private static boolean isStrictUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        try (var channel = Files.newByteChannel(file)) {
            while (true) {
                int n = channel.read(bytes);
                bytes.flip();
                var result = decoder.decode(bytes, chars, n < 0);
                if (result.isError()) {
                    return false;
                }
                chars.clear();
                bytes.compact();
                if (n < 0) {
                    return !decoder.flush(chars).isError() && bytes.position() == 0;
                }
            }
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
