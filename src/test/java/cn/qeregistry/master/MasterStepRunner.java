package cn.qeregistry.master;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a master step as a one-step job (a new instance each time) and returns its job execution id. */
final class MasterStepRunner {

    private final JobOperator operator;
    private final JobRepository repository;

    MasterStepRunner(JobOperator operator, JobRepository repository) {
        this.operator = operator;
        this.repository = repository;
    }

    long run(Step step) throws Exception {
        JobExecution execution = operator.start(new JobBuilder("master-test", repository).start(step).build(),
                new JobParametersBuilder().addLocalDate("date", LocalDate.of(2026, 11, 26))
                        .addString("run", UUID.randomUUID().toString()).toJobParameters());
        assertThat(execution.getStatus()).as("master step: %s", execution.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        return execution.getId();
    }
}
