package cn.qeregistry.bench;

import cn.qeregistry.generator.GeneratorOptions;
import cn.qeregistry.generator.ProvinceGenerator;
import cn.qeregistry.intake.ExchangeLoader;
import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.ConfigFiles;
import cn.qeregistry.platform.QeHome;
import cn.qeregistry.platform.UsageException;
import cn.qeregistry.report.Prefectures;
import cn.qeregistry.report.ReportService;
import cn.qeregistry.runs.JobRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench [--enterprises=N] [--work=DIR] [--baseline=N]}: generates a province, runs the full
 * nightly on it in this process and prints rows, seconds, rows/s, peak heap and RSS per step and end
 * to end; then the ceiling (raw read + COPY of the same files) and the naive Spring Batch baseline
 * (usermodel reader + row-by-row upsert, on a smaller province), the ratios against the goals, and an
 * incremental night with 1 % of firms changed; last the exceptions report of 500,000 rows as xlsx and CSV.
 */
@Component
public class BenchCommand implements Command {

    static final String NIGHTLY = "nightly";
    private static final long SEED = 1L;

    private final JobRunner runner;
    private final ExchangeLoader exchange;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final PlatformTransactionManager transactionManager;
    private final QeHome home;
    private final PrintStream out;
    private final ReportService reports;

    @Autowired
    public BenchCommand(JobRunner runner, ExchangeLoader exchange, DataSource dataSource, JdbcClient jdbc,
                        JobRepository jobRepository, JobOperator jobOperator, PlatformTransactionManager transactionManager,
                        ReportService reports, @Value("${qe.home}") String home) {
        this(runner, exchange, dataSource, jdbc, jobRepository, jobOperator, transactionManager, reports, QeHome.of(home),
                System.out);
    }

    /** With the report service over the working directory's {@code jobs/regions.yml}. */
    BenchCommand(JobRunner runner, ExchangeLoader exchange, DataSource dataSource, JdbcClient jdbc,
                 JobRepository jobRepository, JobOperator jobOperator, PlatformTransactionManager transactionManager,
                 QeHome home, PrintStream out) {
        this(runner, exchange, dataSource, jdbc, jobRepository, jobOperator, transactionManager,
                new ReportService(dataSource, new Prefectures(new ConfigFiles("."))), home, out);
    }

