package cn.qeregistry.intake.read;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class XlsxRowSourceTest {

    @Test
    void readsTheFirstVisibleSheetWithCachedFormulaValuesAndDatesOfThe1904System(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            var properties = workbook.getCTWorkbook().isSetWorkbookPr() ? workbook.getCTWorkbook().getWorkbookPr()
                    : workbook.getCTWorkbook().addNewWorkbookPr();
            properties.setDate1904(true);
            workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("hidden notes");
            workbook.setSheetHidden(0, true);
            XSSFSheet sheet = workbook.createSheet("数据");
            XSSFRow header = sheet.createRow(0);
            header.createCell(0).setCellValue("名称");
            header.createCell(1).setCellValue("数量");
            header.createCell(2).setCellValue("两倍");
            header.createCell(3).setCellValue("日期");
            header.createCell(5).setCellValue("是否");
            XSSFRow row = sheet.createRow(2);
            row.createCell(0).setCellValue("甲公司");
            row.createCell(1).setCellValue(5);
            row.createCell(2).setCellFormula("B3*2");
            XSSFCellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            row.createCell(3).setCellValue(LocalDate.of(2022, 3, 1));
            row.getCell(3).setCellStyle(dateStyle);
            row.createCell(5).setCellValue(true);
            sheet.createRow(3).createCell(0).setCellValue("\u3000 ");
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
        }

        try (XlsxRowSource source = new XlsxRowSource(file, "w.xlsx", null)) {
            RawRow first = source.next();
            assertThat(first.sheet()).isEqualTo("数据");
            assertThat(first.rowNo()).isEqualTo(1);
            RawRow data = source.next();
            assertThat(data.rowNo()).isEqualTo(3);
            assertThat(data.date1904()).isTrue();
            assertThat(data.cells()).containsExactly("甲公司", "5", "10", "2022-03-01", null, "TRUE");
            assertThat(source.next()).as("a row of blanks is no row").isNull();
        }
    }

    @Test
    void readsInlineStringsOfStreamedWorkbooksAcrossMatchingSheets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            for (String name : new String[]{"2025年度", "其他", "2025年度(2)"}) {
                var sheet = workbook.createSheet(name);
                sheet.createRow(0).createCell(0).setCellValue(name + " 第一行");
            }
            workbook.write(out);
            workbook.dispose();
        }

        try (XlsxRowSource source = new XlsxRowSource(file, "s.xlsx", Pattern.compile("^\\d{4}年度(\\(\\d+\\))?$"))) {
            assertThat(source.next().cells()).containsExactly("2025年度 第一行");
            RawRow second = source.next();
            assertThat(second.sheet()).isEqualTo("2025年度(2)");
            assertThat(second.cells()).containsExactly("2025年度(2) 第一行");
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void printsNumbersAsAPersonWouldTypeThemWithOrWithoutTheBigDecimalShortcut() {
        java.util.Random random = new java.util.Random(7);
        String[] fixed = {"2025.0", "659.48", "0", "0.0", "0.50", "100", "100.000", "5.", ".5", "007", "00.5", "-0", "-0.0", "-3.10",
                "1E3", "1.2E-3", "12345678901234567890.120", " 5", ""};
        for (String value : fixed) {
            assertThat(XlsxRowSource.plainNumber(value)).as(value).isEqualTo(viaBigDecimal(value));
        }
        for (int i = 0; i < 10_000; i++) {
            String value = random.nextInt(100_000) + (random.nextBoolean() ? "" : "." + random.nextInt(1000) + "0".repeat(random.nextInt(3)));
            assertThat(XlsxRowSource.plainNumber(value)).as(value).isEqualTo(viaBigDecimal(value));
        }
    }

    private static String viaBigDecimal(String value) {
        try {
            return new java.math.BigDecimal(value.trim()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
