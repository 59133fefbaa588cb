package cn.qeregistry.demo;

import cn.qeregistry.platform.EmbeddedDatabase;
import cn.qeregistry.platform.QeHome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command on a new machine (an empty home, the embedded database,
 * {@code run nightly}) and then the proof that the whole pipeline is right: the generated sample
 * province's reports equal the ground truth the generator wrote beside it.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRunTest {

    private final QeHome home = QeHome.of("target/qe-home-first-run-" + ProcessHandle.current().pid());
    private Result firstRun;

    @BeforeAll
    void runTheReadmesFirstCommand() throws Exception {
        firstRun = qeRegistry("run", "nightly", "--date=2026-11-26");
    }

    @Test
    @Order(1)
    void firstNightlyOnAnEmptyHomeSeedsTheSampleProvinceRunsToCompletionAndSaysWhereToLook() throws Exception {
        assertThat(firstRun.exitCode()).as(firstRun.output()).isZero();
        assertThat(firstRun.output()).contains("seeded a sample province of 2000 firms", "COMPLETED", "reports of the night");
        try (Stream<Path> written = Files.list(home.reports().resolve("2026-11-26"))) {
            assertThat(written.map(p -> p.getFileName().toString())).contains("manifest.json");
        }
    }

    @Test
    @Order(2)
    void reviewReportEqualsTheTruthRowForRow() throws Exception {
        Path report = home.root().resolve("review.csv");
        assertThat(qeRegistry("report", "review", "--out=" + report, "--lang=en").exitCode()).isZero();

        assertThat(csv(report, "uscc", "tier", "level", "rule_id", "outcome"))
                .isEqualTo(csv(home.root().resolve("truth/expected-review.csv"), "uscc", "tier", "level", "rule_id", "outcome"));
    }

    @Test
    @Order(3)
    void exceptionRegisterHoldsExactlyTheTruthsExceptions() throws Exception {
        Path report = home.root().resolve("exceptions.csv");
        assertThat(qeRegistry("report", "exceptions", "--out=" + report, "--lang=en").exitCode()).isZero();

        Set<String> found = csv(report, "uscc", "category", "feed").stream()
                .map(line -> line.matches(".*,(REVIEW_FAIL|REVIEW_WARN|DATA_GAP),.*") ? line.substring(0, line.lastIndexOf(',') + 1) : line)
                .collect(Collectors.toSet());
        assertThat(found).isEqualTo(new HashSet<>(csv(home.root().resolve("truth/expected-exceptions.csv"), "uscc", "category", "feed")));
    }

    @Test
    @Order(4)
    void intakeRejectsExactlyTheRowsTheGeneratorSpoiled() throws Exception {
        Set<String> expected = new HashSet<>();
        for (String line : csv(home.root().resolve("truth/expected-rejects.csv"), "feed", "file", "sheet", "row_no")) {
            expected.add(line);
        }
        Set<String> rejected = new HashSet<>();
        EmbeddedDatabase database = EmbeddedDatabase.forHome(home);
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
             var rs = connection.createStatement().executeQuery("""
                     select r.feed, d.file_name, coalesce(r.sheet, ''), r.row_no
                       from intake_reject r join delivery d on d.id = r.delivery_id where d.source_kind = 'FILE'""")) {
            while (rs.next()) {
                rejected.add(rs.getString(1) + "," + rs.getString(2) + "," + rs.getString(3) + "," + rs.getInt(4));
            }
        }
        assertThat(rejected).isEqualTo(expected);
    }

    @Test
    @Order(5)
    void draftRuleSetIsComparedWithoutTouchingLiveResults() throws Exception {
        Path comparison = home.root().resolve("whatif.csv");
        Result compared = qeRegistry("report", "review", "--compare=miit-2026-draft.yml", "--date=2026-11-26",
                "--out=" + comparison, "--lang=en");

        assertThat(compared.exitCode()).as(compared.output()).isZero();
        assertThat(compared.output()).contains("what-if miit-2026-draft", "vs live miit-2022");
        assertThat(Files.readAllLines(comparison, StandardCharsets.UTF_8).get(0)).contains("change,uscc", "live_outcome", "draft_outcome");
        reviewReportEqualsTheTruthRowForRow();
    }

    /** The chosen columns of a CSV (BOM tolerated), one comma-joined line per row, sorted. */
    private static List<String> csv(Path file, String... columns) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split(",", -1));
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = splitCsv(line);
            List<String> picked = new ArrayList<>();
            for (String column : columns) {
                picked.add(cells.get(header.indexOf(column)));
            }
            rows.add(String.join(",", picked));
        }
        rows.sort(null);
        return rows;
    }

    private static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private record Result(int exitCode, String output) {
    }

    private Result qeRegistry(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "cn.qeregistry.QeRegistryApplication"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(QeHome.ENV, home.root().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
