package cn.qeregistry.schedule;

import cn.qeregistry.runs.JobRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/** What a JVM killed inside a step leaves in the job repository, made without killing one. */
final class OrphanedRun {

    private OrphanedRun() {
    }

    /**
     * A job execution and its step left STARTED, silent for {@code minutesSilent}, owned by
     * {@code node} (none when null); returns the execution's id.
     */
    static long leftStarted(JobRepository repository, JdbcClient jdbc, String job, String stepName, LocalDate date,
                            String node, int minutesSilent) {
        JobParameters parameters = JobRunner.parameters(date, Map.of());
        JobInstance instance = repository.createJobInstance(job, parameters);
        JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStartTime(LocalDateTime.now().minusMinutes(10));
        execution.setStatus(BatchStatus.STARTED);
        repository.update(execution);
        StepExecution step = repository.createStepExecution(stepName, execution);
        step.setStartTime(LocalDateTime.now().minusMinutes(10));
        step.setStatus(BatchStatus.STARTED);
        repository.update(step);
        jdbc.sql("update batch_job_execution set last_updated = localtimestamp - make_interval(mins => ?) where job_execution_id = ?")
                .params(minutesSilent, execution.getId()).update();
        jdbc.sql("update batch_step_execution set last_updated = localtimestamp - make_interval(mins => ?) where job_execution_id = ?")
                .params(minutesSilent, execution.getId()).update();
        if (node != null) {
            jdbc.sql("insert into schedule_execution_owner (job_execution_id, node_id) values (?, ?)")
                    .params(execution.getId(), node).update();
        }
        return execution.getId();
    }
}
