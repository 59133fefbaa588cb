package cn.qeregistry.generator;

import cn.qeregistry.cli.Cli;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Same seed ⇒ same bytes; every file opens with POI; the real-world forms are really there. */
class GeneratedFilesFormTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 11, 26);

    @TempDir
    static Path root;

    private static GeneratorOptions options(Path dir, long seed) {
        return GeneratorOptions.of(dir, 1500, seed, AS_OF);
    }

    @BeforeAll
    static void generate() throws IOException {
        new ProvinceGenerator(options(root.resolve("a"), 7)).generate();
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers() throws IOException, InterruptedException {
        Thread.sleep(2_100); // DOS zip times have a 2-second grain: a clock leaking into the files would show
        new ProvinceGenerator(options(root.resolve("b"), 7)).generate();
        new ProvinceGenerator(options(root.resolve("c"), 8)).generate();
        Map<String, byte[]> a = files(root.resolve("a"));
        Map<String, byte[]> b = files(root.resolve("b"));
        Map<String, byte[]> c = files(root.resolve("c"));
        assertThat(a.keySet()).hasSize(11).isEqualTo(b.keySet());
        a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
        long differing = a.keySet().stream().filter(name -> c.containsKey(name) && !java.util.Arrays.equals(a.get(name), c.get(name))).count();
        assertThat(differing).isEqualTo(a.size());
    }

    @Test
    void everyWorkbookOpensWithItsSheetsAndHeaders() throws IOException {
        Path inbox = root.resolve("a/inbox");
        for (int year = 2022; year <= 2024; year++) {
            try (Workbook wb = WorkbookFactory.create(inbox.resolve("tax/tax-" + year + ".xlsx").toFile(), null, true)) {
                Sheet sheet = wb.getSheet(year + "年度");
                assertThat(sheet).isNotNull();
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("湖北省税务局 " + year + "年度企业纳税及财务信息");
                int headerRow = year == 2023 ? 2 : 1;
                assertThat(sheet.getRow(headerRow).getCell(0).getStringCellValue()).isEqualTo("纳税人识别号");
                assertThat(sheet.getLastRowNum()).isGreaterThan(100);
            }
        }
        try (Workbook wb = WorkbookFactory.create(inbox.resolve("science/science-2025-11-26.xls").toFile(), null, true)) {
            assertThat(wb).isInstanceOf(HSSFWorkbook.class);
            assertThat(wb.getSheet("科技型企业").getRow(0).getCell(10).getStringCellValue()).isEqualTo("省级及以上研发机构");
        }
        try (Workbook wb = WorkbookFactory.create(inbox.resolve("finance/finance-2025-11-26.xlsx").toFile(), null, true)) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(5).getStringCellValue()).isEqualTo("股权融资额(万元)");
        }
        try (Workbook wb = WorkbookFactory.create(inbox.resolve("registry/registry-2025-11-26.xlsx").toFile(), null, true)) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(2).getStringCellValue()).isEqualTo("梯度层级");
        }
    }

    @Test
    void exactlyOneTaxYearStatesMoneyInYuan() throws IOException {
        List<String> units = new ArrayList<>();
        for (int year = 2022; year <= 2024; year++) {
            try (Workbook wb = WorkbookFactory.create(root.resolve("a/inbox/tax/tax-" + year + ".xlsx").toFile(), null, true)) {
                Sheet sheet = wb.getSheetAt(0);
                int headerRow = year == 2023 ? 2 : 1;
                units.add(sheet.getRow(headerRow).getCell(3).getStringCellValue());
            }
        }
        assertThat(units).containsOnlyOnce("营业收入(元)").contains("营业收入(万元)");
    }

    @Test
    void marketCsvIsGb18030AndRoundTripsACharacterGbkCannotHold() throws IOException {
        Path csv = root.resolve("a/inbox/market/market-2025-11-26.csv");
        byte[] bytes = Files.readAllBytes(csv);
        String text = new String(bytes, ProvinceGenerator.GB18030);
        assertThat(text).startsWith("统一社会信用代码,企业名称,法定代表人,企业类型,登记状态,成立日期,注册资本(万元),行业代码,登记机关,住所,所属区划代码,"
                + "列入经营异常名录,列入严重违法失信名单\r\n");
        assertThat(text).contains("𬌗");
        assertThat(Charset.forName("GBK").newEncoder().canEncode("𬌗")).isFalse();
        assertThat(text.getBytes(ProvinceGenerator.GB18030)).isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("𬌗");
    }

    @Test
    void realWorldFormsAppearInTheFiles() throws IOException {
        String market = Files.readString(root.resolve("a/inbox/market/market-2025-11-26.csv"), ProvinceGenerator.GB18030);
        assertThat(market).containsPattern("\\d{4}/\\d{1,2}/\\d{1,2}").containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日")
                .containsPattern("\\d{4}-\\d{2}-\\d{2}").contains("９").contains("\u3000").contains(",,,,,,,,,,,,\r\n").contains("有限责任公司")
                .contains("股份有限公司").contains("（");
        List<GeneratedFiles.SourceLine> tax = GeneratedFiles.workbook(root.resolve("a/inbox/tax/tax-2024.xlsx"));
        assertThat(tax).anyMatch(l -> l.cell(3) instanceof String s && s.matches("[\\d.]+"))
                .anyMatch(l -> l.cell(3) instanceof String s && s.contains(","))
                .anyMatch(l -> l.cell(3) instanceof java.math.BigDecimal);
        List<GeneratedFiles.SourceLine> science = GeneratedFiles.workbook(root.resolve("a/inbox/science/science-2025-11-26.xls"));
        assertThat(science).anyMatch(l -> l.cell(4) instanceof LocalDate).anyMatch(l -> l.cell(4) instanceof String);
        List<GeneratedFiles.SourceLine> tax2022 = GeneratedFiles.workbook(root.resolve("a/inbox/tax/tax-2022.xlsx"));
        assertThat(tax2022.get(1).cells()).contains("单位名称", "年份");
    }

    @Test
    void largeProvincesContinueOnFurtherSheets() throws IOException {
        Path dir = root.resolve("sheets");
        new ProvinceGenerator(options(dir, 7).withMaxRowsPerSheet(100)).generate();
        try (Workbook wb = WorkbookFactory.create(dir.resolve("inbox/tax/tax-2024.xlsx").toFile(), null, true)) {
            assertThat(wb.getNumberOfSheets()).isGreaterThan(3);
            assertThat(wb.getSheetName(1)).isEqualTo("2024年度(2)");
            for (Sheet sheet : wb) {
                assertThat(sheet.getLastRowNum()).isLessThan(100);
                assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("纳税人识别号");
            }
        }
        // the same firms, only laid out differently: the truth about the review does not move
        assertThat(Files.readString(dir.resolve("truth/expected-review.csv")))
                .isEqualTo(Files.readString(root.resolve("a/truth/expected-review.csv")));
    }

    @Test
    void generateCommandRunsWithoutSpringAndRefusesAMissingOut() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Path dir = root.resolve("cli");
        assertThat(cli.execute("generate", "--out=" + dir, "--enterprises=40", "--seed=3", "--as-of=2025-11-26")).isZero();
        assertThat(dir.resolve("inbox/market/market-2025-11-26.csv")).exists();
        assertThat(dir.resolve("truth/expected-review.csv")).exists();
        assertThat(cli.execute("generate", "--enterprises=40")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing --out");
    }

    @Test
    void scienceRowCountFromThePlanMatchesTheRowsMade() {
        FirmFactory factory = new FirmFactory(options(root.resolve("unused"), 7).withRates(DefectRates.defaults().scaled(10)));
        for (int i = 0; i < 3000; i++) {
            assertThat(factory.scienceRowCount(i)).as("firm %d", i).isEqualTo(factory.firm(i).scienceRowCount());
        }
    }

    @Test
    void sampleProvinceSeedsOnlyAnEmptyHome() throws IOException {
        Path home = root.resolve("home");
        assertThat(SampleProvince.seedIfEmpty(home, AS_OF)).isTrue();
        assertThat(home.resolve("inbox/registry/registry-2025-11-26.xlsx")).exists();
        assertThat(home.resolve("exchange/finance_equity.csv")).exists();
        assertThat(SampleProvince.seedIfEmpty(home, AS_OF.plusDays(1))).isFalse();
        assertThat(home.resolve("inbox/registry/registry-2025-11-27.xlsx")).doesNotExist();
    }
}
