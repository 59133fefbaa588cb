package cn.qeregistry.bench;

import cn.qeregistry.report.Lang;
import cn.qeregistry.report.ReportFile;
import cn.qeregistry.report.ReportFormat;
import cn.qeregistry.report.ReportKind;
import cn.qeregistry.report.ReportRequest;
import cn.qeregistry.report.ReportService;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * The goal "exception report of 500,000 rows" measured as it is asked: the register is filled up to
 * {@link #ROWS} items with copies of the nights' own items (new identity keys, so the register's
 * unique key holds), and the whole register is written through {@link ReportService} — the path of
 * console downloads and the {@code report} command — once as xlsx and once as CSV. The copies are
 * deleted afterwards. Runs after the nights, so it changes none of their figures.
 */
final class ExceptionReportBench {

    static final int ROWS = 500_000;
    private static final String COPY_PREFIX = "bench-copy|";
    private static final String COLUMNS = "category, severity, uscc, name, region_code, feed, rule_id, field, period, observed,"
            + " expected, detail, evidence_digest, first_seen, last_seen, first_execution_id, last_execution_id,"
            + " consecutive_runs, status, status_changed_at, status_changed_by, note";

    /** One report written: its rows, seconds, file size and memory peaks. */
    record Written(long rows, double seconds, long bytes, MemoryProbe.Peak peak) {
        double rowsPerSecond() {
            return seconds > 0 ? rows / seconds : 0;
        }
    }

    private final JdbcClient jdbc;
    private final ReportService reports;

    ExceptionReportBench(JdbcClient jdbc, ReportService reports) {
        this.jdbc = jdbc;
        this.reports = reports;
    }

    /** Fills the register, writes both formats into {@code work}, removes the copies; empty when the register is empty. */
    Map<ReportFormat, Written> run(Path work, LocalDate date, MemoryProbe probe, BenchReport report) throws Exception {
        long items = jdbc.sql("select count(*) from exception_item").query(Long.class).single();
        if (items == 0) {
            return Map.of();
        }
        try {
            long start = System.currentTimeMillis();
            long copies = fill(items);
            report.stage("copy items: register " + String.format("%,d", items) + " -> " + String.format("%,d", items + copies)
                    + " (setup)", copies,
                    seconds(start), probe.peak(start, System.currentTimeMillis()));
            Map<ReportFormat, Written> written = new EnumMap<>(ReportFormat.class);
            for (ReportFormat format : ReportFormat.values()) {
                Path file = Files.createDirectories(work).resolve("exceptions-" + ROWS + "." + format.extension());
                long from = System.currentTimeMillis();
                ReportFile result = reports.writeFile(new ReportRequest(ReportKind.EXCEPTIONS, format, Lang.ZH, null, null,
                        null, null, null, date), file);
                long to = System.currentTimeMillis();
                Written each = new Written(result.rows(), (to - from) / 1000.0, result.bytes(), probe.peak(from, to));
                written.put(format, each);
                report.exceptionReport(format.extension(), each);
                Files.delete(file);
            }
            return written;
        } finally {
            jdbc.sql("delete from exception_item where identity_key like ?").param(COPY_PREFIX + "%").update();
        }
    }

    /** Copies of the register's items, round after round, until it holds {@link #ROWS}; returns how many. */
    private long fill(long items) {
        long missing = Math.max(0, ROWS - items);
        long rounds = (missing + items - 1) / items;
        return jdbc.sql("insert into exception_item (identity_key, " + COLUMNS + ")"
                        + " select '" + COPY_PREFIX + "' || g || '|' || e.identity_key, " + COLUMNS
                        + " from exception_item e cross join generate_series(1, ?) g order by g, e.id limit ?")
                .param(rounds).param(missing).update();
    }

    private static double seconds(long startMillis) {
        return (System.currentTimeMillis() - startMillis) / 1000.0;
    }
}
