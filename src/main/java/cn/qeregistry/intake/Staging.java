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
     * Then exact repeats keep their first copy. One statement (data-modifying CTEs share a snapshot).
     * Returns the number of repeats removed.
     */
    long settleDuplicates(FeedMapping mapping, long deliveryId, long rowsRead) {
        rejects.flush(); // the chunk's held-back rejects count as copies of their keys
        String table = mapping.stagingTable();
        List<String> key = mapping.key();
        // A delivery large against what the table's statistics know was just copied in: without fresh
        // statistics the planner takes it for a few rows and joins it to itself by nested loop, quadratic
        // in the delivery (200k tax rows: hours). A small one into a large table needs none (analysing a
        // 1M-row table samples 30k rows: 0.3 s, half of a 1 % night's market intake).
        if (statisticsStale(table, rowsRead)) {
            jdbc.sql("analyze " + table).update();
        }
        String rowKey = "concat_ws('|', " + key.stream().map(k -> "s." + k + "::text").collect(Collectors.joining(", ")) + ")";
        String keyNames = String.join(", ", key);
        jdbc.sql("""
                with keyed as (
                    select s.sheet, s.row_no, s.uscc, %s as row_key from %s s where s.delivery_id = :d
                ), rejected as (
                    select sheet, row_no, row_key from intake_reject
                    where delivery_id = :d and category = 'INTAKE_REJECT' and row_key is not null
                ), shared_keys as (
                    select row_key from (select row_key from keyed union all select row_key from rejected) k
                    group by row_key having count(*) > 1
                ), staged as (
                    select k.sheet, k.row_no, k.uscc, k.row_key, to_jsonb(s) - 'delivery_id' - 'row_no' - 'sheet' as body
                    from keyed k join shared_keys using (row_key)
                    join %s s on s.delivery_id = :d and coalesce(s.sheet, '') = coalesce(k.sheet, '') and s.row_no = k.row_no
                ), copies as (
                    select sheet, row_no, row_key, body from staged
                    union all
                    select sheet, row_no, row_key, null from rejected join shared_keys using (row_key)
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
                delete from %s s using staged st join conflicted c using (row_key)
                where s.delivery_id = :d and coalesce(s.sheet, '') = coalesce(st.sheet, '') and s.row_no = st.row_no
                """.formatted(rowKey, table, table, keyNames, table))
                .param("d", deliveryId).param("feed", mapping.feed()).param("column", String.join("+", key))
                .update();
        // exact repeats: every copy after the first of its key, by one sort instead of a self-join
        String keyPresent = key.stream().map(k -> k + " is not null").collect(Collectors.joining(" and "));
        return jdbc.sql("""
                delete from %s where ctid = any(array(
                    select ctid from (
                        select ctid, row_number() over (partition by %s order by coalesce(sheet, ''), row_no) as nth
                        from %s where delivery_id = :d and %s) copies
                    where nth > 1))""".formatted(table, keyNames, table, keyPresent))
                .param("d", deliveryId).update();
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
