package cn.qeregistry.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SheetDataWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * POI's sheet XML writer, faster in three places and the same byte for byte: text holding no character
 * that POI escapes or replaces is checked and encoded in one pass instead of code point by code point
 * (POI's loop was a quarter of the writer's time), any other text goes to POI's own
 * {@code outputEscapedString}, and the markup around cells is copied as ready-made ASCII bytes;
 * the rows go through {@link Utf8Writer} instead of a locking {@code BufferedWriter}, to be deflated by
 * the workbook's {@link RowDeflater} instead of written to a temporary file as they are;
 * and text and number cells (all a report writes) are written here with the cell reference built from
 * cached column letters and the row's number, instead of a {@code CellReference} per cell and four
 * writes per attribute. Other cell types go to POI's {@code writeCell}.
 */
final class ReportSheetWriter extends SheetDataWriter {

    private static final byte[][] COLUMN_LETTERS = new byte[64][];
    private static final byte[] CELL = ascii("<c r=\"");
    private static final byte[] STYLE = ascii("\" s=\"");
    private static final byte[] NUMBER = ascii("\" t=\"n\"><v>");
    private static final byte[] NUMBER_END = ascii("</v></c>");
    private static final byte[] TEXT = ascii("\" t=\"inlineStr\"><is><t>");
    private static final byte[] TEXT_PRESERVED = ascii("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    private static final byte[] TEXT_END = ascii("</t></is></c>");

    static {
        for (int i = 0; i < COLUMN_LETTERS.length; i++) {
            COLUMN_LETTERS[i] = ascii(CellReference.convertNumToColString(i));
        }
    }

    private final RowDeflater.SheetRows rows;
    private final Utf8Writer utf8;
    /** The 1-based number of the row being written, as text. */
    private byte[] rowNumber;

    ReportSheetWriter(RowDeflater.SheetRows rows) throws IOException {
        super(new Utf8Writer(rows));
        this.rows = rows;
        this.utf8 = (Utf8Writer) _out;
    }

    private static byte[] ascii(String markup) {
        return markup.getBytes(StandardCharsets.US_ASCII);
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
        rowNumber = ascii(Integer.toString(rownum + 1));
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
        utf8.writeAscii(CELL);
        utf8.writeAscii(columnIndex < COLUMN_LETTERS.length ? COLUMN_LETTERS[columnIndex] : ascii(CellReference.convertNumToColString(columnIndex)));
        utf8.writeAscii(rowNumber);
        int style = cell.getCellStyle().getIndex() & 0xffff;
        if (style != 0) {
            utf8.writeAscii(STYLE);
            utf8.write(Integer.toString(style));
        }
        if (type == CellType.NUMERIC) {
            utf8.writeAscii(NUMBER);
            utf8.write(Double.toString(cell.getNumericCellValue()));
            utf8.writeAscii(NUMBER_END);
        } else {
            String value = cell.getStringCellValue();
            utf8.writeAscii(hasLeadingOrTrailingWhitespace(value) ? TEXT_PRESERVED : TEXT);
            outputEscapedString(value);
            utf8.writeAscii(TEXT_END);
        }
    }

    /** POI's test for xml:space="preserve". */
    private static boolean hasLeadingOrTrailingWhitespace(String value) {
        return value != null && !value.isEmpty()
                && (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1)));
    }

    @Override
    protected void outputEscapedString(String s) throws IOException {
        if (s != null && !utf8.writePlainText(s)) {
            super.outputEscapedString(s);
        }
    }

    /**
     * Whether POI writes {@code c} other than as itself: the XML specials &lt; &gt; &amp; &quot;, line
     * breaks, tab and no-break space as references, other control characters and U+FFFE/U+FFFF as '?'.
     */
    static boolean escaped(char c) {
        return c < ' ' || c == '<' || c == '>' || c == '&' || c == '"' || c == '\u00A0' || c >= '\uFFFE';
    }
}
