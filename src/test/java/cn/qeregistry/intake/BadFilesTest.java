package cn.qeregistry.intake;

import cn.qeregistry.core.Feed;
import cn.qeregistry.runs.JobRunner;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Files that cannot be taken fail their delivery and the step with a clear message, never a stack trace. */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class BadFilesTest {

    static final String[] TAX_HEADER = {"纳税人识别号", "纳税人名称", "所属年度", "营业收入(万元)", "主营业务收入(万元)", "研发费用(万元)",
            "资产总额(万元)", "负债总额(万元)", "纳税总额(万元)", "纳税信用级别"};

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void emptyIntake() throws Exception {
        IntakeFixtures.reset(jdbc);
    }

    @Test
    void eachBadFileFailsWithAMessageThatSaysWhatIsWrong() throws Exception {
        Path inbox = IntakeFixtures.inbox(Feed.TAX);
        Path good = IntakeFixtures.DIR.resolve("tax-2025.xlsx");
        Files.write(inbox.resolve("tax-2021-empty.xlsx"), new byte[0]);
        Files.writeString(inbox.resolve("tax-2021-disguised.xlsx"), String.join(",", TAX_HEADER) + "\n");
        Files.write(inbox.resolve("tax-2021-encrypted.xlsx"), encrypted(workbook("2021年度", TAX_HEADER)));
        Files.write(inbox.resolve("tax-2021-corrupt.xlsx"), java.util.Arrays.copyOf(Files.readAllBytes(good), 1500));
        Files.write(inbox.resolve("tax-2021-bomb.xlsx"), zipBomb(good));
        Files.write(inbox.resolve("tax-2021-nosheet.xlsx"), workbook("Sheet1", TAX_HEADER));
        Files.write(inbox.resolve("tax-2021-disguised.xls"), workbook("2021年度", TAX_HEADER));

        JobExecution execution = runner.run(runner.job("intake.tax").orElseThrow(), LocalDate.of(2026, 11, 26),
                Map.of("test", UUID.randomUUID().toString())).execution();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        Map<String, String> messages = IntakeFixtures.deliveries(jdbc, "tax").stream()
                .collect(Collectors.toMap(IntakeFixtures.Delivery::fileName, d -> d.status() + " " + d.message()));
        assertThat(messages.get("tax-2021-empty.xlsx")).isEqualTo("FAILED tax-2021-empty.xlsx: the file is empty (0 bytes)");
        assertThat(messages.get("tax-2021-disguised.xlsx")).isEqualTo("FAILED tax-2021-disguised.xlsx: the name says .xlsx but the content is text");
        assertThat(messages.get("tax-2021-disguised.xls")).isEqualTo("FAILED tax-2021-disguised.xls: the name says .xls but the content is a ZIP container (.xlsx)");
        assertThat(messages.get("tax-2021-encrypted.xlsx")).startsWith("FAILED tax-2021-encrypted.xlsx: the workbook is password-protected");
        assertThat(messages.get("tax-2021-corrupt.xlsx")).startsWith("FAILED tax-2021-corrupt.xlsx: not a readable .xlsx workbook");
        assertThat(messages.get("tax-2021-bomb.xlsx")).startsWith("FAILED tax-2021-bomb.xlsx: refused as a suspected zip bomb");
        assertThat(messages.get("tax-2021-nosheet.xlsx")).isEqualTo("FAILED tax-2021-nosheet.xlsx: sheet missing — no sheet named like "
                + "'^\\d{4}年度(\\(\\d+\\))?$' (sheets: [Sheet1])");
        String exit = execution.getStepExecutions().iterator().next().getExitStatus().getExitDescription();
        assertThat(exit).startsWith("intake.tax: 7 of 7 deliveries failed").contains("zip bomb").doesNotContain("Exception");
        assertThat(Files.list(inbox).count()).as("failed files stay in the inbox").isEqualTo(7);
        assertThat(jdbc.sql("select count(*) from stg_tax").query(Long.class).single()).isZero();
    }

    @Test
    void aHeaderThatCannotBeMappedNamesTheSheetTheFieldItsAliasesAndTheHeadersFound() throws Exception {
        String[] withoutRd = {"纳税人识别号", "纳税人名称", "所属年度", "营业收入(万元)", "主营业务收入(万元)", "研究开发费(万元)",
                "资产总额(万元)", "负债总额(万元)", "纳税总额(万元)", "纳税信用级别"};
        Files.write(IntakeFixtures.inbox(Feed.TAX).resolve("tax-2024.xlsx"), workbook("2024年度", withoutRd));

        JobExecution execution = runner.run(runner.job("intake.tax").orElseThrow(), LocalDate.of(2026, 11, 26),
                Map.of("test", UUID.randomUUID().toString())).execution();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getStepExecutions().iterator().next().getExitStatus().getExitDescription())
                .contains("tax-2024.xlsx: sheet \"2024年度\" has no column for 研发费用 (field rd_expense; accepted headers: 研发费用)")
                .contains("headers found in row 2: 纳税人识别号, 纳税人名称, 所属年度, 营业收入(万元), 主营业务收入(万元), 研究开发费(万元)");
    }

    /** A workbook with a title row and the header in row 2. */
    static byte[] workbook(String sheetName, String[] header) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet(sheetName);
            sheet.createRow(0).createCell(0).setCellValue("湖北省税务局 企业纳税及财务信息");
            var row = sheet.createRow(1);
            for (int i = 0; i < header.length; i++) {
                row.createCell(i).setCellValue(header[i]);
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** The workbook encrypted with a password (agile encryption, as Excel does). */
    static byte[] encrypted(byte[] workbook) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("secret");
            try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(workbook)); OutputStream os = encryptor.getDataStream(fs)) {
                pkg.save(os);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    /** A real workbook whose sheet XML is padded with 30 MB of blanks: tiny compressed, huge inflated. */
    static byte[] zipBomb(Path workbook) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(workbook)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int at = xml.indexOf("<sheetData>") + "<sheetData>".length();
                    zip.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    byte[] blanks = new byte[1 << 20];
                    java.util.Arrays.fill(blanks, (byte) ' ');
                    for (int i = 0; i < 30; i++) {
                        zip.write(blanks);
                    }
                    zip.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
                } else {
                    zip.write(content);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
