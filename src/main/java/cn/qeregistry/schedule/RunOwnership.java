package cn.qeregistry.schedule;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records which node runs each job execution while it runs, so that start-up recovery can tell an
 * execution of a live node (leave it) from one of a dead node (recover it).
 */
@Component
class RunOwnership implements JobExecutionListener {

    private final JdbcClient jdbc;
    private final ClusterNodes nodes;

    RunOwnership(JdbcClient jdbc, ClusterNodes nodes) {
        this.jdbc = jdbc;
        this.nodes = nodes;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        jdbc.sql("""
                        insert into schedule_execution_owner (job_execution_id, node_id) values (?, ?)
                        on conflict (job_execution_id) do update set node_id = excluded.node_id, since = now()""")
                .params(execution.getId(), nodes.nodeId()).update();
    }

    @Override
    public void afterJob(JobExecution execution) {
        jdbc.sql("delete from schedule_execution_owner where job_execution_id = ?").param(execution.getId()).update();
    }
}
