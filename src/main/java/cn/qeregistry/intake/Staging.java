package cn.qeregistry.intake;

import cn.qeregistry.intake.mapping.FeedMapping;
import cn.qeregistry.intake.mapping.FieldSpec;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.StringReader;
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

    Staging(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    void copy(FeedMapping mapping, List<StagedOutput.StagedRow> rows) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        String columns = mapping.fields().stream().map(FieldSpec::name).collect(Collectors.joining(", "));
        StringBuilder data = new StringBuilder(rows.size() * 200);
        for (StagedOutput.StagedRow row : rows) {
            data.append(row.deliveryId()).append('\t').append(row.rowNo()).append('\t');
            field(data, row.sheet());
            for (String value : row.values()) {
                data.append('\t');
                field(data, value);
            }
            data.append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy " + mapping.stagingTable() + " (delivery_id, row_no, sheet, " + columns + ") from stdin",
                    new StringReader(data.toString()));
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** COPY text format: \N for null, backslash escapes for the separators. */
    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case 0 -> {
                }
                default -> out.append(c);
            }
        }
    }

    /**
     * Rows of one delivery sharing a key: with different values every copy moves to intake_reject
     * as DUPLICATE (no copy is chosen); exact repeats keep their first copy. Returns the number of
     * repeats removed.
     */
    long settleDuplicates(FeedMapping mapping, long deliveryId) {
        String table = mapping.stagingTable();
        List<String> key = mapping.key();
        String keys = String.join(", ", key);
        String keyText = key.stream().map(k -> "'" + k + "=' || r." + k).collect(Collectors.joining(" || ', ' || "));
        jdbc.sql("""
                with r as (
                    select s.sheet, s.row_no, %s, to_jsonb(s) - 'delivery_id' - 'row_no' - 'sheet' as body
                    from %s s where s.delivery_id = :d
                ), conflicted as (
                    select %s, string_agg(coalesce(sheet || '!', '') || row_no, ', ' order by sheet, row_no) as source_rows
                    from r group by %s having count(distinct body) > 1
                )
                insert into intake_reject (delivery_id, feed, category, uscc, sheet, row_no, column_name, value, reason, rule, problems, raw_cells)
                select :d, :feed, 'DUPLICATE', r.uscc, r.sheet, r.row_no, :column, r.uscc, x.reason, 'duplicate',
                       jsonb_build_array(jsonb_build_object('rule', 'duplicate', 'reason', x.reason)), r.body
                from r join conflicted c using (%s)
                cross join lateral (select 'key ' || %s || ' appears in rows ' || c.source_rows
                                           || ' with different values; no copy is staged' as reason) x
                """.formatted(keys, table, keys, keys, keys, keyText))
                .param("d", deliveryId).param("feed", mapping.feed()).param("column", String.join("+", key))
                .update();
        jdbc.sql("""
                delete from %s s using intake_reject r
                where s.delivery_id = :d and r.delivery_id = :d and r.category = 'DUPLICATE'
                  and coalesce(s.sheet, '') = coalesce(r.sheet, '') and s.row_no = r.row_no""".formatted(table))
                .param("d", deliveryId).update();
        String sameKey = key.stream().map(k -> "a." + k + " = b." + k).collect(Collectors.joining(" and "));
        return jdbc.sql("""
                delete from %s a using %s b
                where a.delivery_id = :d and b.delivery_id = :d and %s
                  and (coalesce(b.sheet, ''), b.row_no) < (coalesce(a.sheet, ''), a.row_no)""".formatted(table, table, sameKey))
                .param("d", deliveryId).update();
    }

    long stagedRows(FeedMapping mapping, long deliveryId) {
        return jdbc.sql("select count(*) from " + mapping.stagingTable() + " where delivery_id = ?").param(deliveryId)
                .query(Long.class).single();
    }
}
