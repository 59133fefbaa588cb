package cn.qeregistry.runs;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Runs jobs through Spring Batch's {@link JobOperator}, one job instance per job and business date:
 * running a date whose last execution failed or stopped restarts that instance, never a duplicate.
 */
@Component
public class JobRunner {

    public static final String DATE = "date";
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final JobDefinitions definitions;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    public JobRunner(JobDefinitions definitions, JobOperator jobOperator, JobRepository jobRepository) {
        this.definitions = definitions;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public Optional<Job> job(String name) {
        return Optional.ofNullable(definitions.jobs().get(name));
    }

    public java.util.Set<String> jobNames() {
        return definitions.jobs().keySet();
    }

    public static JobParameters parameters(LocalDate date, Map<String, String> extra) {
        JobParametersBuilder builder = new JobParametersBuilder().addLocalDate(DATE, date);
        extra.forEach((key, value) -> builder.addString(key, value));
        return builder.toJobParameters();
    }

    /** The outcome of asking for a run: the execution that ran, or why none did. */
    public record Launch(JobExecution execution, String refusal) {
        public boolean ran() {
            return execution != null;
        }
    }

    /**
     * Runs {@code job} for {@code date} to its end (synchronously). A completed date is not run again;
     * a running one is refused; a failed or stopped one is restarted.
     */
    public Launch run(Job job, LocalDate date, Map<String, String> extra) throws Exception {
        JobParameters parameters = parameters(date, extra);
        JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
        if (last != null) {
            BatchStatus status = last.getStatus();
            if (status == BatchStatus.COMPLETED) {
                return new Launch(null, job.getName() + " for " + date + " already COMPLETED (execution "
                        + last.getId() + ")");
            }
            if (status.isRunning()) {
                return new Launch(null, job.getName() + " for " + date + " is already " + status + " (execution "
                        + last.getId() + "); if its node died, recover it first");
            }
            if (status == BatchStatus.ABANDONED) {
                return new Launch(null, job.getName() + " for " + date + " was ABANDONED (execution "
                        + last.getId() + ") and cannot run again for that date");
            }
            return new Launch(restart(last), null);
        }
        return new Launch(jobOperator.start(job, parameters), null);
    }

    public JobExecution restart(long executionId) throws Exception {
        return restart(execution(executionId));
    }

    /**
     * Starting a job instance again with its own parameters is Spring Batch's restart: a new execution
     * of the same instance that skips completed steps and resumes the failed one from its last commit.
     * (The jobs come from {@code jobs/*.job.yml}, not from the operator's job registry, hence not
     * {@code JobOperator.restart}.)
     */
    private JobExecution restart(JobExecution last) throws Exception {
        String name = last.getJobInstance().getJobName();
        Job job = job(name).orElseThrow(() -> new IllegalStateException("job '" + name + "' is no longer defined"));
        return jobOperator.start(job, last.getJobParameters());
    }

    public boolean stop(long executionId) throws Exception {
        return jobOperator.stop(execution(executionId));
    }

    public JobExecution abandon(long executionId) throws Exception {
        return jobOperator.abandon(execution(executionId));
    }

    public JobExecution recover(long executionId) {
        return jobOperator.recover(execution(executionId));
    }

    public JobExecution execution(long executionId) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) { // the JDBC repository's answer to an unknown id
            execution = null;
        }
        if (execution == null) {
            throw new NoSuchExecution(executionId);
        }
        return execution;
    }

    /** No job execution has this id. */
    public static class NoSuchExecution extends RuntimeException {
        public NoSuchExecution(long id) {
            super("no job execution with id " + id);
        }
    }
}
