package cn.qeregistry.report;

import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows can go to any sheet started so far, in turn, each sheet continuing where it stopped. */
class XlsxTableWriterTest {

    @Test
    void rowsWrittenToSeveralSheetsInTurnLandInTheirSheetsInOrder() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter writer = new BackgroundTableWriter(new XlsxTableWriter(out, Lang.ZH))) {
            writer.startSheet("汇总", BackgroundTableWriterTest.COLUMNS);
            writer.startSheet("甲", BackgroundTableWriterTest.COLUMNS);
            writer.startSheet("乙", BackgroundTableWriterTest.COLUMNS);
            for (long i = 1; i <= 30_000; i++) {
                writer.rowIn(i % 3 == 0 ? 2 : 1, new Object[] {i, "企业" + i});
            }
            writer.rowIn(0, new Object[] {30_000L, "合计"});
            writer.finish();
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("汇总");
            assertThat(workbook.getSheetName(1)).isEqualTo("甲");
            assertThat(workbook.getSheetName(2)).isEqualTo("乙");
            assertThat(workbook.getSheet("汇总").getRow(1).getCell(1).getStringCellValue()).isEqualTo("合计");
            XSSFSheet a = workbook.getSheet("甲");
            XSSFSheet b = workbook.getSheet("乙");
            assertThat(a.getLastRowNum()).isEqualTo(20_000);
            assertThat(b.getLastRowNum()).isEqualTo(10_000);
            assertThat(a.getRow(0).getCell(1).getStringCellValue()).isEqualTo("名称");
            for (int r = 1; r <= 20_000; r += 997) {
                long id = (long) a.getRow(r).getCell(0).getNumericCellValue();
                assertThat(id % 3).isNotZero();
                assertThat(a.getRow(r).getCell(1).getStringCellValue()).isEqualTo("企业" + id);
            }
            assertThat((long) a.getRow(20_000).getCell(0).getNumericCellValue()).isEqualTo(29_999);
            assertThat((long) b.getRow(10_000).getCell(0).getNumericCellValue()).isEqualTo(30_000);
            assertThat(b.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B10001");
        }
    }

    @Test
    void aCsvHasNoSheetToGoBackTo() throws IOException {
        TableWriter csv = new CsvTableWriter(new ByteArrayOutputStream(), Lang.ZH);
        csv.startSheet("s", BackgroundTableWriterTest.COLUMNS);
        assertThatThrownBy(() -> csv.rowIn(0, new Object[] {1L, "x"})).isInstanceOf(UnsupportedOperationException.class);
    }
}
