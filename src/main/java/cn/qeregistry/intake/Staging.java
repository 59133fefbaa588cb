package cn.qeregistry.intake;

import cn.qeregistry.intake.mapping.FeedMapping;
import cn.qeregistry.intake.mapping.FieldSpec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes staged rows with PostgreSQL COPY on the chunk transaction's own connection (so a rolled
 * back chunk leaves nothing behind), and settles a delivery's duplicate keys set-based in SQL.
 */
@Component
class Staging {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final RejectStore rejects;

    Staging(DataSource dataSource, JdbcClient jdbc, RejectStore rejects) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.rejects = rejects;
    }

    void copy(FeedMapping mapping, List<StagedOutput.StagedRow> rows) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        String columns = mapping.fields().stream().map(FieldSpec::name).collect(Collectors.joining(", "));
        CopyText data = new CopyText();
        for (StagedOutput.StagedRow row : rows) {
            data.number(row.deliveryId()).tab().number(row.rowNo()).tab().field(row.sheet());
            for (String value : row.values()) {
                data.tab().field(value);
            }
            data.endOfRow();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy " + mapping.stagingTable() + " (delivery_id, row_no, sheet, " + columns + ") from stdin");
            try {
                copy.writeToCopy(data.bytes(), 0, data.length());
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Rows of one delivery sharing a key with different values — staged copies, or a staged copy and
     * a copy rejected for another field — all become DUPLICATE in intake_reject: no copy is chosen.
     * Then exact repeats keep their first copy. Returns the number of repeats removed.
     * <p>
     * The delivery is scanned once: the staged rows whose key occurs more than once (counting rejected
     * copies) are set aside in a temporary table, and both settlements work on those few rows. Sorting
     * every row of a 1M-row delivery by key to find its repeats took as long again as the scan.
     */
    long settleDuplicates(FeedMapping mapping, long deliveryId, long rowsRead) {
        rejects.flush(); // the chunk's held-back rejects count as copies of their keys
        String table = mapping.stagingTable();
        // A delivery large against what the table's statistics know was just copied in: without fresh
        // statistics the planner takes it for a few rows and joins it to itself by nested loop, quadratic
        // in the delivery (200k tax rows: hours). A small one into a large table needs none (analysing a
        // 1M-row table samples 30k rows: 0.3 s, half of a 1 % night's market intake).
        if (statisticsStale(table, rowsRead)) {
            jdbc.sql("analyze " + table).update();
        }
        // Without fresh statistics (a small delivery into a large table) the planner takes the delivery for one
        // row and joins its keys to their grouping by nested loop, regrouping for every row: a 1 % night's
        // 10k-row market delivery took 17.8 s. Hash joins are linear whatever the estimates. (A failure rolls the
        // chunk's transaction back, and the setting with it.)
        jdbc.sql("set local enable_nestloop = off").update();
        long repeats = settle(mapping, deliveryId);
        jdbc.sql("reset enable_nestloop").update();
        return repeats;
    }

    private long settle(FeedMapping mapping, long deliveryId) {
        String table = mapping.stagingTable();
        List<String> key = mapping.key();
        String rowKey = "concat_ws('|', " + key.stream().map(k -> "s." + k + "::text").collect(Collectors.joining(", ")) + ")";
        String keyNames = String.join(", ", key);
        // tid: where the staged row is, to fetch and delete it by (this transaction alone writes the delivery's
        // rows); fetched by a list of tids, as a join the planner expected a third of the delivery and hashed all of it
        jdbc.sql("""
                create temporary table shared_copy on commit drop as
                with keyed as materialized (
                    select s.ctid as tid, %s as row_key from %s s where s.delivery_id = :d
                ), shared_keys as (
                    select row_key from (select row_key from keyed
                                         union all
                                         select row_key from intake_reject
                                         where delivery_id = :d and category = 'INTAKE_REJECT' and row_key is not null) k
                    group by row_key having count(*) > 1
                )
                select s.ctid as tid, %s as row_key, s.* from %s s
                where s.ctid = any(array(select k.tid from keyed k join shared_keys using (row_key)))
                """.formatted(rowKey, table, rowKey, table))
                .param("d", deliveryId).update();
        jdbc.sql("""
                with staged as (
                    select sheet, row_no, uscc, row_key, tid,
                           to_jsonb(c) - 'tid' - 'row_key' - 'delivery_id' - 'row_no' - 'sheet' as body
                    from shared_copy c
                ), rejected as (
                    select sheet, row_no, row_key from intake_reject
                    where delivery_id = :d and category = 'INTAKE_REJECT' and row_key in (select row_key from shared_copy)
                ), copies as (
                    select sheet, row_no, row_key, body from staged
                    union all
                    select sheet, row_no, row_key, null from rejected
                ), conflicted as (
                    select row_key, 'key (%s) = (' || replace(row_key, '|', ', ') || ') appears in rows '
                           || string_agg(coalesce(sheet || '!', '') || row_no, ', ' order by sheet, row_no)
                           || ' with different values; no copy is staged' as reason
                    from copies group by row_key
                    having count(distinct body) > 1 or (count(body) > 0 and count(*) > count(body))
                ), held_back as (
                    insert into intake_reject (delivery_id, feed, category, uscc, sheet, row_no, column_name, value, reason, rule,
                                               problems, raw_cells, row_key)
                    select :d, :feed, 'DUPLICATE', st.uscc, st.sheet, st.row_no, :column, st.row_key, c.reason, 'duplicate',
                           jsonb_build_array(jsonb_build_object('rule', 'duplicate', 'reason', c.reason)), st.body, st.row_key
                    from staged st join conflicted c using (row_key)
                    returning 1
                ), rejected_copies as (
                    update intake_reject r set category = 'DUPLICATE', rule = 'duplicate', reason = c.reason,
                           problems = jsonb_build_array(jsonb_build_object('rule', 'duplicate', 'reason', c.reason)) || r.problems
                    from conflicted c
                    where r.delivery_id = :d and r.category = 'INTAKE_REJECT' and r.row_key = c.row_key
                    returning 1
                )
                delete from %s s using staged st join conflicted c using (row_key) where s.ctid = st.tid
                """.formatted(keyNames, table))
                .param("d", deliveryId).param("feed", mapping.feed()).param("column", String.join("+", key))
                .update();
        // exact repeats: every copy after the first of its key (the conflicted keys' copies are gone already,
        // so deleting them again removes nothing)
        String keyPresent = key.stream().map(k -> k + " is not null").collect(Collectors.joining(" and "));
        long repeats = jdbc.sql("""
                delete from %s where ctid = any(array(
                    select tid from (
                        select tid, row_number() over (partition by %s order by coalesce(sheet, ''), row_no) as nth
                        from shared_copy where %s) copies
                    where nth > 1))""".formatted(table, keyNames, keyPresent))
                .update();
        jdbc.sql("drop table shared_copy").update(); // a chunk may end two deliveries
        return repeats;
    }

    /** Whether {@code rows} more are over a fifth of the rows the table's statistics know (or it has none). */
    private boolean statisticsStale(String table, long rows) {
        double known = jdbc.sql("select reltuples from pg_class where oid = cast(? as regclass)").param(table)
                .query(Double.class).single();
        return known < 0 || rows > known / 5;
    }

    long stagedRows(FeedMapping mapping, long deliveryId) {
        return jdbc.sql("select count(*) from " + mapping.stagingTable() + " where delivery_id = ?").param(deliveryId)
                .query(Long.class).single();
    }
}
