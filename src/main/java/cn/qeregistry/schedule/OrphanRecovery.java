package cn.qeregistry.schedule;

import cn.qeregistry.runs.JobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds executions left {@code STARTING}/{@code STARTED}/{@code STOPPING} by a crashed node and marks
 * them FAILED through {@code JobOperator.recover}, so the operator (or the next fire) can restart them.
 *
 * <p>The rule, safe with several nodes on one database: an execution is orphaned when the node that
 * owns it (schedule_execution_owner) has no heartbeat within {@code qe.node.timeout}, or is a process
 * of this host that no longer exists (crash and quick restart). An execution with no owner row
 * (started before this feature, or its node died between creating it and the first listener call)
 * is orphaned when neither it nor any of its steps was updated within that timeout. Claims in the
 * run guard held by dead nodes are released the same way.
 *
 * <p>When a server recovers (at start-up, or its orphan watch), a recovered night of a job that runs
 * unattended (an enabled, unpaused schedule) is queued to run again at once
 * ({@code qe.schedule.resume-recovered}, default true), through the run guard like any
 * fire, so it resumes from its failed step exactly once. A night is resumed so while it has fewer than
 * {@code qe.schedule.resume-limit} executions (default 3): a run that kills its node every time stops
 * coming back and waits for the operator.
 */
@Component
public class OrphanRecovery {

    private static final Logger log = LoggerFactory.getLogger(OrphanRecovery.class);
    private static final String RUNNING = "('STARTING', 'STARTED', 'STOPPING')";
    private static final String ACTOR = "system:orphan-recovery";

    private final JdbcClient jdbc;
    private final ClusterNodes nodes;
    private final JobRunner runner;
    private final RunGuard guard;
    private final Alerts alerts;
    private final Schedules schedules;
    private final boolean resume;
    private final int resumeLimit;

    OrphanRecovery(JdbcClient jdbc, ClusterNodes nodes, JobRunner runner, RunGuard guard, Alerts alerts, Schedules schedules,
                   @Value("${qe.schedule.resume-recovered:true}") boolean resume,
                   @Value("${qe.schedule.resume-limit:3}") int resumeLimit) {
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.runner = runner;
        this.guard = guard;
        this.alerts = alerts;
        this.schedules = schedules;
        this.resume = resume;
        this.resumeLimit = resumeLimit;
    }

    /** A recovered execution: its job, business date and the node that died running it. */
    public record Recovered(long executionId, String job, LocalDate date, String deadNode) {
    }

    /**
     * Recovers every orphaned execution ({@code by} says who, for the alert); returns them. With
     * {@code resume}, the unattended nights among them are queued to run again.
     */
    List<Recovered> recoverOrphans(String by, boolean resume) {
        nodes.forgetDeadProcessesOfThisHost();
        List<Long> orphans = jdbc.sql("""
                        select e.job_execution_id
                          from batch_job_execution e
                          left join schedule_execution_owner o on o.job_execution_id = e.job_execution_id
                         where e.status in %s and %s
                         order by e.job_execution_id""".formatted(RUNNING, orphaned()))
                .param("timeout", nodes.timeout().toSeconds())
                .query(Long.class).list();
        List<Recovered> recovered = new ArrayList<>();
        for (long orphan : orphans) {
            try {
                recovered.add(recover(orphan, by));
            } catch (RuntimeException e) { // one bad execution must not keep the others (or a server start) back
                alerts.raise(Alerts.Kind.FAILED, jobOf(orphan), null, orphan,
                        "left running by a dead node and could not be recovered: " + e.getMessage());
            }
        }
        releaseDeadNodes();
        if (resume) {
            recovered.forEach(this::resumeIfUnattended);
        }
        return recovered;
    }

