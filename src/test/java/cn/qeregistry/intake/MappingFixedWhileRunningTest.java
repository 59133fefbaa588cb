package cn.qeregistry.intake;

import cn.qeregistry.core.Feed;
import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator breaks a feed mapping while the application runs: the next intake run fails with the
 * mapping's message; the operator fixes the file and restarts that run, and the same application
 * (no restart of it) stages the delivery with the corrected mapping.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class MappingFixedWhileRunningTest {

    static final Path MAPPINGS = mappingsDir();
    static final Path SCIENCE = MAPPINGS.resolve("science.yml");
    static final String RD_STAFF = "rd_staff: {headers: [研发人员数], type: integer";

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry properties) {
        properties.add("qe.mappings-dir", MAPPINGS::toString);
    }

    /** A copy of the shipped mappings (start-up reads and checks them), for the test to edit. */
    private static Path mappingsDir() {
        try {
            Path dir = Files.createTempDirectory("qe-mappings-");
            try (Stream<Path> shipped = Files.list(Path.of("mappings"))) {
                for (Path file : shipped.filter(f -> f.toString().endsWith(".yml")).toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void shippedScienceMappingAndEmptyIntake() throws Exception {
        Files.copy(Path.of("mappings/science.yml"), SCIENCE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IntakeFixtures.reset(jdbc);
    }

    @Test
    void aMappingBrokenWhileRunningFailsTheStepAtItsStartAndTheFixedFileIsReadOnRestart() throws Exception {
        IntakeFixtures.drop(Feed.SCIENCE, "science-2026-11-26.xls");
        String shipped = Files.readString(SCIENCE);
        Files.writeString(SCIENCE, shipped.replace(RD_STAFF, "rd_staff: {headers: [研发人员数], type: integr"));

        JobExecution failed = run(LocalDate.of(2031, 10, 1));

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(exit(failed)).startsWith("mapping " + SCIENCE + ": key 'fields.rd_staff.type': unknown type 'integr'");
        assertThat(IntakeFixtures.deliveries(jdbc, "science")).as("nothing is read with a broken mapping").isEmpty();
        assertThat(Files.list(IntakeFixtures.inbox(Feed.SCIENCE)).count()).isEqualTo(1);

        Files.writeString(SCIENCE, shipped);
        JobExecution restarted = runner.restart(failed.getId());

        assertThat(restarted.getStatus()).as(exit(restarted)).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getId()).isEqualTo(failed.getJobInstance().getId());
        var delivery = IntakeFixtures.deliveries(jdbc, "science").get(0);
        assertThat(List.of(delivery.status(), delivery.read(), delivery.staged(), delivery.rejected()))
                .containsExactly("STAGED", 104L, 103L, 1L);
        assertThat(jdbc.sql("select count(*) from stg_science where delivery_id = ?").param(delivery.id()).query(Long.class).single())
                .isEqualTo(103);
        assertThat(exit(restarted)).contains("rows read 104, staged 103, rejected 1");
    }

    @Test
    void aWrongColumnNameFailsTheDeliveryAndTheCorrectedMappingStagesTheSameDeliveryOnRestart() throws Exception {
        IntakeFixtures.drop(Feed.SCIENCE, "science-2026-11-26.xls");
        String shipped = Files.readString(SCIENCE);
        Files.writeString(SCIENCE, shipped.replace(RD_STAFF, "rd_staff: {headers: [研发人数], type: integer"));

        JobExecution failed = run(LocalDate.of(2031, 10, 2));

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(exit(failed)).contains("science-2026-11-26.xls: sheet \"science\" has no column for 研发人数 (field rd_staff; accepted headers: 研发人数)")
                .contains("Fix the file or mappings/science.yml, then restart");
        var before = IntakeFixtures.deliveries(jdbc, "science").get(0);
        assertThat(before.status()).isEqualTo("FAILED");

        Files.writeString(SCIENCE, shipped);
        JobExecution restarted = runner.restart(failed.getId());

        assertThat(restarted.getStatus()).as(exit(restarted)).isEqualTo(BatchStatus.COMPLETED);
        var deliveries = IntakeFixtures.deliveries(jdbc, "science");
        assertThat(deliveries).hasSize(1);
        var delivery = deliveries.get(0);
        assertThat(delivery.id()).isEqualTo(before.id());
        assertThat(List.of(delivery.status(), delivery.read(), delivery.staged(), delivery.rejected()))
                .containsExactly("STAGED", 104L, 103L, 1L);
        assertThat(jdbc.sql("select count(*) from stg_science where delivery_id = ?").param(delivery.id()).query(Long.class).single())
                .isEqualTo(103);
        assertThat(jdbc.sql("select count(*) from intake_reject where delivery_id = ?").param(delivery.id()).query(Long.class).single())
                .isEqualTo(1);
        assertThat(Files.list(IntakeFixtures.inbox(Feed.SCIENCE)).count()).as("taken, so gone from the inbox").isZero();
    }

    private JobExecution run(LocalDate date) throws Exception {
        return runner.run(runner.job("intake.science").orElseThrow(), date, Map.of("test", UUID.randomUUID().toString())).execution();
    }

    private static String exit(JobExecution execution) {
        return execution.getStepExecutions().iterator().next().getExitStatus().getExitDescription();
    }
}
