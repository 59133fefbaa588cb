package cn.qeregistry.master;

import cn.qeregistry.master.Survivorship.Rule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the golden records of the touched firms and writes what differs: history first (old values
 * are still in place), then enterprise, per-year facts, tier holdings and lineage. Every statement is
 * set-based; a row is written only when one of its values changed.
 */
final class GoldenRecords {

    private static final String TIER_SUMMARY = "case when %1$s.tier is not null then jsonb_strip_nulls(jsonb_build_object("
            + "'level', %1$s.level, 'recognised_year', %1$s.recognised_year, 'batch', %1$s.batch, 'valid_until', %1$s.valid_until, "
            + "'region_code', %1$s.region_code, 'main_product', %1$s.main_product))::text end";
    private static final String TIER_COLUMNS = "level, recognised_year, batch, valid_until, region_code, main_product, delivery_id, row_no";
    private static final String LINEAGE_ROW = "uscc, fiscal_year, feed, delivery_id, sheet, row_no, as_of, attributes";

    private static final String SAME_LINEAGE = "g.fiscal_year = l.fiscal_year and g.feed = l.feed and g.delivery_id = l.delivery_id"
            + " and g.sheet is not distinct from l.sheet and g.row_no is not distinct from l.row_no"
            + " and g.as_of is not distinct from l.as_of and g.attributes = l.attributes";

    private final Statements sql;
    private final Survivorship rules;
    private final BulkInsert bulk;
    /** Rows in each golden working table: what a write may insert at most. */
    private final Map<String, Long> rows = new HashMap<>();

    GoldenRecords(Statements sql, Survivorship rules) {
        this.sql = sql;
        this.rules = rules;
        this.bulk = new BulkInsert(sql);
    }

    void build() {
        rows.put("golden_ent", run(GoldenSql.goldenRecord(rules.record())));
        run("alter table golden_ent add primary key (uscc)");
        sql.analyzeIfLarge("golden_ent");
        rows.put("golden_year", run(GoldenSql.goldenYear(rules.year())));
        run("alter table golden_year add primary key (uscc, fiscal_year)");
        sql.analyzeIfLarge("golden_year");
        rows.put("golden_tier", run("""
                create unlogged table golden_tier as
                select g.uscc, t.tier, t.level, t.recognised_year, t.batch, t.valid_until, t.region_code, t.main_product,
                       t.delivery_id, t.sheet, t.row_no, t.as_of
                from cur_tier t join golden_ent g on g.uscc = t.code::char(18)"""));
        run("alter table golden_tier add primary key (uscc, tier)");
        sql.analyzeIfLarge("golden_tier");
        // Lineage per source row: which row of which feed supplied which attributes (attribute_lineage is its view).
        rows.put("golden_lineage", run("create unlogged table golden_lineage as "
                + GoldenSql.lineageRows(rules.record(), GoldenSql.RECORD_FEEDS, "golden_ent", "0")
                + " union all " + GoldenSql.lineageRows(rules.year(), GoldenSql.YEAR_FEEDS, "golden_year", "g.fiscal_year")
                + " union all select uscc, 0, 'registry', delivery_id, sheet, row_no, as_of, array['tier:' || tier]"
                + " from golden_tier"));
        // No index: both statements reading it hash it whole (a 1 % night's 22k rows as a 1M firms' 2.2M),
        // and at 1M firms building one took 1.9-2.3 s that no plan used.
        sql.analyzeIfLarge("golden_lineage");
    }

    /**
     * Records every value that differs from the firm's golden record before this run. A firm seen for
     * the first time has no history (its created_execution_id says when it appeared); a firm that
     * left the registration feed records its values going to nothing.
     */
    long recordHistory(long execution) {
        run("""
                create unlogged table existing as
                select e.uscc from touched t join enterprise e on e.uscc = t.ecode""");
        run("alter table existing add primary key (uscc)");
        sql.analyzeIfLarge("existing");
        long changes = run("""
                insert into attribute_history (uscc, attribute, fiscal_year, old_value, new_value, job_execution_id)
                select e.uscc, v.attribute, 0, v.old_value, v.new_value, :execution
                from existing x join enterprise e on e.uscc = x.uscc
                left join golden_ent g on g.uscc = e.uscc
                cross join lateral %s
                where (%s) is distinct from (%s) and v.old_value is distinct from v.new_value"""
                .formatted(GoldenSql.changes(rules.record(), "e", "g"), qualified("e", rules.record()),
                        qualified("g", rules.record())), execution);
        changes += run("""
                insert into attribute_history (uscc, attribute, fiscal_year, old_value, new_value, job_execution_id)
                select coalesce(f.uscc, g.uscc), v.attribute, coalesce(f.fiscal_year, g.fiscal_year), v.old_value, v.new_value,
                       :execution
                from (select f.* from enterprise_year_fact f join existing x on x.uscc = f.uscc) f
                full join (select g.* from golden_year g join existing x on x.uscc = g.uscc) g
                  on g.uscc = f.uscc and g.fiscal_year = f.fiscal_year
                cross join lateral %s
                where (%s) is distinct from (%s) and v.old_value is distinct from v.new_value"""
                .formatted(GoldenSql.changes(rules.year(), "f", "g"), qualified("f", rules.year()),
                        qualified("g", rules.year())), execution);
        changes += run("""
                insert into attribute_history (uscc, attribute, fiscal_year, old_value, new_value, job_execution_id)
                select coalesce(h.uscc, g.uscc), 'tier:' || coalesce(h.tier, g.tier), 0, %s, %s, :execution
                from (select h.* from tier_holding h join existing x on x.uscc = h.uscc) h
                full join (select g.* from golden_tier g join existing x on x.uscc = g.uscc) g
                  on g.uscc = h.uscc and g.tier = h.tier
                where (%1$s) is distinct from (%2$s)"""
                .formatted(TIER_SUMMARY.formatted("h"), TIER_SUMMARY.formatted("g")), execution);
        return changes;
    }

