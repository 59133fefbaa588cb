package cn.qeregistry.bench;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the benchmark as it goes: the machine, one line per stage (rows, seconds, rows/s, peak heap,
 * live heap after GC, peak RSS), the references, and the ratios against the goals of issue 10.
 */
final class BenchReport {

    static final double GOAL_ROWS_PER_SECOND = 100_000;
    static final double GOAL_SHARE_OF_CEILING = 0.5;
    static final long GOAL_HEAP_BYTES = 1L << 30;
    static final double GOAL_TIMES_BASELINE = 5;
    static final double GOAL_INCREMENTAL_SHARE = 0.10;
    private static final String LINE = "%-44s %12s %9s %11s %9s %10s %10s %10s%n";

    private final PrintStream out;
    private final int enterprises;
    private final int baselineEnterprises;
    private final LocalDate date;
    private double ceilingRate;
    private double baselineRate;
    private MemoryProbe.Peak baselinePeak;
    private final Map<String, ExceptionReportBench.Written> exceptionReports = new LinkedHashMap<>();

    BenchReport(PrintStream out, int enterprises, int baselineEnterprises, LocalDate date) {
        this.out = out;
        this.enterprises = enterprises;
        this.baselineEnterprises = baselineEnterprises;
        this.date = date;
    }

    void machine(String postgres) {
        Runtime runtime = Runtime.getRuntime();
        out.printf("QE Registry bench: %,d enterprises, business date %s, naive baseline at %,d enterprises%n",
                enterprises, date, baselineEnterprises);
        out.printf("machine: %d cpus, %s memory, load average %.2f; JVM %s %s, max heap %d MiB; %s%n",
                runtime.availableProcessors(), memTotal(), loadAverage(), System.getProperty("java.vm.name"),
                Runtime.version(), runtime.maxMemory() >> 20, postgres);
    }

    void generated(Path province, long bytes, double seconds) {
        out.printf("generated %s: %,d MiB of source files in %.1f s (not part of any figure below)%n%n",
                province, bytes >> 20, seconds);
        out.printf(LINE, "stage", "rows", "seconds", "rows/s", "JVM cpu s", "heap MiB", "live MiB", "RSS MiB");
    }

    void stage(String name, long rows, double seconds, MemoryProbe.Peak peak) {
        out.printf(LINE, name, String.format("%,d", rows), String.format("%.1f", seconds), rate(rows, seconds),
                String.format("%.1f", peak.cpuSeconds()), mib(peak.heapBytes()), mib(peak.liveBytes()), mib(peak.rssBytes()));
    }

    /** One line per step, then the night end to end; source rows are what the intake steps read. */
    BenchCommand.Night night(String title, JobExecution execution, MemoryProbe probe) {
        List<StepExecution> steps = BenchCommand.inOrder(execution);
        long sourceRows = steps.stream().filter(s -> s.getStepName().startsWith("intake."))
                .mapToLong(s -> s.getReadCount() + s.getReadSkipCount()).sum();
        out.printf("-- %s: %s%n", title, execution.getStatus());
        for (StepExecution step : steps) {
            long from = BenchCommand.millis(step.getStartTime());
            long to = step.getEndTime() == null ? System.currentTimeMillis() : BenchCommand.millis(step.getEndTime());
            double seconds = (to - from) / 1000.0;
            boolean intake = step.getStepName().startsWith("intake.");
            long rows = intake ? step.getReadCount() + step.getReadSkipCount() : sourceRows;
            stage(step.getStepName() + (intake ? "" : " *") + (step.getStatus().isUnsuccessful() ? " " + step.getStatus() : ""),
                    rows, seconds, probe.peak(from, to));
            if (step.getStatus().isUnsuccessful()) {
                out.println("   " + step.getExitStatus().getExitDescription().lines().findFirst().orElse(""));
            }
        }
        long from = BenchCommand.millis(execution.getStartTime());
        long to = execution.getEndTime() == null ? System.currentTimeMillis() : BenchCommand.millis(execution.getEndTime());
        long intakeEnd = steps.stream().filter(s -> s.getStepName().startsWith("intake.") && s.getEndTime() != null)
                .mapToLong(s -> BenchCommand.millis(s.getEndTime())).max().orElse(from);
        double intakeSeconds = (intakeEnd - from) / 1000.0;
        stage("intake (all feeds: read, check, stage)", sourceRows, intakeSeconds, probe.peak(from, intakeEnd));
        MemoryProbe.Peak peak = probe.peak(from, to);
        BenchCommand.Night night = new BenchCommand.Night(sourceRows, (to - from) / 1000.0, intakeSeconds, peak,
                execution.getStatus());
        stage("end to end", sourceRows, night.seconds(), peak);
        out.println("   (* rows/s of a step that is not intake: the night's source rows over its time)");
        return night;
    }

