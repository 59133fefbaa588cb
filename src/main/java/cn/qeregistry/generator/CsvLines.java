package cn.qeregistry.generator;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/** A buffered CSV file written line by line (RFC 4180 quoting), counting physical lines from 1. */
final class CsvLines implements Closeable {

    private final Path file;
    private final BufferedWriter out;
    private final String newline;
    private int lines;

    CsvLines(Path file, Charset charset, String newline) throws IOException {
        this.file = file;
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), charset), 1 << 16);
        this.newline = newline;
    }

    String fileName() {
        return file.getFileName().toString();
    }

    /** Writes the fields as one line; returns its line number. */
    int write(Object... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            Object value = fields[i];
            if (value != null) {
                String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
                out.write(quoted(text));
            }
        }
        out.write(newline);
        return ++lines;
    }

    /** A header or other literal line. */
    int writeRaw(String line) throws IOException {
        out.write(line);
        out.write(newline);
        return ++lines;
    }

    private static String quoted(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
