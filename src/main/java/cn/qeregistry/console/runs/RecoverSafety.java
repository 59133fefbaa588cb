package cn.qeregistry.console.runs;

import cn.qeregistry.schedule.ClusterNodes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether an execution left STARTING/STARTED/STOPPING may be recovered (marked FAILED) without
 * corrupting a run that is still going, by the schedule feature's rule: its owning node
 * ({@code schedule_execution_owner}) has no heartbeat in {@code schedule_node} within
 * {@code qe.node.timeout}; with no owner recorded, neither the execution nor any of its steps was
 * updated within that timeout. A run of this process (the console started it, or this node owns it)
 * is alive by definition.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RecoverSafety {

    private final JdbcClient jdbc;
    private final ClusterNodes nodes;
    private final BackgroundRuns background;
    private final Duration timeout;

    public RecoverSafety(JdbcClient jdbc, ClusterNodes nodes, BackgroundRuns background,
                         @Value("${qe.node.timeout:PT2M}") Duration timeout) {
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.background = background;
        this.timeout = timeout;
    }

    /** Why recovering the execution would be unsafe now, or empty when its run is known to be dead. */
    public Optional<String> refusal(long executionId) {
        if (background.runsHere(executionId)) {
            return Optional.of("execution " + executionId + " is running in this console process; stop it instead");
        }
        Optional<String> owner = jdbc.sql("select node_id from schedule_execution_owner where job_execution_id = ?")
                .param(executionId).query(String.class).optional();
        if (owner.isPresent()) {
            String node = owner.get();
            if (node.equals(nodes.nodeId())) {
                return Optional.of("execution " + executionId + " is running on this node (" + node + "); stop it instead");
            }
            Optional<Long> silentFor = jdbc.sql("""
                            select extract(epoch from now() - heartbeat_at)::bigint from schedule_node where node_id = ?""")
                    .param(node).query(Long.class).optional();
            if (silentFor.isPresent() && silentFor.get() < timeout.toSeconds()) {
                return Optional.of("execution " + executionId + " is owned by node " + node + ", which is alive (last heartbeat "
                        + silentFor.get() + " s ago); stop it there, or wait until the node has been silent for "
                        + timeout.toSeconds() + " s");
            }
            return Optional.empty();
        }
        Long idleFor = jdbc.sql("""
                        select extract(epoch from localtimestamp - greatest(e.last_updated,
                               (select max(s.last_updated) from batch_step_execution s where s.job_execution_id = e.job_execution_id)))::bigint
                          from batch_job_execution e where e.job_execution_id = ?""")
                .param(executionId).query(Long.class).optional().orElse(null);
        if (idleFor != null && idleFor < timeout.toSeconds()) {
            return Optional.of("execution " + executionId + " has no owning node recorded and was updated " + idleFor
                    + " s ago; it may still be running — recover is possible after " + timeout.toSeconds() + " s without updates");
        }
        return Optional.empty();
    }
}
