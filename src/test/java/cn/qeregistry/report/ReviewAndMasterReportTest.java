package cn.qeregistry.report;

import cn.qeregistry.core.Tier;
import cn.qeregistry.exceptions.RegisterFixtures;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static cn.qeregistry.exceptions.RegisterFixtures.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class ReviewAndMasterReportTest {

    static final LocalDate DATE = LocalDate.of(2026, 11, 26);
    static final String FIRM = code(21);
    static final String OTHER = code(22);

    @Autowired ReportService reports;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;
    RegisterFixtures fixtures;

    @BeforeEach
    void twoFirms() {
        fixtures = new RegisterFixtures(jdbc);
        fixtures.clean();
        fixtures.enterprise(FIRM, "武汉甲科技有限公司", "420102");
        fixtures.enterprise(OTHER, "宜昌乙制造有限公司", "420502");
        fixtures.tier(FIRM, "SRDI_SME");
        fixtures.tier(FIRM, "INNOVATIVE_SME");
        jdbc.sql("update enterprise set registration_status = '存续', established_on = date '2015-03-01', industry_code = 'C3670',"
                + " tax_credit_grade = 'B', hnte_valid_until = date '2027-12-31', listing_status = '未上市' where uscc = ?").param(FIRM).update();
        jdbc.sql("insert into enterprise_year_fact (uscc, fiscal_year, revenue, rd_expense) values (?, 2025, 80000000.00, 2800000.00),"
                + " (?, 2024, 1.00, 1.00), (?, 2025, -1234.50, null)").params(FIRM, FIRM, OTHER).update();
        long market = fixtures.delivery("market", "2026-11-26", "STAGED");
        long tax = fixtures.delivery("tax", "2025", "STAGED");
        jdbc.sql("insert into attribute_lineage (uscc, attribute, fiscal_year, feed, delivery_id) values (?, 'name', 0, 'market', ?),"
                + " (?, 'revenue', 2025, 'tax', ?), (?, 'rd_expense', 2025, 'tax', ?)").params(FIRM, market, FIRM, tax, FIRM, tax).update();
    }

    @Test
    void masterReportShowsLastYearsMoneyRatioTiersAndSourcesWithNegativeNumbersKeptNumeric() throws Exception {
        Path xlsx = dir.resolve("master.xlsx");
        reports.writeFile(new ReportRequest(ReportKind.MASTER, ReportFormat.XLSX, Lang.ZH, null, null, null, null, null, DATE), xlsx);
        try (XSSFWorkbook workbook = ExceptionsReportTest.open(xlsx)) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(ExceptionsReportTest.cells(sheet.getRow(0))).containsExactly("统一社会信用代码", "企业名称", "所属区划代码",
                    "登记状态", "成立日期", "行业代码", "梯度层级", "营业收入(元)", "研发费用(元)", "研发费用占营业收入比例", "纳税信用级别",
                    "高新技术企业有效期至", "上市状态", "数据来源");
            Row firm = row(sheet, FIRM);
            assertThat(firm.getCell(4).getStringCellValue()).isEqualTo("2015-03-01");
            assertThat(firm.getCell(6).getStringCellValue()).isEqualTo("创新型中小企业;专精特新中小企业");
            assertThat(firm.getCell(7).getNumericCellValue()).isEqualTo(80_000_000.0);
            assertThat(firm.getCell(9).getNumericCellValue()).isEqualTo(0.035);
            assertThat(firm.getCell(13).getStringCellValue()).isEqualTo("market:" + delivery("market") + "; tax:" + delivery("tax"));
            Row other = row(sheet, OTHER);
            assertThat(other.getCell(7).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(other.getCell(7).getNumericCellValue()).isEqualTo(-1234.5);
        }

        Path csv = dir.resolve("master.csv");
        reports.writeFile(new ReportRequest(ReportKind.MASTER, ReportFormat.CSV, Lang.EN, "420100", Tier.SRDI_SME, null, null, null, DATE), csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("\uFEFFuscc,name,region_code,registration_status,established_on,industry_code,tiers,"
                + "revenue,rd_expense,rd_ratio,tax_credit_grade,hnte_valid_until,listing_status,sources");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(FIRM + ",武汉甲科技有限公司,420102,存续,2015-03-01,C3670,INNOVATIVE_SME;SRDI_SME,"
                + "80000000.00,2800000.00,0.0350,B,2027-12-31,未上市,");
    }

    @Test
    void reviewReportShowsTheLatestLiveRunOrTheRunOfAGivenExecution() throws Exception {
        long old = fixtures.reviewRun();
        jdbc.sql("update review_run set job_execution_id = 9101 where id = ?").param(old).update();
        fixtures.result(old, FIRM, "SRDI_SME", "srdi.rd_ratio_min", "FAIL", "0.02", "0.03");
        long latest = fixtures.reviewRun();
        fixtures.result(latest, FIRM, "SRDI_SME", "srdi.rd_ratio_min", "PASS", "0.035", "0.03");
        fixtures.result(latest, FIRM, "SRDI_SME", "common.tax_credit", "WARN", "C", "A|B|M");

        Path zh = dir.resolve("review.csv");
        reports.writeFile(new ReportRequest(ReportKind.REVIEW, ReportFormat.CSV, Lang.ZH, null, null, null, null, null, DATE), zh);
        List<String> lines = Files.readAllLines(zh, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("\uFEFF统一社会信用代码,企业名称,所属区划代码,梯度层级,级别,复核规则,复核结果,实际值,标准值,规则集,所属期间");
        assertThat(lines).containsExactly(lines.get(0),
                FIRM + ",武汉甲科技有限公司,420102,专精特新中小企业,省级,common.tax_credit,预警,C,A|B|M,test-register@1,2025",
                FIRM + ",武汉甲科技有限公司,420102,专精特新中小企业,省级,srdi.rd_ratio_min,通过,0.035,0.03,test-register@1,2025");

        Path en = dir.resolve("review-old.csv");
        reports.writeFile(new ReportRequest(ReportKind.REVIEW, ReportFormat.CSV, Lang.EN, null, null, null, null, 9101L, DATE), en);
        assertThat(Files.readAllLines(en, StandardCharsets.UTF_8)).hasSize(2).last().asString()
                .isEqualTo(FIRM + ",武汉甲科技有限公司,420102,SRDI_SME,PROVINCIAL,srdi.rd_ratio_min,FAIL,0.02,0.03,test-register@1,2025");
    }

    @Test
    void failedReportLeavesNoFileBehind() {
        Path file = dir.resolve("missing-run.xlsx");
        assertThatThrownBy(() -> reports.writeFile(
                new ReportRequest(ReportKind.REVIEW, ReportFormat.XLSX, Lang.ZH, null, null, null, null, 424242L, DATE), file))
                .hasMessageContaining("424242");
        assertThat(dir.toFile().list()).isEmpty();
    }

    private long delivery(String feed) {
        return jdbc.sql("select max(id) from delivery where feed = ? and file_name like ?").params(feed, RegisterFixtures.FILE_PREFIX + "%")
                .query(Long.class).single();
    }

    private static Row row(XSSFSheet sheet, String uscc) {
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && uscc.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row for " + uscc);
    }
}
