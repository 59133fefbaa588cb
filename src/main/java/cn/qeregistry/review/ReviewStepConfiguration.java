package cn.qeregistry.review;

import cn.qeregistry.review.rules.RuleSets;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Provides step {@code review} to the jobs of {@code jobs/*.job.yml} (nightly, and review for what-ifs):
 * a partitioned step whose {@code qe.review.partitions} credit-code ranges run on as many local threads.
 */
@Configuration
class ReviewStepConfiguration {

    @Bean
    Step review(JobRepository jobRepository, PlatformTransactionManager transactions, RuleSets ruleSets, ReviewRuns runs,
                CarryOver carryOver, ReviewComparison comparison, JdbcTemplate jdbc, ReviewTasklet tasklet,
                @Value("${qe.review.partitions:2}") int partitions) throws Exception {
        if (partitions < 1) {
            throw new IllegalArgumentException("qe.review.partitions must be at least 1, not " + partitions);
        }
        Step worker = new StepBuilder("review:partition", jobRepository).tasklet(tasklet, transactions).build();
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("review-");
        threads.setConcurrencyLimit(partitions);
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(worker);
        handler.setTaskExecutor(threads);
        handler.setGridSize(partitions);
        handler.afterPropertiesSet();

        ReviewManagerStep manager = new ReviewManagerStep(jobRepository, transactions, ruleSets, runs, carryOver, comparison,
                new HolderRanges(jdbc));
        manager.setPartitionHandler(handler);
        manager.setStepExecutionAggregator(new DefaultStepExecutionAggregator());
        manager.afterPropertiesSet();
        return manager;
    }
}
