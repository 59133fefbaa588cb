package cn.qeregistry.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SheetDataWriter;

import java.io.IOException;
import java.io.InputStream;

/**
 * POI's sheet XML writer, faster in three places and the same byte for byte: text holding no character
 * that POI escapes or replaces is written in one call instead of code point by code point (POI's loop
 * was a quarter of the writer's time), any other text goes to POI's own {@code outputEscapedString};
 * the rows go through {@link Utf8Writer} instead of a locking {@code BufferedWriter}, to be deflated by
 * the workbook's {@link RowDeflater} instead of written to a temporary file as they are;
 * and text and number cells (all a report writes) are written here with the cell reference built from
 * cached column letters and the row's number, instead of a {@code CellReference} per cell and four
 * writes per attribute. Other cell types go to POI's {@code writeCell}.
 */
final class ReportSheetWriter extends SheetDataWriter {

    private static final String[] COLUMN_LETTERS = new String[64];

    static {
        for (int i = 0; i < COLUMN_LETTERS.length; i++) {
            COLUMN_LETTERS[i] = CellReference.convertNumToColString(i);
        }
    }

    private final RowDeflater.SheetRows rows;
    /** The 1-based number of the row being written, as text. */
    private String rowNumber;

    ReportSheetWriter(RowDeflater.SheetRows rows) throws IOException {
        super(new Utf8Writer(rows));
        this.rows = rows;
    }

    /**
     * Called by {@code SXSSFSheet} once this writer is closed: the rows as stored, deflated (POI's own
     * injector would take them for XML; {@link ReportWorkbook} copies them into the zip as they are).
     */
    @Override
    public InputStream getWorksheetXMLInputStream() throws IOException {
        return rows.deflated();
    }

    @Override
    public void writeRow(int rownum, SXSSFRow row) throws IOException {
        rowNumber = Integer.toString(rownum + 1);
        super.writeRow(rownum, row);
    }

    /** What POI writes for a text or number cell without a shared-strings table. */
    @Override
    public void writeCell(int columnIndex, Cell cell) throws IOException {
        if (cell == null) {
            return;
        }
        CellType type = cell.getCellType();
        if (type != CellType.STRING && type != CellType.NUMERIC) {
            super.writeCell(columnIndex, cell);
            return;
        }
        _out.write("<c r=\"");
        _out.write(columnIndex < COLUMN_LETTERS.length ? COLUMN_LETTERS[columnIndex] : CellReference.convertNumToColString(columnIndex));
        _out.write(rowNumber);
        int style = cell.getCellStyle().getIndex() & 0xffff;
        if (style != 0) {
            _out.write("\" s=\"");
            _out.write(Integer.toString(style));
        }
        if (type == CellType.NUMERIC) {
            _out.write("\" t=\"n\"><v>");
            _out.write(Double.toString(cell.getNumericCellValue()));
            _out.write("</v></c>");
        } else {
            String value = cell.getStringCellValue();
            _out.write(hasLeadingOrTrailingWhitespace(value) ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                    : "\" t=\"inlineStr\"><is><t>");
            outputEscapedString(value);
            _out.write("</t></is></c>");
        }
    }

    /** POI's test for xml:space="preserve". */
    private static boolean hasLeadingOrTrailingWhitespace(String value) {
        return value != null && !value.isEmpty()
                && (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1)));
    }

    @Override
    protected void outputEscapedString(String s) throws IOException {
        if (s == null) {
            return;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            if (escaped(s.charAt(i))) {
                super.outputEscapedString(s);
                return;
            }
        }
        _out.write(s);
    }

    /**
     * Whether POI writes {@code c} other than as itself: the XML specials &lt; &gt; &amp; &quot;, line
     * breaks, tab and no-break space as references, other control characters and U+FFFE/U+FFFF as '?'.
     */
    static boolean escaped(char c) {
        return c < ' ' || c == '<' || c == '>' || c == '&' || c == '"' || c == '\u00A0' || c >= '\uFFFE';
    }
}
