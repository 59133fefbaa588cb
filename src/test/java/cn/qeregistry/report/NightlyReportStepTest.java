package cn.qeregistry.report;

import cn.qeregistry.exceptions.RegisterFixtures;
import cn.qeregistry.platform.QeHome;
import cn.qeregistry.runs.JobRunner;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;

import static cn.qeregistry.exceptions.RegisterFixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

/** The report step in a job: syncs the register, writes one workbook per 市州 and the province, and a manifest. */
@SpringBootTest(properties = {"qe.jobs-dir=src/test/resources/report/jobs", "qe.regions-file=src/test/resources/report/jobs/regions.yml", "spring.main.web-application-type=none",
        "spring.quartz.auto-startup=false"})
class NightlyReportStepTest {

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;
    @Value("${qe.home}") String home;

    @BeforeEach
    void itemsInWuhanAndXiantao() {
        RegisterFixtures fixtures = new RegisterFixtures(jdbc);
        fixtures.clean();
        fixtures.enterprise(code(31), "武汉甲科技有限公司", "420111");
        fixtures.enterprise(code(32), "仙桃乙有限公司", "429004");
        long run = fixtures.reviewRun();
        fixtures.result(run, code(31), "SRDI_SME", "srdi.rd_expense_min", "FAIL", "900000", "1000000");
        fixtures.result(run, code(31), "SRDI_SME", "common.tax_credit", "DATA_GAP", null, "A|B|M");
        fixtures.result(run, code(32), "SRDI_SME", "common.tax_credit", "FAIL", "D", "A|B|M");
    }

    @Test
    void reportStepWritesTheNightsWorkbooksPerRegionAndAManifestOfThem() throws Exception {
        LocalDate date = LocalDate.of(2031, 1, 15);
        JobExecution execution = runner.run(runner.job("report-only").orElseThrow(), date, Map.of()).execution();
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Path dir = QeHome.of(home).reports().resolve("2031-01-15");
        JsonNode manifest = JsonMapper.builder().build().readTree(Files.readAllBytes(dir.resolve("manifest.json")));
        assertThat(manifest.get("executionId").asLong()).isEqualTo(execution.getId());
        assertThat(manifest.get("files")).hasSize(3);
        long seenTonight = jdbc.sql("select count(*) from exception_item where last_execution_id = ?").param(execution.getId())
                .query(Long.class).single();
        assertThat(seenTonight).isGreaterThanOrEqualTo(3);
        // other test classes share the database: their open problems are in tonight's register too
        long[] expectedRows = {seenTonight, seenTonightIn("4201%", execution.getId()), seenTonightIn("429004", execution.getId())};
        assertThat(expectedRows[1]).isGreaterThanOrEqualTo(2);
        assertThat(expectedRows[2]).isGreaterThanOrEqualTo(1);
        String[] names = {"exceptions-2031-01-15-420000.xlsx", "exceptions-2031-01-15-420100.xlsx", "exceptions-2031-01-15-429004.xlsx"};
        for (int i = 0; i < 3; i++) {
            JsonNode entry = manifest.get("files").get(i);
            assertThat(entry.get("file").asString()).isEqualTo(names[i]);
            Path file = dir.resolve(names[i]);
            assertThat(entry.get("rows").asLong()).as(names[i]).isEqualTo(expectedRows[i]);
            assertThat(entry.get("bytes").asLong()).isEqualTo(Files.size(file));
            assertThat(entry.get("sha256").asString())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            try (XSSFWorkbook workbook = ExceptionsReportTest.open(file)) {
                assertThat(workbook.getSheetName(0)).isEqualTo("汇总");
            }
        }
        assertThat(manifest.get("files").get(1).get("regionName").asString()).isEqualTo("武汉市");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    private long seenTonightIn(String regionPattern, long executionId) {
        return jdbc.sql("select count(*) from exception_item where last_execution_id = ? and region_code like ?")
                .params(executionId, regionPattern).query(Long.class).single();
    }
}
