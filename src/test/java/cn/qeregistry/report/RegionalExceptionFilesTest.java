package cn.qeregistry.report;

import cn.qeregistry.exceptions.ExceptionFilter;
import cn.qeregistry.exceptions.RegisterFixtures;
import cn.qeregistry.exceptions.RegisterSync;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static cn.qeregistry.exceptions.RegisterFixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The night's workbooks written in one pass over the register hold exactly what each region's own
 * report holds: the same sheets, summary counts and rows, cell by cell.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class RegionalExceptionFilesTest {

    static final long EXECUTION = 7301;
    static final List<String> REGIONS = Arrays.asList(null, "420100", "420500", "429004", "421100");

    @Autowired ReportService reports;
    @Autowired RegisterSync sync;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    @BeforeEach
    void itemsInSeveralPrefecturesAndWithoutRegion() {
        RegisterFixtures fixtures = new RegisterFixtures(jdbc);
        fixtures.clean();
        fixtures.enterprise(code(41), "武汉甲科技有限公司", "420111");
        fixtures.enterprise(code(42), "武汉乙有限公司", "420102");
        fixtures.enterprise(code(43), "宜昌丙制造有限公司", "420502");
        fixtures.enterprise(code(44), "仙桃丁有限公司", "429004");
        long run = fixtures.reviewRun();
        fixtures.result(run, code(41), "SRDI_SME", "srdi.rd_ratio_min", "FAIL", "-0.5", "0.03");
        fixtures.result(run, code(41), "SRDI_SME", "common.tax_credit", "WARN", "C", "A|B|M");
        fixtures.result(run, code(42), "SRDI_SME", "common.tax_credit", "DATA_GAP", null, "A|B|M");
        fixtures.result(run, code(43), "LITTLE_GIANT", "lg.class1_ip_min", "FAIL", "0", "2");
        fixtures.result(run, code(44), "SRDI_SME", "srdi.years_in_niche", "FAIL", "1", "2");
        fixtures.masterIssue("UNMATCHED", code(45), "tax", null, "+86 个体户", null);
        sync.sync(EXECUTION);
    }

    @Test
    void onePassGivesEachRegionWhatItsOwnReportGives() throws Exception {
        List<ReportService.RegionFile> targets = new ArrayList<>();
        for (String region : REGIONS) {
            targets.add(new ReportService.RegionFile(region, dir.resolve("one-pass-" + region + ".xlsx")));
        }
        List<ReportFile> onePass = reports.writeExceptionFiles(ExceptionFilter.all().withExecution(EXECUTION), Lang.ZH, targets);

        assertThat(onePass).hasSize(REGIONS.size());
        assertThat(onePass.get(0).rows()).as("the province holds every item seen").isEqualTo(seen("%"));
        assertThat(onePass.get(1).rows()).as("武汉").isEqualTo(seen("4201%")).isGreaterThanOrEqualTo(3);
        assertThat(onePass.get(3).rows()).as("仙桃").isEqualTo(seen("429004%")).isGreaterThanOrEqualTo(1);
        assertThat(onePass.get(0).rows()).as("an item without a region is the province's only")
                .isGreaterThan(onePass.stream().skip(1).mapToLong(ReportFile::rows).sum());
        for (int i = 0; i < REGIONS.size(); i++) {
            String region = REGIONS.get(i);
            ReportFile alone = reports.writeFile(new ReportRequest(ReportKind.EXCEPTIONS, ReportFormat.XLSX, Lang.ZH, region, null,
                    null, null, EXECUTION, LocalDate.of(2031, 2, 1)), dir.resolve("alone-" + region + ".xlsx"));
            assertThat(onePass.get(i).rows()).as(region).isEqualTo(alone.rows());
            assertThat(onePass.get(i).path()).hasFileName("one-pass-" + region + ".xlsx").exists();
            assertThat(onePass.get(i).bytes()).isEqualTo(Files.size(onePass.get(i).path()));
            assertThat(cells(onePass.get(i).path())).as(region).isEqualTo(cells(alone.path()));
        }
        try (var leftOvers = Files.list(dir)) {
            assertThat(leftOvers.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    /** Items seen by the execution (other test classes share the register) whose region code is like {@code pattern}. */
    private long seen(String pattern) {
        return jdbc.sql("select count(*) from exception_item where last_execution_id = ? and coalesce(region_code, '') like ?")
                .params(EXECUTION, pattern).query(Long.class).single();
    }

    /** Every sheet's name and every cell as displayed, row by row. */
    private static List<String> cells(Path file) throws Exception {
        List<String> all = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            for (Sheet sheet : workbook) {
                all.add("sheet " + sheet.getSheetName());
                for (Row row : sheet) {
                    StringBuilder line = new StringBuilder(row.getRowNum() + ":");
                    for (Cell cell : row) {
                        line.append(cell.getColumnIndex()).append('=').append(formatter.formatCellValue(cell)).append('|');
                    }
                    all.add(line.toString());
                }
            }
        }
        return all;
    }
}
