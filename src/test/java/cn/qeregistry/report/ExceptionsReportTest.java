package cn.qeregistry.report;

import cn.qeregistry.exceptions.ExceptionCategory;
import cn.qeregistry.exceptions.RegisterFixtures;
import cn.qeregistry.exceptions.RegisterSync;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.qeregistry.exceptions.RegisterFixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class ExceptionsReportTest {

    static final String WUHAN = code(11);
    static final String YICHANG = code(12);
    static final String XIANTAO = code(13);
    static final String INJECTED = "=HYPERLINK(\"http://x\")";

    @Autowired ReportService reports;
    @Autowired RegisterSync sync;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    @BeforeEach
    void registerWithItemsInThreePrefectures() {
        RegisterFixtures fixtures = new RegisterFixtures(jdbc);
        fixtures.clean();
        fixtures.enterprise(WUHAN, INJECTED, "420102");
        fixtures.enterprise(YICHANG, "宜昌乙制造有限公司", "420502");
        fixtures.enterprise(XIANTAO, "仙桃丙科技有限公司", "429004");
        long run = fixtures.reviewRun();
        fixtures.result(run, WUHAN, "SRDI_SME", "srdi.rd_ratio_min", "FAIL", "-0.5", "0.03");
        fixtures.result(run, WUHAN, "SRDI_SME", "common.tax_credit", "WARN", "C", "A|B|M");
        fixtures.result(run, YICHANG, "LITTLE_GIANT", "lg.class1_ip_min", "DATA_GAP", null, "2");
        fixtures.result(run, XIANTAO, "SRDI_SME", "srdi.years_in_niche", "FAIL", "1", "2");
        fixtures.masterIssue("UNMATCHED", code(14), "tax", null, "+86 个体户", null);
        sync.sync(701);
    }

    @Test
    void workbookHasSummaryAndOneSheetPerCategoryWithFrozenHeaderFilterAndCountsEqualToTheDatabase() throws Exception {
        Path file = dir.resolve("exceptions.xlsx");
        ReportFile written = reports.writeFile(request(ReportFormat.XLSX, Lang.ZH), file);

        try (XSSFWorkbook workbook = open(file)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1 + ExceptionCategory.values().length);
            assertThat(workbook.getSheetName(0)).isEqualTo("汇总");
            assertThat(workbook.getSheetName(1)).isEqualTo("入库拒收");
            long rows = 0;
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                XSSFSheet sheet = workbook.getSheetAt(i);
                PaneInformation pane = sheet.getPaneInformation();
                assertThat(pane).as(sheet.getSheetName()).isNotNull();
                assertThat(pane.isFreezePane()).isTrue();
                assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
                assertThat(sheet.getCTWorksheet().isSetAutoFilter()).as(sheet.getSheetName()).isTrue();
                if (i > 0) {
                    assertThat(sheet.getColumnWidth(4)).as("name column wider than default").isGreaterThan(20 * 256);
                    ExceptionCategory category = ExceptionCategory.values()[i - 1];
                    assertThat(sheet.getLastRowNum()).as(sheet.getSheetName())
                            .isEqualTo((int) dbCount("category = '" + category + "'"));
                    rows += sheet.getLastRowNum();
                }
            }
            assertThat(rows).isEqualTo(written.rows()).isEqualTo(dbCount("true"));

            XSSFSheet categorySheet = workbook.getSheet("复核不通过");
            assertThat(cells(categorySheet.getRow(0))).containsExactly("异常编号", "异常类别", "严重程度", "统一社会信用代码",
                    "企业名称", "所属区划代码", "数据来源", "复核规则", "字段", "实际值", "期望值", "说明", "首次发现时间", "最近发现时间",
                    "处理状态", "处理备注");

            XSSFSheet summary = workbook.getSheet("汇总");
            Map<String, Map<String, Long>> expected = dbCountsByPrefectureAndCategory();
            Row header = summary.getRow(0);
            int checked = 0;
            for (int r = 1; r < summary.getLastRowNum(); r++) {
                Row row = summary.getRow(r);
                String prefecture = row.getCell(0) == null ? "" : row.getCell(0).getStringCellValue();
                for (int c = 2; c < header.getLastCellNum() - 1; c++) {
                    String label = header.getCell(c).getStringCellValue();
                    ExceptionCategory category = Arrays.stream(ExceptionCategory.values())
                            .filter(k -> k.chinese().equals(label)).findFirst().orElseThrow();
                    long db = expected.getOrDefault(prefecture, Map.of()).getOrDefault(category.name(), 0L);
                    assertThat((long) row.getCell(c).getNumericCellValue()).as(prefecture + " " + category).isEqualTo(db);
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(0);
            assertThat(summaryRow(summary, "420100").getCell(1).getStringCellValue()).isEqualTo("武汉市");
            assertThat(summaryRow(summary, "429004")).as("仙桃 is its own 市州").isNotNull();
            Row total = summary.getRow(summary.getLastRowNum());
            assertThat(total.getCell(1).getStringCellValue()).isEqualTo("合计");
            assertThat((long) total.getCell(total.getLastCellNum() - 1).getNumericCellValue()).isEqualTo(dbCount("true"));
        }
    }

    @Test
    void aRegionCodeCountsUnderThe市州ThatTheDatabaseWouldGroupItUnder() {
        for (String code : List.of("420102", "420100", "429004", "429021", "4201", "42", "4", "4290", " 42010", "")) {
            String database = jdbc.sql("select strip_code from (select case when c like '4290%' then c else substr(c, 1, 4) || '00' end"
                            + " as strip_code from (select cast(? as char(6)) as c) v) w")
                    .param(code).query(String.class).single();
            assertThat(ExceptionsReport.prefecture(jdbc.sql("select cast(? as char(6))").param(code).query(String.class).single()))
                    .as("'%s'", code).isEqualTo(database.strip());
        }
    }

    @Test
    void formulaInANameIsExportedInertInXlsxAndCsvWhileNumbersStayAsTheyAre() throws Exception {
        Path xlsx = dir.resolve("exceptions.xlsx");
        Path csv = dir.resolve("exceptions.csv");
        reports.writeFile(request(ReportFormat.XLSX, Lang.EN), xlsx);
        reports.writeFile(request(ReportFormat.CSV, Lang.EN), csv);

        try (XSSFWorkbook workbook = open(xlsx)) {
            Row row = findRow(workbook.getSheet("REVIEW_FAIL"), WUHAN);
            Cell name = row.getCell(4);
            assertThat(name.getCellType()).isEqualTo(CellType.STRING);
            assertThat(name.getStringCellValue()).isEqualTo("'" + INJECTED);
            assertThat(row.getCell(9).getStringCellValue()).as("a negative number is not altered").isEqualTo("-0.5");
            assertThat(row.getCell(0).getCellType()).as("exception_id stays numeric").isEqualTo(CellType.NUMERIC);
            Row unmatched = findRow(workbook.getSheet("UNMATCHED"), code(14));
            assertThat(unmatched.getCell(9).getStringCellValue()).isEqualTo("'+86 个体户");
        }
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(text).contains(",\"'=HYPERLINK(\"\"http://x\"\")\",").doesNotContain(",\"=HYPERLINK")
                .contains(",-0.5,").contains(",'+86 个体户,");
    }

    @Test
    void csvHasByteOrderMarkChineseHeadersAndLabelsAndEnglishKeysWithLangEn() throws Exception {
        Path zh = dir.resolve("zh.csv");
        Path en = dir.resolve("en.csv");
        reports.writeFile(request(ReportFormat.CSV, Lang.ZH), zh);
        reports.writeFile(request(ReportFormat.CSV, Lang.EN), en);

        byte[] bytes = Files.readAllBytes(zh);
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<String> lines = Files.readAllLines(zh, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("\uFEFF异常编号,异常类别,严重程度,统一社会信用代码,企业名称,所属区划代码,数据来源,复核规则,字段,"
                + "实际值,期望值,说明,首次发现时间,最近发现时间,处理状态,处理备注");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("复核不通过,错误," + XIANTAO + ",仙桃丙科技有限公司,429004,,"
                + "srdi.years_in_niche,专精特新中小企业,1,2,").endsWith(",待处理,"));
        assertThat(lines).hasSize(1 + (int) dbCount("true"));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\r\n");

        List<String> english = Files.readAllLines(en, StandardCharsets.UTF_8);
        assertThat(english.get(0)).isEqualTo("\uFEFFexception_id,category,severity,uscc,name,region_code,feed,rule_id,field,observed,"
                + "expected,detail,first_seen,last_seen,status,note");
        assertThat(english).anySatisfy(line -> assertThat(line)
                .contains("REVIEW_FAIL,ERROR," + XIANTAO + ",仙桃丙科技有限公司,429004,,srdi.years_in_niche,SRDI_SME,1,2,")
                .endsWith(",OPEN,"));
        assertThat(english).anySatisfy(line -> assertThat(line).contains("UNMATCHED,ERROR," + code(14) + ",,,tax,"));
    }

    @Test
    void regionFilterCoversTheCountiesOfAPrefectureAndCategoryFilterKeepsOneSheet() throws Exception {
        Path file = dir.resolve("wuhan.xlsx");
        ReportRequest wuhan = new ReportRequest(ReportKind.EXCEPTIONS, ReportFormat.XLSX, Lang.ZH, "420100", null, null,
                ExceptionCategory.REVIEW_WARN, null, LocalDate.of(2026, 11, 26));
        ReportFile written = reports.writeFile(wuhan, file);

        assertThat(written.rows()).isEqualTo(1);
        try (XSSFWorkbook workbook = open(file)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
            assertThat(workbook.getSheetAt(1).getRow(1).getCell(3).getStringCellValue()).isEqualTo(WUHAN);
        }
        ReportRequest qianjiang = new ReportRequest(ReportKind.EXCEPTIONS, ReportFormat.CSV, Lang.ZH, "429005", null, null,
                null, null, LocalDate.of(2026, 11, 26));
        assertThat(reports.writeFile(qianjiang, dir.resolve("qianjiang.csv")).rows()).as("潜江 is not 仙桃").isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").noneMatch(n -> n.endsWith(".part"));
        }
    }

    private static ReportRequest request(ReportFormat format, Lang lang) {
        return new ReportRequest(ReportKind.EXCEPTIONS, format, lang, null, null, null, null, null, LocalDate.of(2026, 11, 26));
    }

    private long dbCount(String condition) {
        return jdbc.sql("select count(*) from exception_item where " + condition).query(Long.class).single();
    }

    private Map<String, Map<String, Long>> dbCountsByPrefectureAndCategory() {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        jdbc.sql("select coalesce(case when region_code like '4290%' then region_code else substr(region_code, 1, 4) || '00' end, '') p,"
                        + " category, count(*) n from exception_item group by 1, 2")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString("p").strip(), k -> new HashMap<>()).put(rs.getString("category"), rs.getLong("n"));
                });
        return counts;
    }

    static XSSFWorkbook open(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    static List<String> cells(Row row) {
        return java.util.stream.IntStream.range(0, row.getLastCellNum())
                .mapToObj(i -> row.getCell(i).getStringCellValue()).toList();
    }

    private static Row summaryRow(XSSFSheet summary, String prefecture) {
        for (Row row : summary) {
            if (row.getCell(0) != null && prefecture.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        return null;
    }

    private static Row findRow(XSSFSheet sheet, String uscc) {
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && uscc.equals(row.getCell(3).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row for " + uscc + " in " + sheet.getSheetName());
    }
}
