package cn.qeregistry.reliability;

import cn.qeregistry.core.CreditCode;
import cn.qeregistry.platform.QeHome;
import cn.qeregistry.runs.JobRunner;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A sheet filled to Excel's last row (1,048,576: a header and 1,048,575 firms) is staged whole, streamed. */
@Tag("slow")
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class FullSheetTest {

    static final int LAST_ROW = SpreadsheetVersion.EXCEL2007.getMaxRows(); // 1,048,576

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;

    @Test
    void aSheetOfExactlyTheMaximumRowCountIsStagedWhole() throws Exception {
        IntakeState.reset(jdbc, QeHome.resolve().root());
        Path file = Files.createDirectories(Path.of("target/full-sheet")).resolve("market-2026-11-28.xlsx");
        write(file);
        Files.copy(file, QeHome.ensure(QeHome.resolve().inbox("market")).resolve(file.getFileName()));

        JobExecution execution = runner.run(runner.job("intake.market").orElseThrow(), LocalDate.of(2026, 11, 28),
                Map.of("test", UUID.randomUUID().toString())).execution();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        IntakeState.Delivery delivery = IntakeState.deliveries(jdbc, "market").get(0);
        assertThat(delivery.status()).isEqualTo("STAGED");
        assertThat(delivery.read()).isEqualTo(LAST_ROW - 1);
        assertThat(delivery.staged()).isEqualTo(LAST_ROW - 1);
        assertThat(jdbc.sql("select count(*), max(row_no) from stg_market where delivery_id = ?").param(delivery.id())
                .query((rs, n) -> rs.getLong(1) + " " + rs.getInt(2)).single()).isEqualTo((LAST_ROW - 1) + " " + LAST_ROW);
        CrashFigures.record("1,048,576-row sheet", LAST_ROW - 1, delivery.staged(), delivery.staged(), 0);
        IntakeState.reset(jdbc, QeHome.resolve().root());
    }

    private static void write(Path file) throws Exception {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); OutputStream out = Files.newOutputStream(file)) {
            SXSSFSheet sheet = workbook.createSheet("企业");
            String[] header = CrashRestartTest.HEADER;
            SXSSFRow first = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                first.createCell(c).setCellValue(header[c]);
            }
            for (int r = 1; r < LAST_ROW; r++) {
                String body = "91420300MD" + String.format("%07d", r);
                String[] cells = {body + (char) CreditCode.checkCharFor(body), "满表企业" + r, "张三", "有限责任公司", "存续", "2015-03-01",
                        "100", "C3670", "十堰市市场监督管理局", "十堰市", "420302", "否", "否"};
                SXSSFRow row = sheet.createRow(r);
                for (int c = 0; c < cells.length; c++) {
                    row.createCell(c).setCellValue(cells[c]);
                }
            }
            workbook.write(out);
            workbook.dispose();
        }
    }
}
