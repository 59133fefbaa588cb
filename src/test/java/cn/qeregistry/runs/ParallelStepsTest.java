package cn.qeregistry.runs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.ListableStepLocator;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A job file's {@code parallel} group runs its steps at the same time; failure and restart work per step. */
@SpringBootTest(properties = {"qe.jobs-dir=src/test/resources/foundation/parallel-jobs", "spring.main.web-application-type=none",
        "spring.quartz.auto-startup=false"})
class ParallelStepsTest {

    /** Both steps of the group must reach it before either goes on: run one after the other, they time out. */
    static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);
    static final AtomicBoolean MEET = new AtomicBoolean();
    static final AtomicBoolean RIGHT_FAILS = new AtomicBoolean();
    static final ConcurrentLinkedQueue<String> EXECUTED = new ConcurrentLinkedQueue<>();

    @Autowired JobRunner runner;

    @BeforeEach
    void reset() {
        BOTH_RUNNING.reset();
        EXECUTED.clear();
        MEET.set(false);
        RIGHT_FAILS.set(false);
    }

    @Test
    void stepsOfAParallelGroupRunAtTheSameTimeAndTheNextStepWaitsForBoth() throws Exception {
        Job job = runner.job("pair").orElseThrow();
        MEET.set(true);

        JobExecution execution = runner.run(job, LocalDate.of(2026, 2, 1), Map.of()).execution();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(List.copyOf(EXECUTED)).hasSize(3).endsWith("after").contains("left", "right");
        StepExecution after = step(execution, "after");
        assertThat(after.getStartTime()).isAfterOrEqualTo(step(execution, "left").getEndTime())
                .isAfterOrEqualTo(step(execution, "right").getEndTime());
        assertThat(((ListableStepLocator) job).getStepNames()).containsExactly("left", "right", "after");
    }

    @Test
    void aFailedStepOfTheGroupFailsTheJobAndARestartRunsOnlyItAndWhatFollows() throws Exception {
        Job job = runner.job("pair").orElseThrow();
        LocalDate date = LocalDate.of(2026, 2, 2);
        RIGHT_FAILS.set(true);

        JobExecution failed = runner.run(job, date, Map.of()).execution();

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(failed, "left").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(failed, "right").getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(EXECUTED).containsExactlyInAnyOrder("left");

        EXECUTED.clear();
        RIGHT_FAILS.set(false);
        JobExecution restarted = runner.run(job, date, Map.of()).execution();

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getId()).isEqualTo(failed.getJobInstance().getId());
        assertThat(List.copyOf(EXECUTED)).containsExactly("right", "after");
    }

    @Test
    void fiveStepsStartingAtOnceNightAfterNightAllStartAndComplete() throws Exception {
        Job job = runner.job("five").orElseThrow();

        for (int day = 1; day <= 12; day++) {
            JobExecution execution = runner.run(job, LocalDate.of(2026, 3, day), Map.of()).execution();

            assertThat(execution.getStatus()).as("night %d: %s", day, execution.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(execution.getStepExecutions()).hasSize(5);
        }
    }

    private static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }

    private static void meet() throws Exception {
        if (MEET.get()) {
            BOTH_RUNNING.await(20, TimeUnit.SECONDS);
        }
    }

    @TestConfiguration
    static class PairSteps {

        @Bean
        Step left(JobRepository repository, PlatformTransactionManager transactions) {
            return new StepBuilder("left", repository).tasklet((contribution, context) -> {
                meet();
                EXECUTED.add("left");
                return RepeatStatus.FINISHED;
            }, transactions).build();
        }

        @Bean
        Step right(JobRepository repository, PlatformTransactionManager transactions) {
            return new StepBuilder("right", repository).tasklet((contribution, context) -> {
                meet();
                if (RIGHT_FAILS.get()) {
                    throw new IllegalStateException("planned failure of right");
                }
                EXECUTED.add("right");
                return RepeatStatus.FINISHED;
            }, transactions).build();
        }

        @Bean
        Step fiveA(JobRepository repository, PlatformTransactionManager transactions) {
            return done("five.a", repository, transactions);
        }

        @Bean
        Step fiveB(JobRepository repository, PlatformTransactionManager transactions) {
            return done("five.b", repository, transactions);
        }

        @Bean
        Step fiveC(JobRepository repository, PlatformTransactionManager transactions) {
            return done("five.c", repository, transactions);
        }

        @Bean
        Step fiveD(JobRepository repository, PlatformTransactionManager transactions) {
            return done("five.d", repository, transactions);
        }

        @Bean
        Step fiveE(JobRepository repository, PlatformTransactionManager transactions) {
            return done("five.e", repository, transactions);
        }

        private static Step done(String name, JobRepository repository, PlatformTransactionManager transactions) {
            return new StepBuilder(name, repository).tasklet((contribution, context) -> RepeatStatus.FINISHED, transactions).build();
        }

        @Bean
        Step after(JobRepository repository, PlatformTransactionManager transactions) {
            return new StepBuilder("after", repository).tasklet((contribution, context) -> {
                EXECUTED.add("after");
                return RepeatStatus.FINISHED;
            }, transactions).build();
        }
    }
}
