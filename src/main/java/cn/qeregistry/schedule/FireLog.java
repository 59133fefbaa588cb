package cn.qeregistry.schedule;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/** One row per Quartz fire in {@code schedule_fire}: which node fired what, for which date, and the result. */
@Component
class FireLog {

    enum Outcome { RAN, SKIPPED, ERROR }

    private final JdbcClient jdbc;
    private final ClusterNodes nodes;

    FireLog(JdbcClient jdbc, ClusterNodes nodes) {
        this.jdbc = jdbc;
        this.nodes = nodes;
    }

    void record(String job, String trigger, Instant scheduledFireTime, LocalDate date, Outcome outcome,
                Long executionId, String detail) {
        jdbc.sql("""
                        insert into schedule_fire (job_name, trigger_name, scheduled_fire_time, node_id, business_date,
                                                   outcome, execution_id, detail)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(job, trigger, Timestamp.from(scheduledFireTime), nodes.nodeId(), date, outcome.name(),
                        executionId, detail)
                .update();
    }
}
