package cn.qeregistry.report;

import cn.qeregistry.exceptions.RegisterFixtures;
import cn.qeregistry.exceptions.RegisterSync;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import static cn.qeregistry.exceptions.RegisterFixtures.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The streamed workbook survives a round trip through LibreOffice: it opens, and the converted copy
 * still has the filters, values and the summary's totals. (Headless LibreOffice has no view, so it
 * drops view settings such as frozen panes from any converted file; those are checked with POI.)
 * Needs {@code soffice}.
 */
@Tag("slow")
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class LibreOfficeOpensWorkbookTest {

    @Autowired ReportService reports;
    @Autowired RegisterSync sync;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    @Test
    void libreOfficeConvertsTheWorkbookKeepingFiltersValuesAndCounts() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/soffice")), "LibreOffice is not installed");
        RegisterFixtures fixtures = new RegisterFixtures(jdbc);
        fixtures.clean();
        fixtures.enterprise(code(41), "武汉甲科技有限公司", "420102");
        long run = fixtures.reviewRun();
        fixtures.result(run, code(41), "SRDI_SME", "srdi.rd_ratio_min", "FAIL", "0.01", "0.03");
        sync.sync(801);
        Path original = dir.resolve("exceptions.xlsx");
        reports.writeFile(new ReportRequest(ReportKind.EXCEPTIONS, ReportFormat.XLSX, Lang.ZH, null, null, null, null, null,
                LocalDate.of(2026, 11, 26)), original);

        Path out = Files.createDirectory(dir.resolve("converted"));
        Process soffice = new ProcessBuilder("soffice", "-env:UserInstallation=file://" + dir.resolve("profile"), "--headless",
                "--convert-to", "xlsx", "--outdir", out.toString(), original.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("soffice.log").toFile()).start();
        assertThat(soffice.waitFor(180, TimeUnit.SECONDS)).isTrue();
        Path converted = out.resolve("exceptions.xlsx");
        assertThat(converted).as(Files.readString(dir.resolve("soffice.log"))).exists();

        long total = jdbc.sql("select count(*) from exception_item").query(Long.class).single();
        try (XSSFWorkbook workbook = ExceptionsReportTest.open(converted)) {
            XSSFSheet summary = workbook.getSheet("汇总");
            Row totals = summary.getRow(summary.getLastRowNum());
            assertThat((long) totals.getCell(totals.getLastCellNum() - 1).getNumericCellValue()).isEqualTo(total);
            XSSFSheet fails = workbook.getSheet("复核不通过");
            assertThat(fails.getCTWorksheet().isSetAutoFilter()).isTrue();
            assertThat(fails.getRow(1).getCell(4).getStringCellValue()).isEqualTo("武汉甲科技有限公司");
        }
    }
}
