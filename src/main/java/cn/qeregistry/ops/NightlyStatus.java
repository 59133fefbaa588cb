package cn.qeregistry.ops;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The latest execution of the nightly job (by execution id, so a restart counts as the latest) and the
 * end of the latest completed one, read straight from the Spring Batch tables: each node sees the same
 * answer, whichever node ran the job.
 */
@Component
class NightlyStatus {

    private final JdbcClient jdbc;
    private final String job;

    NightlyStatus(JdbcClient jdbc, @Value("${qe.ops.nightly.job:nightly}") String job) {
        this.jdbc = jdbc;
        this.job = job;
    }

    String job() {
        return job;
    }

    Optional<Latest> latest() {
        return jdbc.sql("""
                        select e.job_execution_id, e.status, e.start_time, e.end_time, e.create_time, e.exit_message,
                               (select p.parameter_value from batch_job_execution_params p
                                 where p.job_execution_id = e.job_execution_id and p.parameter_name = 'date') as business_date,
                               (select s.step_name from batch_step_execution s
                                 where s.job_execution_id = e.job_execution_id and s.status = 'FAILED'
                                 order by s.step_execution_id limit 1) as failed_step,
                               (select s.exit_message from batch_step_execution s
                                 where s.job_execution_id = e.job_execution_id and s.status = 'FAILED'
                                 order by s.step_execution_id limit 1) as failed_step_message
                          from batch_job_execution e
                          join batch_job_instance i on i.job_instance_id = e.job_instance_id
                         where i.job_name = ?
                         order by e.job_execution_id desc
                         limit 1""")
                .param(job)
                .query((rs, n) -> new Latest(rs.getLong("job_execution_id"), BatchStatus.valueOf(rs.getString("status")),
                        rs.getString("business_date"),
                        time(rs.getObject("start_time", LocalDateTime.class), rs.getObject("create_time", LocalDateTime.class)),
                        rs.getObject("end_time", LocalDateTime.class),
                        rs.getString("failed_step"),
                        firstLine(rs.getString("failed_step") != null ? rs.getString("failed_step_message") : rs.getString("exit_message"))))
                .optional();
    }

    /** When the latest COMPLETED nightly ended (JVM-local time, as Spring Batch writes it). */
    Optional<LocalDateTime> lastCompletedEnd() {
        return jdbc.sql("""
                        select max(e.end_time) from batch_job_execution e
                          join batch_job_instance i on i.job_instance_id = e.job_instance_id
                         where i.job_name = ? and e.status = 'COMPLETED'""")
                .param(job)
                .query((rs, n) -> rs.getObject(1, LocalDateTime.class))
                .optional();
    }

    private static LocalDateTime time(LocalDateTime start, LocalDateTime created) {
        return start != null ? start : created;
    }

    /** The first line only: an exit message carries the whole stack trace after it. */
    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").trim();
    }

    /** {@code started} is the start time, or the creation time while the execution has not started. */
    record Latest(long executionId, BatchStatus status, String businessDate, LocalDateTime started,
                  LocalDateTime ended, String failedStep, String exitDescription) {

        boolean running() {
            return status == BatchStatus.STARTING || status == BatchStatus.STARTED || status == BatchStatus.STOPPING;
        }
    }
}
