package cn.qeregistry.runs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A chunk step that fails mid-way restarts from its last commit and ends with exact counts. */
@SpringBootTest(properties = {"qe.jobs-dir=src/test/resources/foundation/jobs", "spring.main.web-application-type=none",
        "spring.quartz.auto-startup=false"})
class RestartAfterFailureTest {

    static final int ITEMS = 1000;
    static final AtomicInteger FAIL_AT = new AtomicInteger(-1);

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void emptyTable() {
        jdbc.sql("create table if not exists test_counted (n integer primary key)").update();
        jdbc.sql("truncate test_counted").update();
    }

    @Test
    void failedRunOfADateIsRestartedOnTheSameInstanceAndCountsComeOutExact() throws Exception {
        Job job = runner.job("counting").orElseThrow();
        LocalDate date = LocalDate.of(2026, 1, 15);
        FAIL_AT.set(537);

        JobExecution failed = runner.run(job, date, Map.of()).execution();
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        StepExecution failedStep = failed.getStepExecutions().iterator().next();
        assertThat(failedStep.getWriteCount()).isEqualTo(500);
        assertThat(failedStep.getExitStatus().getExitDescription()).startsWith("planned failure at item 537");
        assertThat(count()).isEqualTo(500);

        JobExecution restarted = runner.run(job, date, Map.of()).execution();
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getId()).isEqualTo(failed.getJobInstance().getId());
        assertThat(restarted.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(ITEMS - 500);
        assertThat(count()).isEqualTo(ITEMS);
        assertThat(jdbc.sql("select count(distinct n) from test_counted").query(Long.class).single()).isEqualTo(ITEMS);

        JobRunner.Launch again = runner.run(job, date, Map.of());
        assertThat(again.ran()).isFalse();
        assertThat(again.refusal()).contains("already COMPLETED");
    }

    private long count() {
        return jdbc.sql("select count(*) from test_counted").query(Long.class).single();
    }

    @TestConfiguration
    static class CountingStep {

        @Bean
        Step count(JobRepository repository, PlatformTransactionManager transactions, JdbcClient jdbc) {
            return new StepBuilder("count", repository).<Integer, Integer>chunk(100)
                    .transactionManager(transactions)
                    .reader(new CountingReader(ITEMS))
                    .processor(n -> {
                        if (FAIL_AT.compareAndSet(n, -1)) {
                            throw new IllegalStateException("planned failure at item " + n);
                        }
                        return n;
                    })
                    .writer(chunk -> chunk.forEach(n -> jdbc.sql("insert into test_counted values (?)").param(n).update()))
                    .build();
        }
    }
}
