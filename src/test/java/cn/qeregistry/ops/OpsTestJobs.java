package cn.qeregistry.ops;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
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
                .reader(new Numbers())
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

    /** 1..ITEMS, restartable. */
    static class Numbers extends AbstractItemCountingItemStreamItemReader<Integer> {
        Numbers() {
            setName("numbers");
            setMaxItemCount(ITEMS);
        }

        @Override
        protected Integer doRead() {
            return getCurrentItemCount();
        }

        @Override
        protected void doOpen() {
        }

        @Override
        protected void doClose() {
        }
    }
}
