package cn.qeregistry.runs;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;

/** Prints an execution the way an operator reads it: status, duration, each step's counts and exit text. */
final class ExecutionSummary {

    private ExecutionSummary() {
    }

    static void print(JobExecution execution, PrintStream out) {
        out.printf("%s %s execution %d: %s%s%n",
                execution.getJobInstance().getJobName(),
                execution.getJobParameters().getLocalDate(JobRunner.DATE),
                execution.getId(),
                execution.getStatus(),
                duration(execution.getStartTime(), execution.getEndTime()));
        for (StepExecution step : execution.getStepExecutions()) {
            out.printf("  %-18s %-9s read=%d written=%d filtered=%d skipped=%d commits=%d%s%n",
                    step.getStepName(), step.getStatus(), step.getReadCount(), step.getWriteCount(),
                    step.getFilterCount(), step.getSkipCount(), step.getCommitCount(),
                    exitText(step.getExitStatus().getExitDescription()));
        }
    }

    static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null || end == null) {
            return "";
        }
        Duration d = Duration.between(start, end);
        return String.format(" in %d:%02d:%02d.%03d", d.toHours(), d.toMinutesPart(), d.toSecondsPart(), d.toMillisPart());
    }

    static String exitText(String description) {
        if (description == null || description.isBlank()) {
            return "";
        }
        String firstLine = description.lines().findFirst().orElse("").trim();
        return " — " + (firstLine.length() > 300 ? firstLine.substring(0, 300) + "…" : firstLine);
    }
}
