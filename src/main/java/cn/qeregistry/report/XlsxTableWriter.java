package cn.qeregistry.report;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams rows into an xlsx with SXSSF ({@link ReportWorkbook}): a window of {@value #WINDOW} rows in
 * memory, the rest in temporary files (uncompressed: gzip took a third of the writer's CPU), no
 * shared-strings table (it would grow with every distinct value).
 * Each sheet gets a frozen bold header, an auto-filter over its rows and widths from its columns;
 * a sheet that reaches Excel's row limit continues on "NAME(2)", "NAME(3)", … placed right after it.
 * Rows can go to any sheet started so far ({@link #rowIn}): SXSSF keeps a window per sheet.
 */
final class XlsxTableWriter implements TableWriter {

    static final int WINDOW = 100;
    private static final int MAX_DATA_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;

    private final OutputStream out;
    private final Lang lang;
    private final SXSSFWorkbook workbook = new ReportWorkbook(WINDOW);
    private final CellStyle headerStyle;
    /**
     * The workbook's default style, set on every plain cell: a cell without a style asks its column
     * for one, and with column widths set that is an XMLBeans search per cell (60 % of the time).
     */
    private final CellStyle plainStyle;
    private final Map<Column.Type, CellStyle> styles = new EnumMap<>(Column.Type.class);
    /** Every sheet of the workbook, parts included, with its number of columns. */
    private final Map<SXSSFSheet, Integer> sheets = new LinkedHashMap<>();
    /** The sheets as started, each at its last part. */
    private final List<Table> tables = new ArrayList<>();

    /** A started sheet: the part rows go to now, and the row they go to. */
    private static final class Table {
        final String name;
        final List<Column> columns;
        SXSSFSheet sheet;
        int part = 1;
        int nextRow;

        Table(String name, List<Column> columns) {
            this.name = name;
            this.columns = columns;
        }
    }

    XlsxTableWriter(OutputStream out, Lang lang) {
        this.out = out;
        this.lang = lang;
        plainStyle = workbook.getCellStyleAt(0);
        headerStyle = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle.setFont(bold);
        headerStyle.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        headerStyle.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        styles.put(Column.Type.INTEGER, numberStyle("0"));
        styles.put(Column.Type.MONEY, numberStyle("#,##0.00"));
        styles.put(Column.Type.RATIO, numberStyle("0.0000"));
    }

    private CellStyle numberStyle(String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }

    @Override
    public void startSheet(String name, List<Column> columns) {
        Table table = new Table(name, columns);
        newPart(table, name);
        tables.add(table);
    }

    private void newPart(Table table, String name) {
        SXSSFSheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(name));
        if (table.sheet != null) {
            workbook.setSheetOrder(sheet.getSheetName(), workbook.getSheetIndex(table.sheet) + 1);
        }
        table.sheet = sheet;
        sheets.put(sheet, table.columns.size());
        sheet.createFreezePane(0, 1);
        SXSSFRow header = sheet.createRow(0);
        for (int i = 0; i < table.columns.size(); i++) {
            Column column = table.columns.get(i);
            SXSSFCell cell = header.createCell(i);
            cell.setCellValue(column.header(lang));
            cell.setCellStyle(headerStyle);
            sheet.setColumnWidth(i, column.widthFor(lang) * 256);
        }
        table.nextRow = 1;
    }

    @Override
    public void row(Object... values) {
        rowIn(tables.size() - 1, values);
    }

    @Override
    public void rowIn(int sheet, Object[] values) {
        Table table = tables.get(sheet);
        if (table.nextRow > MAX_DATA_ROWS) {
            table.part++;
            newPart(table, table.name + "(" + table.part + ")");
        }
        List<Column> columns = table.columns;
        SXSSFRow row = table.sheet.createRow(table.nextRow++);
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                continue;
            }
            SXSSFCell cell = row.createCell(i);
            if (value instanceof Number number) {
                cell.setCellValue(number.doubleValue());
                cell.setCellStyle(styles.getOrDefault(columns.get(i).type(), plainStyle));
            } else {
                cell.setCellValue(SafeText.neutralise(value.toString()));
                cell.setCellStyle(plainStyle);
            }
        }
    }

    @Override
    public boolean hasSheets() {
        return true;
    }

    @Override
    public void finish() throws IOException {
        sheets.forEach((each, width) -> each.setAutoFilter(
                new CellRangeAddress(0, Math.max(each.getLastRowNum(), 0), 0, width - 1)));
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        try {
            workbook.close();
        } finally {
            workbook.dispose();
        }
    }
}
