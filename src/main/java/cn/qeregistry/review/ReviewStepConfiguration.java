package cn.qeregistry.review;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** Provides step {@code review} to the jobs of {@code jobs/*.job.yml} (nightly, and review for what-ifs). */
@Configuration
class ReviewStepConfiguration {

    @Bean
    Step review(JobRepository jobRepository, PlatformTransactionManager transactions, ReviewTasklet tasklet) {
        return new StepBuilder("review", jobRepository).tasklet(tasklet, transactions).build();
    }
}
