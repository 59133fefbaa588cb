package cn.qeregistry.schedule;

import cn.qeregistry.platform.AuditLog;
import cn.qeregistry.platform.ConfigFiles;
import cn.qeregistry.runs.JobRunner;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The schedules of {@code jobs/schedules.yml} in Quartz's JDBC job store, and what an operator may do
 * with them (for the command line and the console): list, pause, resume, run now — each audited.
 *
 * <p>Loading the file into the store ({@link #load()}, at server start-up): a new entry gets a cron
 * trigger; an entry whose cron or time zone changed gets its trigger replaced (an operator's pause is
 * kept); an unchanged entry is left alone, so a night missed while every node was down is still due
 * and fires once at start-up; a removed or {@code enabled: false} entry has its trigger removed
 * (disabled = absent from the store; pause is the operator's runtime switch, disable is the file's).
 */
@Service
public class Schedules {

    static final String JOB_GROUP = "qe";
    static final String SCHEDULE_GROUP = "qe-schedule";
    static final String RUN_NOW_GROUP = "qe-run-now";
    private static final Logger log = LoggerFactory.getLogger(Schedules.class);

    private final Scheduler scheduler;
    private final JobRunner runner;
    private final AuditLog audit;
    private final ClusterNodes nodes;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Path file;
    private final List<ScheduleEntry> entries;

    Schedules(Scheduler scheduler, JobRunner runner, AuditLog audit, ClusterNodes nodes, JdbcClient jdbc,
              PlatformTransactionManager transactions, ConfigFiles config) {
        this.scheduler = scheduler;
        this.runner = runner;
        this.audit = audit;
        this.nodes = nodes;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.file = config.jobs().resolve(ScheduleFile.NAME);
        this.entries = ScheduleFile.read(file);
        refuseUnknownJobs(config.jobs());
    }

    /** One schedule as the operator sees it. {@code state} is Quartz's trigger state, or ABSENT when not in the store. */
    public record Schedule(String job, String cron, String timeZone, boolean enabled, boolean jobDefined,
                           String state, Instant nextFireTime, Instant previousFireTime) {
        public boolean paused() {
            return "PAUSED".equals(state);
        }
    }

    /** Asked about a job that has no schedule in the store (not in the file, disabled, or not yet loaded). */
    public static class UnknownSchedule extends IllegalArgumentException {
        UnknownSchedule(String message) {
            super(message);
        }
    }

    /** The file's entries with their state in the store, plus any store trigger the file no longer declares. */
    public List<Schedule> list() {
        try {
            Map<String, Schedule> byJob = new LinkedHashMap<>();
            for (ScheduleEntry entry : entries) {
                byJob.put(entry.job(), describe(entry.job(), entry.cron(), entry.timeZone().getID(), entry.enabled()));
            }
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(SCHEDULE_GROUP))) {
                if (!byJob.containsKey(key.getName()) && scheduler.getTrigger(key) instanceof CronTrigger cron) {
                    byJob.put(key.getName(), describe(key.getName(), cron.getCronExpression(), cron.getTimeZone().getID(), false));
                }
            }
            return new ArrayList<>(byJob.values());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the Quartz job store: " + e.getMessage(), e);
        }
    }

    public void pause(String job, String actor, String remoteAddr) {
        TriggerKey key = requireScheduled(job);
        inTransaction(() -> scheduler.pauseTrigger(key));
        audit.record(actor, "schedule.pause", job, "paused schedule of " + job, remoteAddr);
        log.info("schedule of {} paused by {}", job, actor);
    }

    public void resume(String job, String actor, String remoteAddr) {
        TriggerKey key = requireScheduled(job);
        inTransaction(() -> scheduler.resumeTrigger(key));
        audit.record(actor, "schedule.resume", job, "resumed schedule of " + job, remoteAddr);
        log.info("schedule of {} resumed by {}", job, actor);
    }

    /**
     * Queues a one-off trigger in the JDBC store for {@code job} on {@code date}: a running server
     * node fires it within seconds, through the same run guard as the nightly (so a date that is
     * running or done is not run twice). With no server running it fires when one starts.
     */
    public LocalDate runNow(String job, LocalDate date, String actor, String remoteAddr) {
        if (runner.job(job).isEmpty()) {
            throw new UnknownSchedule("no job named '" + job + "' (jobs: " + String.join(", ", runner.jobNames()) + ")");
        }
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(job + "-" + UUID.randomUUID(), RUN_NOW_GROUP)
                .forJob(jobKey(job))
                .usingJobData(ScheduledRun.DATE, date.toString())
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .startNow()
                .build();
        try {
            // committed at once, not in a transaction: Quartz wakes its scheduler thread on the call, and
            // that thread must already see the trigger, or it sleeps through its idle wait (30 s)
            ensureJobDetail(job);
            scheduler.scheduleJob(trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz job store: " + e.getMessage(), e);
        }
        audit.record(actor, "schedule.run-now", job, "queued " + job + " for " + date, remoteAddr);
        log.info("{} for {} queued to run now by {}", job, date, actor);
        return date;
    }

    /** True when the job has an enabled schedule that the operator has not paused: its nights run unattended. */
    boolean runsUnattended(String job) {
        try {
            return entries.stream().anyMatch(entry -> entry.enabled() && entry.job().equals(job))
                    && scheduler.getTriggerState(triggerKey(job)) != Trigger.TriggerState.PAUSED;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the Quartz job store: " + e.getMessage(), e);
        }
    }

    /** True when at least one server node (which runs the scheduler) is alive. */
    public boolean serverRunning() {
        return jdbc.sql("select count(*) from schedule_node n where n.mode = 'serve' and " + nodes.liveNodeCondition("n.node_id"))
                .query(Long.class).single() > 0;
    }

    /** Brings the store in line with the file (see the class comment); one node at a time. */
    void load() {
        inTransaction(() -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('qe.schedule.load'))").query(Object.class).single();
            Set<String> wanted = entries.stream().filter(ScheduleEntry::enabled).map(ScheduleEntry::job)
                    .filter(job -> runner.job(job).isPresent()).collect(Collectors.toSet());
            for (ScheduleEntry entry : entries) {
                if (wanted.contains(entry.job())) {
                    apply(entry);
                }
            }
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(SCHEDULE_GROUP))) {
                if (!wanted.contains(key.getName())) {
                    scheduler.unscheduleJob(key);
                    log.info("schedule of {} removed from the job store (absent or disabled in {})", key.getName(), file);
                }
            }
        });
    }

    private void apply(ScheduleEntry entry) throws SchedulerException {
        ensureJobDetail(entry.job());
        TriggerKey key = triggerKey(entry.job());
        CronTrigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(jobKey(entry.job()))
                .withSchedule(CronScheduleBuilder.cronSchedule(entry.cron()).inTimeZone(entry.timeZone())
                        .withMisfireHandlingInstructionFireAndProceed()) // = MISFIRE_INSTRUCTION_FIRE_ONCE_NOW
                .build();
        Trigger existing = scheduler.getTrigger(key);
        if (existing == null) {
            try {
                scheduler.scheduleJob(trigger);
            } catch (ObjectAlreadyExistsException e) {
                return; // loaded by another node meanwhile, from the same file
            }
            log.info("schedule of {} loaded: {} {}", entry.job(), entry.cron(), entry.timeZone().getID());
            return;
        }
        if (existing instanceof CronTrigger cron && cron.getCronExpression().equals(entry.cron())
                && cron.getTimeZone().getID().equals(entry.timeZone().getID())) {
            return; // unchanged: keep its next fire time, including a missed one still to be caught up
        }
        boolean paused = scheduler.getTriggerState(key) == Trigger.TriggerState.PAUSED;
        scheduler.rescheduleJob(key, trigger);
        if (paused) {
            scheduler.pauseTrigger(key);
        }
        log.info("schedule of {} changed to {} {}{}", entry.job(), entry.cron(), entry.timeZone().getID(),
                paused ? " (still paused)" : "");
    }

    private void ensureJobDetail(String job) throws SchedulerException {
        if (!scheduler.checkExists(jobKey(job))) {
            JobDetail detail = JobBuilder.newJob(ScheduledRun.class)
                    .withIdentity(jobKey(job))
                    .withDescription("runs the Spring Batch job " + job + " through the run guard")
                    .usingJobData(ScheduledRun.JOB, job)
                    .storeDurably()
                    .build();
            try {
                scheduler.addJob(detail, false);
            } catch (ObjectAlreadyExistsException e) {
                // added by another node meanwhile
            }
        }
    }

    private Schedule describe(String job, String cron, String zone, boolean enabled) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(triggerKey(job));
        String state = trigger == null ? "ABSENT" : scheduler.getTriggerState(trigger.getKey()).name();
        return new Schedule(job, cron, zone, enabled, runner.job(job).isPresent(), state,
                trigger == null || trigger.getNextFireTime() == null ? null : trigger.getNextFireTime().toInstant(),
                trigger == null || trigger.getPreviousFireTime() == null ? null : trigger.getPreviousFireTime().toInstant());
    }

    private TriggerKey requireScheduled(String job) {
        try {
            TriggerKey key = triggerKey(job);
            if (!scheduler.checkExists(key)) {
                throw new UnknownSchedule("job '" + job + "' has no schedule in the job store (schedules: "
                        + entries.stream().map(ScheduleEntry::job).toList() + "; a disabled entry has none)");
            }
            return key;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the Quartz job store: " + e.getMessage(), e);
        }
    }

    /**
     * A schedule naming no job file is a typo that would leave a night unscheduled: refused. A job
     * whose file exists but has no steps yet (its features have not landed) is only skipped.
     */
    private void refuseUnknownJobs(Path jobsDir) {
        for (int i = 0; i < entries.size(); i++) {
            String job = entries.get(i).job();
            if (runner.job(job).isEmpty()) {
                if (!Files.isRegularFile(jobsDir.resolve(job + ".job.yml"))) {
                    throw new ScheduleFile.InvalidScheduleFile(file, "schedules[" + i + "].job",
                            "'" + job + "' names no job (no " + job + ".job.yml; jobs: " + runner.jobNames() + ")");
                }
                log.warn("{}: job '{}' has no steps yet; its schedule is not loaded", file, job);
            }
        }
    }

    private static JobKey jobKey(String job) {
        return JobKey.jobKey(job, JOB_GROUP);
    }

    private static TriggerKey triggerKey(String job) {
        return TriggerKey.triggerKey(job, SCHEDULE_GROUP);
    }

    private interface StoreWork {
        void run() throws SchedulerException;
    }

    /** Quartz's Spring-managed job store joins the transaction: a load or a change is all or nothing. */
    private void inTransaction(StoreWork work) {
        transaction.executeWithoutResult(status -> {
            try {
                work.run();
            } catch (SchedulerException e) {
                throw new IllegalStateException("Quartz job store: " + e.getMessage(), e);
            }
        });
    }
}
