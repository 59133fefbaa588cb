package cn.qeregistry.generator;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Writes one feed workbook row by row: xlsx through SXSSF (a small window of rows in memory, the
 * rest flushed to disk) or legacy .xls through HSSF. Each sheet starts with the preamble (title
 * rows, "" for a blank row) and the header; at the row limit the next sheet "name(2)" begins.
 * Document dates are pinned to the as-of date so equal seeds give equal bytes.
 */
final class SheetFeedWriter implements Closeable {

    /** Where a written row landed, for expected-rejects.csv. */
    record Position(String sheet, int rowNo) {
    }

    private final Path file;
    private final Workbook workbook;
    private final String sheetBase;
    private final List<String> preamble;
    private final List<String> header;
    private final int maxRows;
    private final Date documentDate;
    private final CellStyle dateStyle;
    private final CellStyle titleStyle;
    private Sheet sheet;
    private int sheets;
    private int nextRow;

    private SheetFeedWriter(Path file, Workbook workbook, String sheetBase, List<String> preamble, List<String> header,
                            int maxRows, LocalDate asOf) {
        this.file = file;
        this.workbook = workbook;
        this.sheetBase = sheetBase;
        this.preamble = preamble;
        this.header = header;
        this.maxRows = maxRows;
        this.documentDate = Date.from(asOf.atStartOfDay().toInstant(ZoneOffset.ofHours(8)));
        this.dateStyle = workbook.createCellStyle();
        this.dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        this.titleStyle = workbook.createCellStyle();
        var bold = workbook.createFont();
        bold.setBold(true);
        this.titleStyle.setFont(bold);
        startSheet();
    }

    static SheetFeedWriter xlsx(Path file, String sheetBase, List<String> preamble, List<String> header, int maxRows, LocalDate asOf) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(64);
        workbook.setCompressTempFiles(false);
        return new SheetFeedWriter(file, workbook, sheetBase, preamble, header, maxRows, asOf);
    }

    static SheetFeedWriter xls(Path file, String sheetBase, List<String> header, LocalDate asOf) {
        return new SheetFeedWriter(file, new HSSFWorkbook(), sheetBase, List.of(), header,
                GeneratorOptions.XLS_MAX_DATA_ROWS + 1, asOf);
    }

    String fileName() {
        return file.getFileName().toString();
    }

    /** The header as this file spells it (aliases, units) — names the column of a reject. */
    String column(int index) {
        return header.get(index);
    }

    Position write(SourceRow row) {
        if (row.blankBefore()) {
            roomForRow();
            sheet.createRow(nextRow++);
        }
        roomForRow();
        Row out = sheet.createRow(nextRow++);
        Object[] cells = row.cells();
        for (int c = 0; c < cells.length; c++) {
            Object value = cells[c];
            if (value == null) {
                continue;
            }
            Cell cell = out.createCell(c);
            if (value instanceof String s) {
                cell.setCellValue(s);
            } else if (value instanceof BigDecimal d) {
                cell.setCellValue(d.doubleValue());
            } else if (value instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else if (value instanceof LocalDate date) {
                cell.setCellValue(date);
                cell.setCellStyle(dateStyle);
            } else {
                throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " into a cell");
            }
        }
        return new Position(sheet.getSheetName(), nextRow);
    }

    private void roomForRow() {
        if (nextRow >= maxRows) {
            startSheet();
        }
    }

    private void startSheet() {
        sheets++;
        sheet = workbook.createSheet(sheets == 1 ? sheetBase : sheetBase + "(" + sheets + ")");
        nextRow = 0;
        for (String line : preamble) {
            Row row = sheet.createRow(nextRow++);
            if (!line.isEmpty()) {
                Cell cell = row.createCell(0);
                cell.setCellValue(line);
                cell.setCellStyle(titleStyle);
            }
        }
        Row headerRow = sheet.createRow(nextRow++);
        for (int c = 0; c < header.size(); c++) {
            headerRow.createCell(c).setCellValue(header.get(c));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (workbook instanceof SXSSFWorkbook streaming) {
                var core = streaming.getXSSFWorkbook().getProperties().getCoreProperties();
                core.setCreated(Optional.of(documentDate));
                core.setModified(Optional.of(documentDate));
                core.setCreator("qe-registry generate");
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        } finally {
            if (workbook instanceof SXSSFWorkbook streaming) {
                streaming.dispose();
            }
            workbook.close();
        }
    }
}