    /** Writes the golden records; returns the number of enterprise rows inserted, updated or removed. */
    long write(long execution) {
        // Rows no longer backed by a current staged row go first (year facts before their enterprise).
        run("""
                delete from enterprise_year_fact f using touched t where f.uscc = t.ecode
                  and not exists (select 1 from golden_year g where g.uscc = f.uscc and g.fiscal_year = f.fiscal_year)""");
        run("""
                delete from tier_holding h using touched t where h.uscc = t.ecode
                  and not exists (select 1 from golden_tier g where g.uscc = h.uscc and g.tier = h.tier)""");
        // A lineage row stays as long as the same row supplies the same attributes; any other is replaced.
        run("""
                delete from master_lineage l using touched t where l.uscc = t.ecode
                  and not exists (select 1 from golden_lineage g where g.uscc = l.uscc and %s)""".formatted(SAME_LINEAGE));
        long written = run("""
                delete from enterprise e using touched t where e.uscc = t.ecode
                  and not exists (select 1 from golden_ent g where g.uscc = e.uscc)""");
        String record = columns(rules.record());
        written += run(update("enterprise", "uscc", record, "golden_ent",
                ", updated_execution_id = :execution, updated_at = now()"), execution);
        written += bulk.into("enterprise", rows.get("golden_ent"), () -> run(insert("enterprise", "uscc", record, "golden_ent",
                ", created_execution_id, updated_execution_id, updated_at", ", :execution, :execution, now()"), execution));
        for (String[] table : new String[][] {
                {"enterprise_year_fact", "uscc, fiscal_year", columns(rules.year()), "golden_year"},
                {"tier_holding", "uscc, tier", TIER_COLUMNS, "golden_tier"}}) {
            run(update(table[0], table[1], table[2], table[3], ""));
            bulk.into(table[0], rows.get(table[3]), () -> run(insert(table[0], table[1], table[2], table[3], "", "")));
        }
        bulk.into("master_lineage", rows.get("golden_lineage"), () -> run("""
                insert into master_lineage (%1$s) select %1$s from golden_lineage g
                where not exists (select 1 from master_lineage l where l.uscc = g.uscc and %2$s) order by uscc"""
                .formatted(LINEAGE_ROW, SAME_LINEAGE)));
        return written;
    }

    /**
     * Updates the rows whose golden values differ, as one join: unchanged rows (most of them on an
     * ordinary night) are neither probed one by one nor written. {@code extraUpdates} are further
     * assignments for a changed row.
     */
    private static String update(String table, String key, String columns, String from, String extraUpdates) {
        List<String> names = List.of(columns.split(", "));
        return "update " + table + " o set " + names.stream().map(c -> c + " = n." + c).collect(Collectors.joining(", "))
                + extraUpdates + " from " + from + " n where " + matching(key)
                + " and (" + names.stream().map(c -> "o." + c).collect(Collectors.joining(", ")) + ") is distinct from ("
                + names.stream().map(c -> "n." + c).collect(Collectors.joining(", ")) + ")";
    }

    /** Inserts the golden rows that are new, in key order (cheap appends to the primary key index). */
    private static String insert(String table, String key, String columns, String from, String extraColumns,
                                 String extraValues) {
        List<String> keys = List.of(key.split(", "));
        return "insert into " + table + " (" + key + ", " + columns + extraColumns + ") select "
                + keys.stream().map(k -> "n." + k).collect(Collectors.joining(", ")) + ", "
                + List.of(columns.split(", ")).stream().map(c -> "n." + c).collect(Collectors.joining(", ")) + extraValues
                + " from " + from + " n where not exists (select 1 from " + table + " o where " + matching(key) + ")"
                + " order by " + keys.stream().map(k -> "n." + k).collect(Collectors.joining(", "));
    }

    private static String matching(String key) {
        return List.of(key.split(", ")).stream().map(k -> "o." + k + " = n." + k).collect(Collectors.joining(" and "));
    }

    private static String columns(List<Rule> rules) {
        return rules.stream().map(Rule::column).collect(Collectors.joining(", "));
    }

    private static String qualified(String table, List<Rule> rules) {
        return rules.stream().map(rule -> table + "." + rule.column()).collect(Collectors.joining(", "));
    }

    private long run(String statement) {
        return sql.run(statement);
    }

    private long run(String statement, long execution) {
        return sql.run(statement, Map.of("execution", execution));
    }
}
