package cn.qeregistry.master;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * An insert into a master table that holds fewer rows than are about to arrive (the first night):
 * the table's secondary indexes (those not backing a constraint) and its foreign keys are dropped
 * first and created again from their own definitions after the insert (a foreign key added to a
 * filled table checks every row in one join), then the table is analysed. Measured at 200k firms:
 * the enterprise insert with five indexes maintained row by row 4.7 s against 1.9 s for the insert
 * and four index builds; the year facts with their foreign key checked row by row 2.0 s against
 * 0.5 s for the insert and the key added afterwards. On other nights indexes and keys stay and are
 * maintained as usual. It all happens inside the step's transaction: a failed step leaves them in place.
 */
final class BulkInsert {

    /** An index or constraint, and the statement that creates it again. */
    private record Dropped(String name, String recreate) {
    }

    private final Statements sql;

    BulkInsert(Statements sql) {
        this.sql = sql;
    }

    /** Runs {@code insert} into {@code table}, which is about to receive up to {@code incoming} rows; returns its count. */
    long into(String table, long incoming, LongSupplier insert) {
        if (incoming == 0 || holdsAtLeast(table, incoming)) {
            return insert.getAsLong();
        }
        List<Dropped> indexes = sql.rows("""
                select cast(i.indexrelid as regclass)::text, pg_get_indexdef(i.indexrelid) from pg_index i
                where i.indrelid = cast(:table as regclass)
                  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)""",
                Map.of("table", table), (rs, n) -> new Dropped(rs.getString(1), rs.getString(2)));
        List<Dropped> foreignKeys = sql.rows("""
                select conname, pg_get_constraintdef(oid) from pg_constraint
                where conrelid = cast(:table as regclass) and contype = 'f'""",
                Map.of("table", table), (rs, n) -> new Dropped(rs.getString(1),
                        "alter table " + table + " add constraint " + rs.getString(1) + " " + rs.getString(2)));
        indexes.forEach(index -> sql.run("drop index " + index.name()));
        foreignKeys.forEach(key -> sql.run("alter table " + table + " drop constraint " + key.name()));
        long inserted = insert.getAsLong();
        indexes.forEach(index -> sql.run(index.recreate()));
        foreignKeys.forEach(key -> sql.run(key.recreate()));
        sql.run("analyze " + table);
        return inserted;
    }

    private boolean holdsAtLeast(String table, long rows) {
        return sql.single("select count(*) from (select 1 from " + table + " limit :rows) t", Map.of("rows", rows), Long.class)
                >= rows;
    }
}
