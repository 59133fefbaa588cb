package cn.qeregistry.schedule;

import cn.qeregistry.runs.JobRunner;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * What a Quartz fire does: work out the business date, claim (job, date) in the {@link RunGuard},
 * run the Spring Batch job through {@link JobRunner} to its end on this Quartz thread, and mark the
 * claim by the outcome. {@code @DisallowConcurrentExecution} keeps one fire per job at a time in the
 * cluster; the guard is what stops a second run of a date across misfires, restarts and run-now.
 */
@DisallowConcurrentExecution
class ScheduledRun implements Job {

    static final String JOB = "job";
    static final String DATE = "date";
    private static final Logger log = LoggerFactory.getLogger(ScheduledRun.class);

    private final JobRunner runner;
    private final RunGuard guard;
    private final FireLog fires;
    private final Alerts alerts;

    ScheduledRun(JobRunner runner, RunGuard guard, FireLog fires, Alerts alerts) {
        this.runner = runner;
        this.guard = guard;
        this.fires = fires;
        this.alerts = alerts;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String job = context.getMergedJobDataMap().getString(JOB);
        String trigger = context.getTrigger().getKey().getName();
        Instant fire = context.getScheduledFireTime().toInstant();
        LocalDate date = businessDate(context, fire);
        var batchJob = runner.job(job);
        if (batchJob.isEmpty()) {
            String detail = "job '" + job + "' is not defined in jobs/*.job.yml (jobs: " + runner.jobNames() + ")";
            fires.record(job, trigger, fire, date, FireLog.Outcome.ERROR, null, detail);
            alerts.raise(Alerts.Kind.LAUNCH_FAILED, job, date, null, detail);
            return;
        }
        if (!guard.claim(job, date)) {
            String holder = guard.holder(job, date).orElse("another node");
            log.info("{} for {} not launched by trigger {}: already {}", job, date, trigger, holder);
            fires.record(job, trigger, fire, date, FireLog.Outcome.SKIPPED, null, "already " + holder);
            return;
        }
        try {
            JobRunner.Launch launch = runner.run(batchJob.get(), date, Map.of());
            if (!launch.ran()) {
                BatchStatus status = launch.refusal().contains("already COMPLETED") ? BatchStatus.COMPLETED : BatchStatus.FAILED;
                guard.finish(job, date, null, status, launch.refusal());
                fires.record(job, trigger, fire, date, FireLog.Outcome.SKIPPED, null, launch.refusal());
                log.info("{} for {} not launched by trigger {}: {}", job, date, trigger, launch.refusal());
                return;
            }
            JobExecution execution = launch.execution();
            guard.finish(job, date, execution.getId(), execution.getStatus(), execution.getStatus().name());
            fires.record(job, trigger, fire, date, FireLog.Outcome.RAN, execution.getId(), execution.getStatus().name());
        } catch (Exception | Error e) {
            guard.finish(job, date, null, BatchStatus.FAILED, "launch failed: " + e.getMessage());
            fires.record(job, trigger, fire, date, FireLog.Outcome.ERROR, null, String.valueOf(e.getMessage()));
            alerts.raise(Alerts.Kind.LAUNCH_FAILED, job, date, null, String.valueOf(e));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** An explicit date (run-now) wins; a cron fire runs for the night it stands for, even when caught up late. */
    private static LocalDate businessDate(JobExecutionContext context, Instant fire) {
        JobDataMap data = context.getMergedJobDataMap();
        if (data.containsKey(DATE)) {
            return LocalDate.parse(data.getString(DATE));
        }
        if (context.getTrigger() instanceof CronTrigger cron) {
            return BusinessDates.ofFire(cron.getCronExpression(), cron.getTimeZone(), fire);
        }
        return fire.atZone(JobRunner.ZONE).toLocalDate();
    }
}