    /** One format of the 500,000-row exceptions report (see {@link ExceptionReportBench}). */
    void exceptionReport(String format, ExceptionReportBench.Written written) {
        if (exceptionReports.isEmpty()) {
            out.println("-- exceptions report: the whole register written through ReportService (the console's and report command's path)");
        }
        stage("exceptions report " + format + " (" + (written.bytes() >> 20) + " MiB)", written.rows(), written.seconds(),
                written.peak());
        exceptionReports.put(format, written);
    }

    void ceiling(long rows, double seconds, MemoryProbe.Peak peak) {
        out.println("-- ceiling: raw read of the same files (bare SAX for xlsx, byte pass-through for CSV) + COPY into an unindexed temp table");
        stage("ceiling", rows, seconds, peak);
        ceilingRate = rows / seconds;
    }

    void baseline(long rows, double seconds, MemoryProbe.Peak peak) {
        out.printf("-- naive Spring Batch baseline at %,d enterprises: POI usermodel (WorkbookFactory + DataFormatter) + JdbcBatchItemWriter upsert, chunk %d%n",
                baselineEnterprises, NaiveBaseline.CHUNK);
        stage("baseline", rows, seconds, peak);
        baselineRate = rows / seconds;
        baselinePeak = peak;
    }

    void goals(BenchCommand.Night full, BenchCommand.Night incremental, long residentHighWaterMark) {
        out.println();
        out.println("goals (issue 10)                                   measured      goal   verdict");
        double rate = full.rowsPerSecond();
        goal("end-to-end rows/s", String.format("%,.0f", rate), ">= 100,000", rate >= GOAL_ROWS_PER_SECOND);
        double share = rate / ceilingRate;
        goal("end-to-end / ceiling rows/s", String.format("%.2f", share), ">= 0.50", share >= GOAL_SHARE_OF_CEILING);
        double intakeShare = full.intakeRowsPerSecond() / ceilingRate;
        goal("intake / ceiling rows/s (same work: read + load)", String.format("%.2f", intakeShare), ">= 0.50",
                intakeShare >= GOAL_SHARE_OF_CEILING);
        goal("peak heap of the night", mib(full.peak().heapBytes()) + " MiB", "<= 1024 MiB",
                full.peak().heapBytes() <= GOAL_HEAP_BYTES);
        double times = rate / baselineRate;
        goal("end-to-end / naive baseline rows/s", String.format("%.1fx", times), ">= 5x", times >= GOAL_TIMES_BASELINE);
        double intakeTimes = full.intakeRowsPerSecond() / baselineRate;
        goal("intake / naive baseline rows/s", String.format("%.1fx", intakeTimes), ">= 5x", intakeTimes >= GOAL_TIMES_BASELINE);
        double memory = (double) baselinePeak.heapBytes() / Math.max(1, full.peak().heapBytes());
        goal("naive baseline / night peak heap", String.format("%.1fx", memory), ">= 5x", memory >= GOAL_TIMES_BASELINE);
        double live = (double) baselinePeak.liveBytes() / Math.max(1, full.peak().liveBytes());
        goal("naive baseline / night live heap after GC", String.format("%.1fx", live), ">= 5x", live >= GOAL_TIMES_BASELINE);
        double incrementalShare = incremental.seconds() / full.seconds();
        goal("incremental / full night time", String.format("%.2f", incrementalShare), "<= 0.10",
                incrementalShare <= GOAL_INCREMENTAL_SHARE);
        for (String format : List.of("xlsx", "csv")) {
            ExceptionReportBench.Written written = exceptionReports.get(format);
            double reportRate = written == null ? 0 : written.rowsPerSecond();
            goal("report: exception items/s, " + format + " (" + String.format("%,d", written == null ? 0 : written.rows()) + " rows)",
                    String.format("%,.0f", reportRate), ">= 100,000", reportRate >= GOAL_ROWS_PER_SECOND);
        }
        out.printf("process RSS high-water mark %s MiB; load average now %.2f%n", mib(residentHighWaterMark), loadAverage());
    }

    private void goal(String name, String measured, String goal, boolean met) {
        out.printf("  %-46s %12s %11s   %s%n", name, measured, goal, met ? "met" : "NOT met");
    }

    private static String rate(long rows, double seconds) {
        return seconds > 0 ? String.format("%,.0f", rows / seconds) : "-";
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "-" : Long.toString(bytes >> 20);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format("%.1f GiB", kb / 1048576.0);
                }
            }
        } catch (Exception e) {
            return "unknown";
        }
        return "unknown";
    }
}
