package cn.qeregistry.reliability;

import cn.qeregistry.exceptions.RegisterFixtures;
import cn.qeregistry.exceptions.RegisterSync;
import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.qeregistry.exceptions.RegisterFixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register across a crash of the report step, in the default build: the restarted night syncs
 * again under a new execution id, and it is still one night — same item id and first_seen, the
 * consecutive count not raised, nothing resolved or reopened — and the next night counts on from it.
 * ({@code ReportCrashTest} proves the same with a real kill, in the slow suite.)
 */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class RestartedNightRegisterTest {

    static final String JOB = "register-restart";
    static final String FIRM = code(901);

    @Autowired RegisterSync sync;
    @Autowired JobRepository repository;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void emptyRegister() {
        forgetJob();
        RegisterFixtures fixtures = new RegisterFixtures(jdbc);
        fixtures.clean();
        fixtures.result(fixtures.reviewRun(), FIRM, "SRDI_SME", "srdi.rd_ratio_min", "FAIL", "0.021", "0.03");
    }

    @AfterEach
    void forgetJob() {
        String executions = "select job_execution_id from batch_job_execution where job_instance_id in"
                + " (select job_instance_id from batch_job_instance where job_name = '" + JOB + "')";
        for (String sql : List.of(
                "delete from batch_job_execution_context where job_execution_id in (" + executions + ")",
                "delete from batch_job_execution_params where job_execution_id in (" + executions + ")",
                "delete from batch_job_execution where job_execution_id in (" + executions + ")",
                "delete from batch_job_instance where job_name = '" + JOB + "'")) {
            jdbc.sql(sql).update();
        }
    }

    @Test
    void restartedNightKeepsTheItemAndCountsOnceAndTheNextNightCountsOn() {
        LocalDate day1 = LocalDate.of(2026, 5, 1);
        LocalDate day2 = day1.plusDays(1);
        LocalDate day3 = day2.plusDays(1);
        long night1 = execution(instance(day1), day1);
        JobInstance second = instance(day2);
        long night2 = execution(second, day2);
        sync.sync(night1);
        Item first = item();
        sync.sync(night2); // the killed attempt had synced before it died
        long night2Restart = execution(second, day2);
        sync.sync(night2Restart);

        Item restarted = item();
        assertThat(restarted.id()).isEqualTo(first.id());
        assertThat(restarted.firstSeen()).isEqualTo(first.firstSeen());
        assertThat(restarted.consecutiveRuns()).as("night 2 once, not once per attempt").isEqualTo(2);
        assertThat(restarted.lastExecution()).isEqualTo(night2Restart);
        assertThat(restarted.status()).isEqualTo("OPEN");
        assertThat(jdbc.sql("select count(*) from exception_follow_up").query(Long.class).single()).isZero();

        sync.sync(execution(instance(day3), day3));
        assertThat(item().consecutiveRuns()).as("the night after the restarted one").isEqualTo(3);
    }

    record Item(long id, String firstSeen, int consecutiveRuns, long lastExecution, String status) {
    }

    private Item item() {
        return jdbc.sql("select id, first_seen::text, consecutive_runs, last_execution_id, status from exception_item where uscc = ?")
                .param(FIRM)
                .query((rs, n) -> new Item(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5)))
                .single();
    }

    private JobInstance instance(LocalDate date) {
        return repository.createJobInstance(JOB, JobRunner.parameters(date, Map.of()));
    }

    /** A FAILED execution of the night's instance (an attempt that died, or the one that ended the night). */
    private long execution(JobInstance instance, LocalDate date) {
        JobParameters parameters = JobRunner.parameters(date, Map.of());
        JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStatus(BatchStatus.FAILED);
        repository.update(execution);
        return execution.getId();
    }
}
