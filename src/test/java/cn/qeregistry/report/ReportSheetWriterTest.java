package cn.qeregistry.report;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report workbook writes the same sheet XML as POI's own SXSSF, byte for byte, for text that
 * needs escaping, replacing or xml:space handling and for every cell type and style, and POI reads
 * the same values back.
 */
class ReportSheetWriterTest {

    @TempDir Path dir;

    static final List<String> TRICKY = List.of(
            "plain ascii", "湖北测试制造有限公司", "<b>bold</b> & \"quoted\" 'single'", "a>b", "x&amp;y",
            "ctrl\u0001and\u001Fend", "\u0000", "tab\there", "line\nbreak", "cr\rlf\r\n", "no\u00A0break",
            "𠀀 supplementary 𠀀𝌆", "lone high \uD840 then text", "lone low \uDC00 here", "ends high \uD840",
            "\uFFFE\uFFFF not characters", " leading space", "trailing space ", "\ttab first", "  ",
            "=HYPERLINK(\"http://x\")", "'=1+2", "+86 个体户", "-0.5", "@SUM(A1)", "", "_x0041_ escaped-looking",
            "]]> cdata end", "€ two and three byte ü");

    @Test
    void sheetXmlIsPoisOwnByteForByte() throws IOException {
        byte[] poi = write(new SXSSFWorkbook(new XSSFWorkbook(), 100, false, false));
        byte[] ours = write(new ReportWorkbook(100));

        assertThat(new String(entry(ours, "xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8))
                .isEqualTo(new String(entry(poi, "xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8));
        assertThat(entry(ours, "xl/worksheets/sheet1.xml")).isEqualTo(entry(poi, "xl/worksheets/sheet1.xml"));
    }

    @Test
    void poiReadsBackTheValuesItWouldHaveWritten() throws IOException {
        List<String> poi = readBack(write(new SXSSFWorkbook(new XSSFWorkbook(), 100, false, false)));
        List<String> ours = readBack(write(new ReportWorkbook(100)));

        assertThat(ours).isEqualTo(poi);
        assertThat(ours).contains("<b>bold</b> & \"quoted\" 'single'", "tab\there", "line\nbreak", "no\u00A0break",
                "𠀀 supplementary 𠀀𝌆", " leading space", "trailing space ", "=HYPERLINK(\"http://x\")", "湖北测试制造有限公司");
        assertThat(ours).contains("ctrl?and?end", "?? not characters", "lone high ? then text", "lone low ? here");
    }

    @Test
    void textWithoutSpecialCharactersTakesTheFastPath() {
        assertThat("湖北测试制造有限公司 ABC-123 (万元) 𠀀 'x'".chars().noneMatch(c -> ReportSheetWriter.escaped((char) c))).isTrue();
        assertThat("<>&\"\n\r\t\u00A0\u0001\u001F\uFFFE\uFFFF".chars().allMatch(c -> ReportSheetWriter.escaped((char) c))).isTrue();
    }

    /**
     * The tricky texts in column A (more rows than the window, so most are flushed), numbers in B;
     * styled number and text, boolean, formula and blank cells after them, and a text beyond column 64.
     */
    private static byte[] write(SXSSFWorkbook workbook) throws IOException {
        try (workbook) {
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            SXSSFSheet sheet = workbook.createSheet("s");
            for (int i = 0; i < 300; i++) {
                SXSSFRow row = sheet.createRow(i);
                row.createCell(0).setCellValue(TRICKY.get(i % TRICKY.size()));
                row.createCell(1).setCellValue(i * 1.5);
                row.createCell(2).setCellValue(-i / 7.0);
                row.getCell(2).setCellStyle(money);
                row.createCell(3).setCellValue(TRICKY.get((i + 3) % TRICKY.size()));
                row.getCell(3).setCellStyle(bold);
                row.createCell(4).setCellValue(i % 2 == 0);
                row.createCell(5).setCellFormula("B" + (i + 1) + "*2");
                row.createCell(6);
                row.createCell(70).setCellValue("far right " + i);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        }
    }

    private static List<String> readBack(byte[] xlsx) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            List<String> values = new ArrayList<>();
            for (Row row : sheet) {
                values.add(row.getCell(0).getStringCellValue());
                values.add(Double.toString(row.getCell(1).getNumericCellValue()));
            }
            assertThat(values).hasSize(600);
            return values;
        }
    }

    /** Read through the central directory: POI's data descriptors are not what ZipInputStream expects. */
    private byte[] entry(byte[] zip, String name) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "workbook", ".xlsx"), zip);
        try (ZipFile workbook = new ZipFile(file.toFile())) {
            ZipEntry entry = workbook.getEntry(name);
            assertThat(entry).as(name).isNotNull();
            try (InputStream in = workbook.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }
}
