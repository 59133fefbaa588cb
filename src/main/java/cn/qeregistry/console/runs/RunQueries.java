package cn.qeregistry.console.runs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads job and step executions from Spring Batch's repository tables, filtered and counted for the console. */
@Component
public class RunQueries {

    public static final int PAGE = 100;

    private final JdbcClient jdbc;

    public RunQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One job execution as listed: its business date, status, duration and summed step counts. */
    public record Run(long id, long instanceId, String job, String date, String feed, String status, String exitCode,
                      LocalDateTime start, LocalDateTime end, long read, long written, long skipped, String exitMessage) {
        public String duration() {
            return RunQueries.duration(start, end == null && isRunning() ? LocalDateTime.now() : end);
        }

        public boolean isRunning() {
            return "STARTING".equals(status) || "STARTED".equals(status) || "STOPPING".equals(status);
        }

        public String summary() {
            return RunQueries.summary(exitMessage);
        }
    }

    /** One step execution with every counter Spring Batch keeps and its exit text (stack trace included). */
    public record StepRun(long id, String name, String status, long read, long written, long filtered, long skipped,
                          long commits, long rollbacks, LocalDateTime start, LocalDateTime end, String exitCode,
                          String exitMessage) {
        public String duration() {
            return RunQueries.duration(start, end == null && "STARTED".equals(status) ? LocalDateTime.now() : end);
        }

        public String summary() {
            return RunQueries.summary(exitMessage);
        }

        public boolean hasTrace() {
            return exitMessage != null && exitMessage.lines().count() > 1;
        }
    }

    /** Filters of the runs list; each is optional. */
    public record Filter(String job, String status, LocalDate date) {
    }

    private static final String RUN_SELECT = """
            select e.job_execution_id, e.job_instance_id, i.job_name,
                   (select p.parameter_value from batch_job_execution_params p
                     where p.job_execution_id = e.job_execution_id and p.parameter_name = 'date') as business_date,
                   (select p.parameter_value from batch_job_execution_params p
                     where p.job_execution_id = e.job_execution_id and p.parameter_name = 'feed') as feed,
                   e.status, e.exit_code, e.start_time, e.end_time, e.exit_message,
                   coalesce((select sum(s.read_count) from batch_step_execution s where s.job_execution_id = e.job_execution_id), 0) as rd,
                   coalesce((select sum(s.write_count) from batch_step_execution s where s.job_execution_id = e.job_execution_id), 0) as wr,
                   coalesce((select sum(s.read_skip_count + s.process_skip_count + s.write_skip_count)
                             from batch_step_execution s where s.job_execution_id = e.job_execution_id), 0) as sk
            from batch_job_execution e join batch_job_instance i on i.job_instance_id = e.job_instance_id
            """;

    public List<Run> list(Filter filter, int page) {
        StringBuilder sql = new StringBuilder("select * from (" + RUN_SELECT + ") r where true");
        List<Object> params = new ArrayList<>();
        if (filter.job() != null && !filter.job().isBlank()) {
            sql.append(" and r.job_name = ?");
            params.add(filter.job());
        }
        if (filter.status() != null && !filter.status().isBlank()) {
            sql.append(" and r.status = ?");
            params.add(filter.status());
        }
        if (filter.date() != null) {
            sql.append(" and r.business_date = ?");
            params.add(filter.date().toString());
        }
        sql.append(" order by r.job_execution_id desc limit ? offset ?");
        params.add(PAGE);
        params.add(Math.max(page, 0) * PAGE);
        return jdbc.sql(sql.toString()).params(params).query(RunQueries::run).list();
    }

    public Optional<Run> run(long id) {
        return jdbc.sql(RUN_SELECT + " where e.job_execution_id = ?").param(id).query(RunQueries::run).optional();
    }

    public List<String> jobNames() {
        return jdbc.sql("select distinct job_name from batch_job_instance order by job_name").query(String.class).list();
    }

    public List<StepRun> steps(long executionId) {
        return jdbc.sql("""
                        select step_execution_id, step_name, status, read_count, write_count, filter_count,
                               read_skip_count + process_skip_count + write_skip_count, commit_count, rollback_count,
                               start_time, end_time, exit_code, exit_message
                        from batch_step_execution where job_execution_id = ? order by step_execution_id""")
                .param(executionId)
                .query((rs, i) -> new StepRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), time(rs, 10),
                        time(rs, 11), rs.getString(12), rs.getString(13)))
                .list();
    }

    /** Steps that completed in any execution of the instance: a restart does not run them again. */
    public List<String> completedSteps(long instanceId) {
        return jdbc.sql("""
                        select distinct s.step_name from batch_step_execution s
                        join batch_job_execution e on e.job_execution_id = s.job_execution_id
                        where e.job_instance_id = ? and s.status = 'COMPLETED'""")
                .param(instanceId).query(String.class).list();
    }

    /** The newest execution of {@code job} for {@code date} created after {@code afterId}, if one exists yet. */
    public Optional<Long> executionAfter(String job, String date, long afterId) {
        return jdbc.sql("""
                        select e.job_execution_id from batch_job_execution e
                        join batch_job_instance i on i.job_instance_id = e.job_instance_id
                        join batch_job_execution_params p on p.job_execution_id = e.job_execution_id and p.parameter_name = 'date'
                        where i.job_name = ? and p.parameter_value = ? and e.job_execution_id > ?
                        order by e.job_execution_id desc limit 1""")
                .params(job, date, afterId).query(Long.class).optional();
    }

    public long lastExecutionId() {
        return jdbc.sql("select coalesce(max(job_execution_id), 0) from batch_job_execution").query(Long.class).single();
    }

    /** Rows the deliveries of this execution declared for a feed, when intake registered them; else null. */
    public Long expectedRows(long executionId, String feed) {
        return jdbc.sql("""
                        select nullif(sum(rows_read), 0) from delivery
                        where job_execution_id = ? and feed = ? and status <> 'DUPLICATE'""")
                .params(executionId, feed).query(Long.class).optional().orElse(null);
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getLong("job_execution_id"), rs.getLong("job_instance_id"), rs.getString("job_name"),
                rs.getString("business_date"), rs.getString("feed"), rs.getString("status"), rs.getString("exit_code"),
                time(rs, "start_time"), time(rs, "end_time"), rs.getLong("rd"), rs.getLong("wr"), rs.getLong("sk"),
                rs.getString("exit_message"));
    }

    private static LocalDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }

    private static LocalDateTime time(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }

    /** The innermost cause still in a (length-capped) exit text, else its first line. */
    static String summary(String exitMessage) {
        if (exitMessage == null) {
            return "";
        }
        List<String> causes = exitMessage.lines().filter(l -> l.startsWith("Caused by: ")).toList();
        String line = causes.isEmpty() ? exitMessage.lines().findFirst().orElse("") : causes.get(causes.size() - 1);
        return line.replaceFirst("^Caused by: ", "").trim();
    }

    static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null || end == null) {
            return "";
        }
        Duration d = Duration.between(start, end);
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
