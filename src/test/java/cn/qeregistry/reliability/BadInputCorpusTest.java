package cn.qeregistry.reliability;

import cn.qeregistry.platform.QeHome;
import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives every file of {@code src/test/resources/bad-input/} (the table {@code cases.csv}) through
 * the real intake job of its feed: a file that cannot be taken fails its delivery with a message
 * naming the file and sheet; a file with bad rows stages the rest and stores each reject with its
 * row, column and reason; nothing is lost (read = staged + rejected + repeated).
 */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class BadInputCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/bad-input");

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;

    /** One line of cases.csv. */
    record Case(String file, String feed, String outcome, long staged, long rejected, String stagedCheck, String message) {
        @Override
        public String toString() {
            return file + " → " + outcome;
        }
    }

    static Stream<Case> cases() throws IOException {
        return Files.readAllLines(CORPUS.resolve("cases.csv"), StandardCharsets.UTF_8).stream()
                .skip(1)
                .filter(line -> !line.isBlank())
                .map(line -> line.split(",", 7))
                .map(f -> new Case(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), f[5], f[6]));
    }

    @BeforeEach
    void emptyIntake() throws IOException {
        IntakeState.reset(jdbc, QeHome.resolve().root());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadInputGivesItsSpecificOutcomeAndLosesNoRow(Case c) throws Exception {
        Path inbox = QeHome.ensure(QeHome.resolve().inbox(c.feed()));
        Files.copy(CORPUS.resolve(c.file()), inbox.resolve(c.file()));

        JobExecution execution = runner.run(runner.job("intake." + c.feed()).orElseThrow(), LocalDate.of(2026, 11, 26),
                Map.of("test", UUID.randomUUID().toString())).execution();

        StepExecution step = execution.getStepExecutions().iterator().next();
        String exit = step.getExitStatus().getExitDescription();
        List<IntakeState.Delivery> deliveries = IntakeState.deliveries(jdbc, c.feed());
        assertThat(deliveries).as("one delivery for the file").hasSize(1);
        IntakeState.Delivery delivery = deliveries.get(0);
        List<String> rejects = IntakeState.rejects(jdbc, delivery.id());
        System.out.printf("CASE %s | %s | %s | read=%d staged=%d rejected=%d repeated=%d | %s | %s%n  rejects: %s%n",
                c.file(), execution.getStatus(), delivery.status(), delivery.read(), delivery.staged(), delivery.rejected(),
                delivery.repeated(), delivery.message(), exit, rejects);

        assertThat(exit).as("the operator never sees a stack trace").doesNotContain("Exception").doesNotContain("\tat ");
        switch (c.outcome()) {
            case "FILE_ERROR" -> {
                assertThat(delivery.status()).isEqualTo("FAILED");
                assertThat(delivery.message()).startsWith(c.file()).contains(c.message());
                assertThat(exit).contains(c.message());
                assertThat(delivery.staged()).as("nothing of a failed file is staged").isZero();
                assertThat(staged(c.feed(), delivery.id())).isZero();
                assertThat(inbox.resolve(c.file())).as("a failed file stays in the inbox").exists();
            }
            case "REJECTS", "OK" -> {
                assertThat(execution.getStatus()).as(exit).isEqualTo(BatchStatus.COMPLETED);
                assertThat(delivery.status()).isEqualTo("STAGED");
                assertThat(delivery.staged()).as("rows staged").isEqualTo(c.staged());
                assertThat(delivery.rejected()).as("rows rejected").isEqualTo(c.rejected());
                assertThat(delivery.read()).as("read = staged + rejected + repeated")
                        .isEqualTo(delivery.staged() + delivery.rejected() + delivery.repeated());
                assertThat(staged(c.feed(), delivery.id())).as("staged rows in stg_" + c.feed()).isEqualTo(c.staged());
                assertThat(rejects).as("stored rejects").hasSize((int) c.rejected());
                if (c.outcome().equals("REJECTS")) {
                    assertThat(rejects).anySatisfy(line -> assertThat(line).contains(c.message()));
                }
                if (!c.stagedCheck().isEmpty()) {
                    assertStagedValues(c.feed(), delivery.id(), c.stagedCheck());
                }
            }
            default -> throw new IllegalArgumentException("outcome " + c.outcome());
        }
    }

    private long staged(String feed, long deliveryId) {
        return jdbc.sql("select count(*) from stg_" + feed + " where delivery_id = ?").param(deliveryId).query(Long.class).single();
    }

    /** {@code column=value[#count][;…]}: the value is staged in that column (by exactly count rows when given). */
    private void assertStagedValues(String feed, long deliveryId, String checks) {
        for (String expected : checks.split(";")) {
            String check = expected;
            String column = check.substring(0, check.indexOf('='));
            String value = check.substring(check.indexOf('=') + 1);
            Integer count = null;
            if (value.contains("#")) {
                count = Integer.parseInt(value.substring(value.indexOf('#') + 1));
                value = value.substring(0, value.indexOf('#'));
            }
            assertThat(column).matches("[a-z_]+");
            long rows = jdbc.sql("select count(*) from stg_" + feed + " where delivery_id = ? and " + column + "::text = ?")
                    .params(deliveryId, value).query(Long.class).single();
            String seen = jdbc.sql("select string_agg(distinct " + column + "::text, ' | ') from stg_" + feed + " where delivery_id = ?")
                    .param(deliveryId).query(String.class).single();
            check = check + " (staged: " + (seen == null ? "" : seen.substring(0, Math.min(seen.length(), 300))) + ")";
            if (count == null) {
                assertThat(rows).as("rows staged with " + check).isPositive();
            } else {
                assertThat(rows).as("rows staged with " + check).isEqualTo(count.longValue());
            }
        }
    }
}
