package cn.qeregistry.runs;

import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.Command;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/** {@code status}: recent executions, newest first, with their steps, counts and exit text. */
@Component
class StatusCommand implements Command {

    private final JdbcClient jdbc;

    StatusCommand(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public int run(Arguments arguments) {
        long limit = arguments.number("limit").orElse(20L);
        List<ExecutionRow> executions = jdbc.sql("""
                        select e.job_execution_id, i.job_name, e.status, e.start_time, e.end_time, e.exit_message,
                               (select p.parameter_value from batch_job_execution_params p
                                 where p.job_execution_id = e.job_execution_id and p.parameter_name = 'date') as business_date
                          from batch_job_execution e join batch_job_instance i on i.job_instance_id = e.job_instance_id
                         order by e.job_execution_id desc limit :limit""")
                .param("limit", limit)
                .query((rs, n) -> new ExecutionRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4), rs.getTimestamp(5), rs.getString(6), rs.getString(7)))
                .list();
        if (executions.isEmpty()) {
            System.out.println("no executions");
            return OK;
        }
        for (ExecutionRow e : executions) {
            System.out.printf("%d  %s %s  %s%s%s%n", e.id(), e.job(), e.date() == null ? "" : e.date(), e.status(),
                    e.start() == null ? "" : "  started " + e.start().toLocalDateTime().withNano(0),
                    ExecutionSummary.duration(e.start() == null ? null : e.start().toLocalDateTime(),
                            e.end() == null ? null : e.end().toLocalDateTime()));
            jdbc.sql("""
                            select step_name, status, read_count, write_count, filter_count,
                                   read_skip_count + write_skip_count + process_skip_count, commit_count, exit_message
                              from batch_step_execution where job_execution_id = :id order by step_execution_id""")
                    .param("id", e.id())
                    .query(rs -> {
                        System.out.printf("    %-18s %-9s read=%d written=%d filtered=%d skipped=%d commits=%d%s%n",
                                rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                                rs.getLong(6), rs.getLong(7), ExecutionSummary.exitText(rs.getString(8)));
                    });
        }
        return OK;
    }

    private record ExecutionRow(long id, String job, String status, Timestamp start, Timestamp end, String exit,
                                String date) {
    }
}
