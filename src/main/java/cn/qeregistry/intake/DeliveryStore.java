package cn.qeregistry.intake;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** The {@code delivery} register: one row per file or extract taken, with its fate and counts. */
@Component
class DeliveryStore {

    static final String STAGING = "STAGING";
    static final String FAILED = "FAILED";
    static final String DUPLICATE = "DUPLICATE";

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery of the same feed already holding this checksum (not counting duplicates). */
    record Taken(long id, String status, String fileName) {
    }

    Optional<Taken> taken(String feed, String sha256) {
        return jdbc.sql("select id, status, file_name from delivery where feed = ? and sha256 = ? and status <> 'DUPLICATE'")
                .params(feed, sha256)
                .query((rs, n) -> new Taken(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    long register(String feed, String fileName, String sourceKind, String sha256, long size, String period,
                  String archivedPath, long jobExecutionId) {
        return jdbc.sql("""
                        insert into delivery (feed, file_name, source_kind, sha256, size_bytes, period, archived_path, status, job_execution_id)
                        values (?, ?, ?, ?, ?, ?, ?, 'STAGING', ?) returning id""")
                .params(feed, fileName, sourceKind, sha256, size, period, archivedPath, jobExecutionId)
                .query(Long.class).single();
    }

    long registerDuplicate(String feed, String fileName, String sha256, long size, String period, Taken original,
                           long jobExecutionId) {
        return jdbc.sql("""
                        insert into delivery (feed, file_name, sha256, size_bytes, period, status, duplicate_of, job_execution_id, message)
                        values (?, ?, ?, ?, ?, 'DUPLICATE', ?, ?, ?) returning id""")
                .params(feed, fileName, sha256, size, period, original.id(), jobExecutionId,
                        "same content as delivery " + original.id() + " (" + original.fileName() + "), not staged again")
                .query(Long.class).single();
    }

    /** Takes a failed delivery again (same checksum, e.g. after the mapping was fixed): its evidence is redone. */
    void retry(long id, String feed, String fileName, long jobExecutionId) {
        jdbc.sql("delete from stg_" + feed + " where delivery_id = ?").param(id).update();
        jdbc.sql("delete from intake_reject where delivery_id = ?").param(id).update();
        jdbc.sql("""
                        update delivery set status = 'STAGING', file_name = ?, received_at = now(), rows_read = 0, rows_staged = 0,
                               rows_rejected = 0, rows_repeated = 0, message = null, job_execution_id = ? where id = ?""")
                .params(fileName, jobExecutionId, id).update();
    }

    /** A delivery that could not be taken: nothing of it stays staged; rejects stay as evidence unless the file itself was bad. */
    void fail(long id, String feed, String message, boolean keepRejects, long jobExecutionId) {
        jdbc.sql("delete from stg_" + feed + " where delivery_id = ?").param(id).update();
        if (!keepRejects) {
            jdbc.sql("delete from intake_reject where delivery_id = ?").param(id).update();
        }
        jdbc.sql("update delivery set status = 'FAILED', rows_staged = 0, message = ?, job_execution_id = ? where id = ?")
                .params(message, jobExecutionId, id).update();
    }

    void staged(long id, long read, long staged, long rejected, long repeated, long jobExecutionId) {
        jdbc.sql("""
                        update delivery set status = 'STAGED', rows_read = ?, rows_staged = ?, rows_rejected = ?, rows_repeated = ?,
                               job_execution_id = ?, message = null where id = ?""")
                .params(read, staged, rejected, repeated, jobExecutionId, id).update();
    }

    void counts(long id, long read, long rejected, long repeated) {
        jdbc.sql("update delivery set rows_read = ?, rows_rejected = ?, rows_repeated = ? where id = ?")
                .params(read, rejected, repeated, id).update();
    }

    /** The older staged deliveries of the same feed and period give way to this one (they stay archived). */
    int supersedeOlder(long id) {
        return jdbc.sql("""
                        update delivery old set status = 'SUPERSEDED', superseded_by = new.id
                        from delivery new
                        where new.id = ? and new.period is not null and old.feed = new.feed and old.period = new.period
                          and old.status = 'STAGED' and old.id <> new.id""")
                .param(id).update();
    }

    /** The deliveries a step execution settled, for its exit description. */
    record Settled(long id, String fileName, String status, long read, long staged, long rejected, long repeated, String message) {
    }

    List<Settled> settledBy(String feed, long jobExecutionId) {
        return jdbc.sql("""
                        select id, file_name, status, rows_read, rows_staged, rows_rejected, rows_repeated, message
                        from delivery where feed = ? and job_execution_id = ? order by id""")
                .params(feed, jobExecutionId)
                .query((rs, n) -> new Settled(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getString(8)))
                .list();
    }
}
