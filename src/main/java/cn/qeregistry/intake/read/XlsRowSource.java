package cn.qeregistry.intake.read;

import cn.qeregistry.intake.normalise.Dates;
import cn.qeregistry.intake.normalise.Text;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFFormulaEvaluator;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rows of a legacy .xls (BIFF8) through HSSF. A BIFF sheet holds at most 65,536 rows, so the
 * workbook model fits in memory; formula cells are computed, else give their cached value.
 */
public final class XlsRowSource implements RowSource {

    private final POIFSFileSystem fs;
    private final HSSFWorkbook workbook;
    private final List<SheetChoice.Sheet> sheets;
    private final boolean date1904;
    private final HSSFFormulaEvaluator evaluator;
    private int sheetIndex = -1;
    private Sheet sheet;
    private int rowIndex;
    private final Map<Short, Boolean> dateStyles = new HashMap<>();

    public XlsRowSource(Path file, String name, Pattern sheetPattern) {
        try {
            this.fs = new POIFSFileSystem(file.toFile(), true);
        } catch (Exception e) {
            throw new BadFileException(name + ": not a readable .xls workbook (" + e.getMessage() + ")", e);
        }
        try {
            this.workbook = new HSSFWorkbook(fs.getRoot(), false);
        } catch (EncryptedDocumentException e) {
            closeQuietly();
            throw new BadFileException(name + ": the workbook is password-protected (encrypted); ask the department for an unprotected copy", e);
        } catch (OldExcelFormatException e) {
            closeQuietly();
            throw new BadFileException(name + ": an Excel 5/95 workbook, too old to read; save it as .xlsx or Excel 97-2003 .xls", e);
        } catch (Exception e) {
            closeQuietly();
            throw new BadFileException(name + ": not a readable .xls workbook (" + e.getMessage() + ")", e);
        }
        List<SheetChoice.Sheet> all = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            all.add(new SheetChoice.Sheet(workbook.getSheetName(i), workbook.isSheetHidden(i) || workbook.isSheetVeryHidden(i),
                    String.valueOf(i)));
        }
        this.date1904 = workbook.getInternalWorkbook().isUsing1904DateWindowing();
        this.evaluator = workbook.getCreationHelper().createFormulaEvaluator();
        try {
            this.sheets = SheetChoice.choose(name, all, sheetPattern);
        } catch (BadFileException e) {
            close();
            throw e;
        }
    }

    @Override
    public RawRow next() {
        while (true) {
            if (sheet == null) {
                if (++sheetIndex >= sheets.size()) {
                    return null;
                }
                sheet = workbook.getSheetAt(Integer.parseInt(sheets.get(sheetIndex).ref()));
                rowIndex = sheet.getFirstRowNum();
            }
            while (rowIndex <= sheet.getLastRowNum()) {
                Row row = sheet.getRow(rowIndex++);
                if (row == null || row.getLastCellNum() <= 0) {
                    continue;
                }
                String[] cells = new String[row.getLastCellNum()];
                boolean blank = true;
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = text(row.getCell(c));
                    blank &= Text.isBlank(cells[c]);
                }
                if (!blank) {
                    return new RawRow(sheet.getSheetName(), row.getRowNum() + 1, cells, date1904);
                }
            }
            sheet = null;
        }
    }

    private String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        if (cell.getCellType() == CellType.FORMULA) {
            String computed = computed(cell);
            if (computed != null) {
                return computed;
            }
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getRichStringCellValue().getString();
            case NUMERIC -> number(cell, cell.getNumericCellValue());
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> null;
        };
    }

    /**
     * A formula's value computed by HSSF, or null when it cannot be (external links, functions POI
     * lacks) and the cached result must do: LibreOffice's .xls export caches 0 for text formulas.
     */
    private String computed(Cell cell) {
        CellValue value;
        try {
            value = evaluator.evaluate(cell);
        } catch (RuntimeException e) {
            return null;
        }
        if (value == null) {
            return null;
        }
        return switch (value.getCellType()) {
            case STRING -> value.getStringValue();
            case NUMERIC -> number(cell, value.getNumberValue());
            case BOOLEAN -> value.getBooleanValue() ? "TRUE" : "FALSE";
            case ERROR -> FormulaError.forInt(value.getErrorValue()).getString();
            default -> null;
        };
    }

    private String number(Cell cell, double number) {
        String plain = BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
        if (DateUtil.isValidExcelDate(number) && isDateStyle(cell.getCellStyle())) {
            Dates.Parsed date = Dates.parse(plain, Set.of("excel-serial"), date1904);
            return date.date() != null ? date.date().toString() : plain;
        }
        return plain;
    }

    /** Whether a cell style shows dates, decided once per style (DateUtil.isCellDateFormatted parses the format per cell). */
    private boolean isDateStyle(CellStyle style) {
        return dateStyles.computeIfAbsent(style.getIndex(),
                index -> DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString()));
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (Exception ignored) {
            // read-only: nothing to lose
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            fs.close();
        } catch (Exception ignored) {
            // read-only: nothing to lose
        }
    }
}
