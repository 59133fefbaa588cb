package cn.qeregistry.report;

import cn.qeregistry.exceptions.RegisterFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark: 500,000 register items written as xlsx and CSV. Prints rows per second, the peak heap
 * and the peak heap still live after collections; the latter must stay far below what holding the
 * rows would need (a constant-memory writer keeps only its window).
 */
@Tag("slow")
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class LargeExceptionsReportBenchmarkTest {

    static final int ROWS = 500_000;
    static final long LIVE_HEAP_LIMIT = 200L * 1024 * 1024;

    @Autowired ReportService reports;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    @BeforeEach
    void halfAMillionItems() {
        new RegisterFixtures(jdbc).clean();
        jdbc.sql("""
                insert into exception_item (identity_key, category, severity, uscc, name, region_code, feed, rule_id, field, period,
                                            observed, expected, detail, evidence_digest, first_seen, last_seen,
                                            first_execution_id, last_execution_id, consecutive_runs, status)
                select 'BENCH|' || g,
                       (array['INTAKE_REJECT','DUPLICATE','UNMATCHED','CONFLICT','REVIEW_FAIL','REVIEW_WARN','DATA_GAP'])[1 + g % 7],
                       (array['ERROR','ERROR','ERROR','WARN','ERROR','WARN','INFO'])[1 + g % 7],
                       '91420100MA' || lpad(g::text, 8, '0'), '湖北测试制造有限公司' || g,
                       (array['420102','420502','420606','429004','421122'])[1 + g % 5],
                       case when g % 7 < 4 then 'tax' end, case when g % 7 >= 4 then 'srdi.rd_ratio_min' end,
                       '营业收入(万元)', '2025', (g % 1000)::text || '.5', '0.03',
                       '第' || g || '行: 数值无法解析 — 示例说明文字，用于模拟真实长度的异常描述', md5(g::text),
                       now(), now(), 1, 1, 1 + g % 3, (array['OPEN','IN_FOLLOW_UP','RESOLVED','WAIVED'])[1 + g % 4]
                from generate_series(1, ?) g""").param(ROWS).update();
    }

    @AfterEach
    void removeThem() {
        jdbc.sql("delete from exception_item where identity_key like 'BENCH|%'").update();
    }

    @Test
    void halfAMillionExceptionsAreWrittenInConstantMemory() throws Exception {
        for (ReportFormat format : ReportFormat.values()) {
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            ReportFile file = reports.writeFile(new ReportRequest(ReportKind.EXCEPTIONS, format, Lang.ZH, null, null, null, null,
                    null, LocalDate.of(2026, 11, 26)), dir.resolve("bench." + format.extension()));
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            long live = heap.stream().filter(pool -> pool.getCollectionUsage() != null)
                    .mapToLong(pool -> pool.getCollectionUsage().getUsed()).max().orElse(0);
            System.out.printf("report benchmark %s: %,d rows in %.1f s = %,.0f rows/s, %,d bytes, peak heap %,d MB, live after GC %,d MB%n",
                    format, file.rows(), seconds, file.rows() / seconds, file.bytes(), peak >> 20, live >> 20);
            assertThat(file.rows()).isGreaterThanOrEqualTo(ROWS);
            assertThat(live).as("heap live after collections").isLessThan(LIVE_HEAP_LIMIT);
        }
    }
}