    BenchCommand(JobRunner runner, ExchangeLoader exchange, DataSource dataSource, JdbcClient jdbc,
                 JobRepository jobRepository, JobOperator jobOperator, PlatformTransactionManager transactionManager,
                 ReportService reports, QeHome home, PrintStream out) {
        this.reports = reports;
        this.runner = runner;
        this.exchange = exchange;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.transactionManager = transactionManager;
        this.home = home;
        this.out = out;
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public int run(Arguments arguments) throws Exception {
        long enterprises = arguments.number("enterprises").orElse(1_000_000L);
        long baseline = arguments.number("baseline").orElse(50_000L);
        if (enterprises < 1 || enterprises > 10_000_000 || baseline < 1 || baseline > enterprises) {
            throw new UsageException("--enterprises must be within 1..10000000 and --baseline within 1..enterprises");
        }
        Path work = arguments.option("work").map(Path::of).orElse(home.root().resolve("bench"));
        return run((int) enterprises, (int) baseline, work, JobRunner.today());
    }

    /** The whole benchmark for business date {@code date} (the incremental night is the day after). */
    int run(int enterprises, int baselineEnterprises, Path work, LocalDate date) throws Exception {
        Job nightly = runner.job(NIGHTLY).orElseThrow(() -> new IllegalStateException("no job '" + NIGHTLY + "' is defined"));
        BenchReport report = new BenchReport(out, enterprises, baselineEnterprises, date);
        report.machine(jdbc.sql("select version()").query(String.class).single());
        Path province = work.resolve("province-" + enterprises);
        try (MemoryProbe probe = new MemoryProbe()) {
            long t0 = System.currentTimeMillis();
            new ProvinceGenerator(GeneratorOptions.of(province, enterprises, SEED, date)).generate();
            report.generated(province, ProvinceFiles.size(ProvinceFiles.of(province)), seconds(t0));

            long loadStart = System.currentTimeMillis();
            long exchangeRows = exchange.load(province);
            report.stage("load.exchange (setup)", exchangeRows, seconds(loadStart), probe.peak(loadStart, System.currentTimeMillis()));

            deliver(province.resolve("inbox"));
            JobExecution full = night(nightly, date);
            Night fullNight = report.night("nightly " + date, full, probe);

            long ceilingStart = System.currentTimeMillis();
            Ceiling ceiling = new Ceiling(dataSource);
            long ceilingRows = 0;
            for (Path file : ProvinceFiles.of(province)) {
                ceilingRows += ceiling.load(file);
            }
            report.ceiling(ceilingRows, seconds(ceilingStart), probe.peak(ceilingStart, System.currentTimeMillis()));

            Path small = work.resolve("baseline-" + baselineEnterprises);
            new ProvinceGenerator(GeneratorOptions.of(small, baselineEnterprises, SEED, date)).generate();
            long baselineStart = System.currentTimeMillis();
            long baselineRows = new NaiveBaseline(dataSource, jdbc, jobRepository, jobOperator, transactionManager)
                    .run(ProvinceFiles.of(small));
            report.baseline(baselineRows, seconds(baselineStart), probe.peak(baselineStart, System.currentTimeMillis()));

            LocalDate next = date.plusDays(1);
            long changed = IncrementalDelivery.write(market(province), next, home.inbox("market"));
            JobExecution incremental = night(nightly, next);
            Night incrementalNight = report.night("incremental " + next + " (" + changed + " firms changed)", incremental, probe);
            new ExceptionReportBench(jdbc, reports).run(work.resolve("exceptions-report"), date, probe, report);
            report.goals(fullNight, incrementalNight, MemoryProbe.residentHighWaterMark());
            return full.getStatus() == BatchStatus.COMPLETED && incremental.getStatus() == BatchStatus.COMPLETED ? OK : FAILED;
        }
    }

    private JobExecution night(Job nightly, LocalDate date) throws Exception {
        JobRunner.Launch launch = runner.run(nightly, date, Map.of());
        if (!launch.ran()) {
            throw new UsageException(launch.refusal() + "; run the bench against a fresh QE_HOME");
        }
        return launch.execution();
    }

    /** Copies the generated inbox files into the installation's inboxes (intake removes what it takes). */
    private void deliver(Path generatedInbox) throws IOException {
        try (Stream<Path> files = Files.walk(generatedInbox)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = QeHome.ensure(home.inbox(file.getParent().getFileName().toString())).resolve(file.getFileName());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Path market(Path province) throws IOException {
        try (Stream<Path> files = Files.list(province.resolve("inbox").resolve("market"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")).findFirst()
                    .orElseThrow(() -> new IOException("no market CSV under " + province));
        }
    }

    private static double seconds(long startMillis) {
        return (System.currentTimeMillis() - startMillis) / 1000.0;
    }

    static long millis(LocalDateTime time) {
        return time.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    /** A night's figures: its source rows (what intake read), its wall time, its memory peaks. */
    record Night(long sourceRows, double seconds, double intakeSeconds, MemoryProbe.Peak peak, BatchStatus status) {
        double rowsPerSecond() {
            return seconds > 0 ? sourceRows / seconds : 0;
        }

        double intakeRowsPerSecond() {
            return intakeSeconds > 0 ? sourceRows / intakeSeconds : 0;
        }
    }

    static List<StepExecution> inOrder(JobExecution execution) {
        List<StepExecution> steps = new ArrayList<>(execution.getStepExecutions());
        steps.sort(Comparator.comparing(StepExecution::getStartTime, Comparator.nullsLast(Comparator.naturalOrder())));
        return steps;
    }
}
