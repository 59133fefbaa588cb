package cn.qeregistry.schedule;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The database guard against a second run of one job for one business date: a fire claims
 * (job, date) in {@code schedule_run_guard} with one atomic INSERT … ON CONFLICT before launching.
 * Only a new or RELEASED row can be claimed, so a fire while the date is running (on any node) or
 * done does nothing; a failed date is released and may be claimed again (run-now, catch-up).
 */
@Component
class RunGuard {

    private final JdbcClient jdbc;
    private final ClusterNodes nodes;

    RunGuard(JdbcClient jdbc, ClusterNodes nodes) {
        this.jdbc = jdbc;
        this.nodes = nodes;
    }

    /** Claims {@code job} on {@code date} for this node; true when this node may launch it. */
    boolean claim(String job, LocalDate date) {
        return jdbc.sql("""
                        insert into schedule_run_guard (job_name, business_date, state, node_id) values (?, ?, 'CLAIMED', ?)
                        on conflict (job_name, business_date) do update
                           set state = 'CLAIMED', node_id = excluded.node_id, claimed_at = now(),
                               finished_at = null, execution_id = null, outcome = null
                         where schedule_run_guard.state = 'RELEASED'
                        returning job_name""")
                .params(job, date, nodes.nodeId())
                .query(String.class).optional().isPresent();
    }

    /** Who holds the claim, for the log line of a fire that was refused. */
    Optional<String> holder(String job, LocalDate date) {
        return jdbc.sql("""
                        select state || ' by ' || node_id || coalesce(' (execution ' || execution_id || ')', '')
                          from schedule_run_guard where job_name = ? and business_date = ?""")
                .params(job, date).query(String.class).optional();
    }

    /** Marks the claim by outcome: COMPLETED stays done; anything else releases it for a re-run. */
    void finish(String job, LocalDate date, Long executionId, BatchStatus status, String outcome) {
        jdbc.sql("""
                        update schedule_run_guard set state = ?, finished_at = now(), execution_id = ?, outcome = ?
                         where job_name = ? and business_date = ? and node_id = ?""")
                .params(status == BatchStatus.COMPLETED ? "COMPLETED" : "RELEASED", executionId, outcome,
                        job, date, nodes.nodeId())
                .update();
    }

    /** Releases claims whose node has died mid-run; their executions are recovered separately. */
    int releaseClaimsOfDeadNodes() {
        return jdbc.sql("""
                        update schedule_run_guard g set state = 'RELEASED', finished_at = now(),
                               outcome = 'node ' || g.node_id || ' died while running'
                         where g.state = 'CLAIMED' and not %s""".formatted(nodes.liveNodeCondition("g.node_id")))
                .update();
    }
}
