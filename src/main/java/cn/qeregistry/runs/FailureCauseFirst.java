package cn.qeregistry.runs;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Puts the root cause of a failed step in front of its exit description. Spring Batch stores a
 * failure as a stack trace cut at 2,500 characters; for a chunk step the wrapper exception ("Unable
 * to process chunk") fills that space and the reason an operator needs (file, sheet, row, column)
 * was lost. Runs after the job, when the step's own exit status is final.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FailureCauseFirst implements JobExecutionListener {

    private final JobRepository jobRepository;

    FailureCauseFirst(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        for (StepExecution step : jobExecution.getStepExecutions()) {
            if (step.getFailureExceptions().isEmpty()) {
                continue;
            }
            String reason = rootCause(step.getFailureExceptions().get(0));
            ExitStatus exit = step.getExitStatus();
            String description = exit.getExitDescription() == null ? "" : exit.getExitDescription();
            if (!description.startsWith(reason)) {
                step.setExitStatus(new ExitStatus(exit.getExitCode(), description.isEmpty() ? reason : reason + "\n" + description));
                jobRepository.update(step);
            }
        }
    }

    /** The innermost cause's message (its class name when it has none): what an operator can act on. */
    public static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    }
}