    /**
     * Why execution {@code executionId} may not be recovered now — it is not running, or its node is
     * alive, or (no owner recorded) it was updated recently — or empty when it is an orphan.
     */
    public Optional<String> refusal(long executionId) {
        nodes.forgetDeadProcessesOfThisHost();
        JobExecution execution = runner.execution(executionId);
        BatchStatus status = execution.getStatus();
        if (!status.isRunning()) {
            return Optional.of("execution " + executionId + " is " + status + ", not left running: nothing to recover"
                    + (status == BatchStatus.FAILED || status == BatchStatus.STOPPED ? "; restart it with: restart " + executionId : ""));
        }
        boolean orphan = jdbc.sql("""
                        select count(*) from batch_job_execution e
                          left join schedule_execution_owner o on o.job_execution_id = e.job_execution_id
                         where e.job_execution_id = :id and %s""".formatted(orphaned()))
                .param("id", executionId).param("timeout", nodes.timeout().toSeconds())
                .query(Long.class).single() > 0;
        if (orphan) {
            return Optional.empty();
        }
        Optional<String> owner = owner(executionId);
        if (owner.isPresent()) {
            Long silent = jdbc.sql("select extract(epoch from now() - heartbeat_at)::bigint from schedule_node where node_id = ?")
                    .param(owner.get()).query(Long.class).optional().orElse(null);
            return Optional.of("execution " + executionId + " is run by node " + owner.get() + ", which is alive (last heartbeat "
                    + silent + " s ago, a node counts as dead after " + nodes.timeout().toSeconds()
                    + " s of silence); stop it with: stop " + executionId);
        }
        return Optional.of("execution " + executionId + " has no owning node recorded and was updated less than "
                + nodes.timeout().toSeconds() + " s ago; it may still be running — try again once it has been silent that long");
    }

    /** Recovers one orphan (the caller has checked {@link #refusal}); the caller restarts it. */
    public Recovered recoverOne(long executionId, String by) {
        Recovered recovered = recover(executionId, by);
        releaseDeadNodes();
        return recovered;
    }

    private Recovered recover(long executionId, String by) {
        String owner = owner(executionId).orElse("an unknown node");
        JobExecution execution = runner.recover(executionId);
        jdbc.sql("delete from schedule_execution_owner where job_execution_id = ?").param(executionId).update();
        String job = execution.getJobInstance().getJobName();
        LocalDate date = execution.getJobParameters().getLocalDate(JobRunner.DATE);
        // its own listeners never ran their afterJob: this is the run's failure as ops see it
        alerts.raise(Alerts.Kind.FAILED, job, date, executionId,
                "recovered to " + execution.getStatus() + " " + by + ": " + owner + " died while running it; restart it");
        return new Recovered(executionId, job, date, owner);
    }

    private void releaseDeadNodes() {
        int released = guard.releaseClaimsOfDeadNodes();
        if (released > 0) {
            log.warn("released {} run guard claim(s) held by dead nodes", released);
        }
        jdbc.sql("delete from schedule_node n where not " + nodes.liveNodeCondition("n.node_id")).update();
    }

    private void resumeIfUnattended(Recovered run) {
        if (!resume || run.date() == null || !schedules.runsUnattended(run.job())) {
            return;
        }
        long executions = jdbc.sql("""
                        select count(*) from batch_job_execution
                         where job_instance_id = (select job_instance_id from batch_job_execution where job_execution_id = ?)""")
                .param(run.executionId()).query(Long.class).single();
        if (executions >= resumeLimit) {
            log.warn("{} for {} not resumed after recovering execution {}: it has run {} times (qe.schedule.resume-limit {}); restart it by hand",
                    run.job(), run.date(), run.executionId(), executions, resumeLimit);
            return;
        }
        schedules.runNow(run.job(), run.date(), ACTOR, null);
        log.warn("{} for {} queued to resume after recovering execution {} of dead node {}", run.job(), run.date(),
                run.executionId(), run.deadNode());
    }

    /** SQL predicate over {@code e} (execution) and {@code o} (its owner row): left running by a dead process. */
    private String orphaned() {
        return """
                case when o.node_id is not null then not %s
                     else greatest(e.last_updated, (select max(s.last_updated) from batch_step_execution s
                                                    where s.job_execution_id = e.job_execution_id))
                          < localtimestamp - make_interval(secs => :timeout) end""".formatted(nodes.liveNodeCondition("o.node_id"));
    }

    private Optional<String> owner(long executionId) {
        return jdbc.sql("select node_id from schedule_execution_owner where job_execution_id = ?")
                .param(executionId).query(String.class).optional();
    }

    private String jobOf(long executionId) {
        return jdbc.sql("""
                        select i.job_name from batch_job_execution e join batch_job_instance i on i.job_instance_id = e.job_instance_id
                         where e.job_execution_id = ?""")
                .param(executionId).query(String.class).optional().orElse("?");
    }
}
