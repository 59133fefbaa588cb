package cn.qeregistry.master;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * An insert into a master table that holds fewer rows than are about to arrive (the first night):
 * the table's secondary indexes (those not backing a constraint) are dropped first, built again
 * from their own definitions after the insert, and the table is analysed. At 200k firms this made
 * the enterprise insert 2.5 times cheaper (measured 4.7 s with five indexes maintained row by row
 * against 1.9 s for the insert and four index builds). On other nights the indexes stay and are
 * maintained as usual; the dropping happens inside the step's transaction, so a failed step leaves
 * them in place.
 */
final class BulkInsert {

    private record Index(String name, String definition) {
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
        List<Index> indexes = sql.rows("""
                select cast(i.indexrelid as regclass)::text, pg_get_indexdef(i.indexrelid) from pg_index i
                where i.indrelid = cast(:table as regclass)
                  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)""",
                Map.of("table", table), (rs, n) -> new Index(rs.getString(1), rs.getString(2)));
        indexes.forEach(index -> sql.run("drop index " + index.name()));
        long inserted = insert.getAsLong();
        indexes.forEach(index -> sql.run(index.definition()));
        sql.run("analyze " + table);
        return inserted;
    }

    private boolean holdsAtLeast(String table, long rows) {
        return sql.single("select count(*) from (select 1 from " + table + " limit :rows) t", Map.of("rows", rows), Long.class)
                >= rows;
    }
}
