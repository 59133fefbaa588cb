package cn.qeregistry.report;

import cn.qeregistry.runs.JobRunner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.time.LocalDate;

/** The {@code report} step of the nightly job: register sync, the night's workbooks and manifest. */
@Configuration
class NightlyReportStep {

    static final String NAME = "report";

    @Bean
    Step reportStep(JobRepository repository, PlatformTransactionManager transactions, NightlyReport nightly) {
        return new StepBuilder(NAME, repository).tasklet((contribution, context) -> {
            StepExecution step = context.getStepContext().getStepExecution();
            LocalDate date = step.getJobParameters().getLocalDate(JobRunner.DATE);
            Path manifest = nightly.run(step.getJobExecutionId(), date);
            step.getExecutionContext().putString("manifest", manifest.toString());
            return RepeatStatus.FINISHED;
        }, transactions).build();
    }
}
