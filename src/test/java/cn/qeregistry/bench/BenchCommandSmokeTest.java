package cn.qeregistry.bench;

import cn.qeregistry.intake.ExchangeLoader;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.QeHome;
import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.yaml.snakeyaml.Yaml;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench command at a tiny size: every stage, both references and every goal are reported. */
@Tag("slow")
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class BenchCommandSmokeTest {

    @Autowired JobRunner runner;
    @Autowired ExchangeLoader exchange;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired JobRepository jobRepository;
    @Autowired JobOperator jobOperator;
    @Autowired PlatformTransactionManager transactionManager;
    @Value("${qe.home}") String home;

    /** Files other test classes left in the shared inboxes (bad files stay there by design) are not ours. */
    @BeforeEach
    void emptyInboxes() throws Exception {
        Path inbox = QeHome.of(home).root().resolve("inbox");
        if (Files.isDirectory(inbox)) {
            try (Stream<Path> files = Files.walk(inbox)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void reportsEveryStageOfBothNightsTheReferencesAndTheGoals(@TempDir Path work) throws Exception {
        // a past date: intake refuses establishment dates after the real today
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BenchCommand bench = new BenchCommand(runner, exchange, dataSource, jdbc, jobRepository, jobOperator,
                transactionManager, QeHome.of(home), new PrintStream(printed, true, StandardCharsets.UTF_8));

        int code = bench.run(2_000, 500, work, LocalDate.of(2026, 2, 17));

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(code).as(report).isEqualTo(Command.OK);
        Map<String, Object> nightly = new Yaml().load(Files.readString(Path.of("jobs/nightly.job.yml")));
        // a group `parallel: [...]` counts as its steps
        List<String> steps = ((List<?>) nightly.get("steps")).stream()
                .flatMap(entry -> entry instanceof Map<?, ?> group ? ((List<?>) group.get("parallel")).stream() : java.util.stream.Stream.of(entry))
                .map(String::valueOf).toList();
        assertThat(steps).contains("intake.market", "review", "report");
        for (String step : steps) {
            assertThat(report.lines().filter(line -> line.startsWith(step + " ") || line.startsWith(step + "  ")).count())
                    .as("a line for %s in each of the two nights:%n%s", step, report).isEqualTo(2);
        }
        assertThat(report).contains("-- nightly 2026-02-17: COMPLETED", "-- incremental 2026-02-18", "end to end",
                "ceiling", "baseline", "load average");
        assertThat(report).containsPattern("end-to-end rows/s\\s+[\\d,]+")
                .containsPattern("end-to-end / ceiling rows/s\\s+\\d+\\.\\d\\d")
                .containsPattern("intake / ceiling rows/s \\(same work: read \\+ load\\)\\s+\\d+\\.\\d\\d")
                .containsPattern("intake / naive baseline rows/s\\s+\\d+\\.\\dx")
                .containsPattern("end-to-end / naive baseline rows/s\\s+\\d+\\.\\dx")
                .containsPattern("naive baseline / night peak heap\\s+\\d+\\.\\dx")
                .containsPattern("incremental / full night time\\s+\\d+\\.\\d\\d")
                .containsPattern("peak heap of the night\\s+\\d+ MiB");
    }
}
