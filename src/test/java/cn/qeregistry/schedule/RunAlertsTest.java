package cn.qeregistry.schedule;

import cn.qeregistry.runs.JobRunner;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed or long-running run raises a QE_ALERT log event at ERROR and counts in Micrometer. */
@SpringBootTest(properties = {"qe.jobs-dir=src/test/resources/schedule/alerts/jobs", "spring.main.web-application-type=none",
        "spring.quartz.auto-startup=false", "qe.alert.long-running=PT0.5S"})
@ExtendWith(OutputCaptureExtension.class)
class RunAlertsTest {

    @Autowired JobRunner runner;
    @Autowired MeterRegistry metrics;
    @Autowired JdbcClient jdbc;

    @Test
    void failedRunLogsAnAlertWithMarkerPrefixAndCountsAFailure(CapturedOutput output) throws Exception {
        TestNode.forgetJob(jdbc, "doomed");
        double before = metrics.counter("qe.job.failures", "job", "doomed").count();

        JobExecution execution = runner.run(runner.job("doomed").orElseThrow(), LocalDate.of(2026, 4, 1), Map.of()).execution();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(output.getOut()).contains("ERROR").contains("QE_ALERT doomed FAILED date=2026-04-01 execution="
                + execution.getId() + " at schedule.doomed: java.lang.IllegalStateException: sheet 2025年度 has no column for 研发费用");
        assertThat(metrics.counter("qe.job.failures", "job", "doomed").count()).isEqualTo(before + 1);
        assertThat(metrics.timer("qe.job.duration", "job", "doomed", "status", "FAILED").count()).isPositive();
        assertThat(jdbc.sql("select count(*) from schedule_execution_owner where job_execution_id = ?")
                .param(execution.getId()).query(Long.class).single()).as("ownership ends with the run").isZero();
    }

    @Test
    void runStillGoingAfterTheThresholdLogsALongRunningAlertButNoFailure(CapturedOutput output) throws Exception {
        TestNode.forgetJob(jdbc, "slow");
        double failuresBefore = metrics.counter("qe.job.failures", "job", "slow").count();

        JobExecution execution = runner.run(runner.job("slow").orElseThrow(), LocalDate.of(2026, 4, 2), Map.of()).execution();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(output.getOut()).contains("QE_ALERT slow LONG_RUNNING date=2026-04-02 execution=" + execution.getId()
                + " still running after PT0.5S");
        assertThat(metrics.counter("qe.job.alerts", "job", "slow", "kind", "LONG_RUNNING").count()).isEqualTo(1.0);
        assertThat(metrics.counter("qe.job.failures", "job", "slow").count()).isEqualTo(failuresBefore);
        assertThat(metrics.timer("qe.job.duration", "job", "slow", "status", "COMPLETED").count()).isEqualTo(1);
    }

    @TestConfiguration
    static class AlertSteps {

        @Bean
        Step doomedStep(JobRepository repository, PlatformTransactionManager transactions) {
            return new StepBuilder("schedule.doomed", repository)
                    .tasklet((contribution, chunk) -> {
                        throw new IllegalStateException("sheet 2025年度 has no column for 研发费用");
                    }, transactions)
                    .build();
        }

        @Bean
        Step slowStep(JobRepository repository, PlatformTransactionManager transactions) {
            return new StepBuilder("schedule.slow", repository)
                    .tasklet((contribution, chunk) -> {
                        Thread.sleep(1500);
                        return RepeatStatus.FINISHED;
                    }, transactions)
                    .build();
        }
    }
}
