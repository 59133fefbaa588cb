package cn.qeregistry.schedule;

import cn.qeregistry.runs.JobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

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
 */
@Component
class OrphanRecovery {

    private static final Logger log = LoggerFactory.getLogger(OrphanRecovery.class);

    private final JdbcClient jdbc;
    private final ClusterNodes nodes;
    private final JobRunner runner;
    private final RunGuard guard;
    private final Alerts alerts;

    OrphanRecovery(JdbcClient jdbc, ClusterNodes nodes, JobRunner runner, RunGuard guard, Alerts alerts) {
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.runner = runner;
        this.guard = guard;
        this.alerts = alerts;
    }

    /** Recovers every orphaned execution; returns the recovered executions. */
    List<JobExecution> recoverOrphans() {
        nodes.forgetDeadProcessesOfThisHost();
        List<Orphan> orphans = jdbc.sql("""
                        select e.job_execution_id, i.job_name
                          from batch_job_execution e
                          join batch_job_instance i on i.job_instance_id = e.job_instance_id
                          left join schedule_execution_owner o on o.job_execution_id = e.job_execution_id
                         where e.status in ('STARTING', 'STARTED', 'STOPPING')
                           and case when o.node_id is not null then not %s
                                    else greatest(e.last_updated, (select max(s.last_updated) from batch_step_execution s
                                                                   where s.job_execution_id = e.job_execution_id))
                                         < localtimestamp - make_interval(secs => :timeout) end
                         order by e.job_execution_id""".formatted(nodes.liveNodeCondition("o.node_id")))
                .param("timeout", nodes.timeout().toSeconds())
                .query((rs, n) -> new Orphan(rs.getLong(1), rs.getString(2))).list();
        List<JobExecution> recovered = new ArrayList<>();
        for (Orphan orphan : orphans) {
            try {
                recovered.add(recover(orphan.executionId()));
            } catch (RuntimeException e) { // one bad execution must not keep the server from starting
                alerts.raise(Alerts.Kind.FAILED, orphan.job(), null, orphan.executionId(),
                        "left running by a dead node and could not be recovered: " + e.getMessage());
            }
        }
        int released = guard.releaseClaimsOfDeadNodes();
        if (released > 0) {
            log.warn("released {} run guard claim(s) held by dead nodes", released);
        }
        jdbc.sql("delete from schedule_node n where not " + nodes.liveNodeCondition("n.node_id")).update();
        return recovered;
    }

    private JobExecution recover(long executionId) {
        String owner = jdbc.sql("select node_id from schedule_execution_owner where job_execution_id = ?")
                .param(executionId).query(String.class).optional().orElse("an unknown node");
        JobExecution execution = runner.recover(executionId);
        jdbc.sql("delete from schedule_execution_owner where job_execution_id = ?").param(executionId).update();
        // its own listeners never ran their afterJob: this is the run's failure as ops see it
        alerts.raise(Alerts.Kind.FAILED, execution.getJobInstance().getJobName(),
                execution.getJobParameters().getLocalDate(JobRunner.DATE), executionId,
                "recovered to " + execution.getStatus() + " at start-up: " + owner + " died while running it; restart it");
        return execution;
    }

    private record Orphan(long executionId, String job) {
    }
}
