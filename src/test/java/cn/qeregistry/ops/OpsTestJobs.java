package cn.qeregistry.ops;

import cn.qeregistry.runs.CountingReader;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Steps of the test jobs {@code ops-probe} and {@code ops-nightly}: {@code ops.count} reads {@value #ITEMS}
 * items in chunks of 10; {@code ops.verdict} fails with "{@value #FAILURE}" while {@link #FAIL} is set.
 */
@TestConfiguration
class OpsTestJobs {

    static final int ITEMS = 40;
    static final String FAILURE = "mapping tax.yml: no column for 研发费用";
    static final AtomicBoolean FAIL = new AtomicBoolean();

    @Bean
    Step opsCount(JobRepository repository, PlatformTransactionManager transactions) {
        return new StepBuilder("ops.count", repository).<Integer, Integer>chunk(10)
                .transactionManager(transactions)
                .reader(new CountingReader(ITEMS))
                .writer(chunk -> { })
                .build();
    }

    @Bean
    Step opsVerdict(JobRepository repository, PlatformTransactionManager transactions) {
        return new StepBuilder("ops.verdict", repository).tasklet((contribution, context) -> {
            if (FAIL.get()) {
                throw new IllegalStateException(FAILURE);
            }
            return RepeatStatus.FINISHED;
        }, transactions).build();
    }
}
