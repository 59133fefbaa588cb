package cn.qeregistry.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** RFC 4180 CSV in UTF-8 with a byte order mark, so Excel on Chinese Windows reads it correctly. */
final class CsvTableWriter implements TableWriter {

    private final Writer out;
    private final Lang lang;
    private List<Column> columns;

    CsvTableWriter(OutputStream out, Lang lang) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.lang = lang;
        this.out.write('\uFEFF');
    }

    @Override
    public void startSheet(String name, List<Column> sheetColumns) throws IOException {
        if (columns != null) {
            return;
        }
        columns = sheetColumns;
        row(sheetColumns.stream().map(c -> c.header(lang)).toArray());
    }

    @Override
    public void row(Object... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            Object value = values[i];
            if (value instanceof BigDecimal number) {
                out.write(number.toPlainString());
            } else if (value instanceof Number number) {
                out.write(number.toString());
            } else if (value != null) {
                out.write(quoted(SafeText.neutralise(value.toString())));
            }
        }
        out.write("\r\n");
    }

    @Override
    public void rowIn(int sheet, Object[] values) {
        throw new UnsupportedOperationException("a CSV has one table");
    }

    @Override
    public boolean hasSheets() {
        return false;
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        // the caller owns the output stream
    }

    static String quoted(String value) {
        boolean needs = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
