package cn.qeregistry.master;

import cn.qeregistry.core.Feed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The firms whose inputs changed since the master step last ran, collected in the working table
 * {@code touched(code, org, ecode)}: every credit code carried by a delivery that became STAGED or
 * stopped being STAGED (superseded) since then, old 9-character organisation codes resolved to the
 * registered firm (positions 9–17 of its credit code) when there is one. When the survivorship rules
 * changed, every firm is touched once.
 */
final class ChangedFirms {

    private final Statements sql;

    ChangedFirms(Statements sql) {
        this.sql = sql;
    }

    /** Whether the golden records were built with other rules than {@code digest} (or never built). */
    boolean rulesChanged(String digest) {
        return sql.single("select count(*) from master_state where survivorship_digest = :digest", Map.of("digest", digest),
                Long.class) == 0;
    }

    /**
     * Fills {@code touched} and {@code touched_key}; returns the number of codes touched. The tables are
     * built whole and indexed afterwards (at 1M firms, inserting into indexed tables code by code
     * took 22 s of the step).
     */
    long collect(boolean everyFirm) {
        sql.run("""
                create unlogged table changed_delivery as
                select d.id, d.feed, d.status from delivery d left join master_delivery_taken t on t.delivery_id = d.id
                where (d.status = 'STAGED' and (t.delivery_id is null or t.status <> 'STAGED'))
                   or (d.status <> 'STAGED' and t.status = 'STAGED')""");
        List<ChangedDelivery> deliveries = sql.rows("select id, feed, status from changed_delivery order by id", Map.of(),
                (rs, n) -> new ChangedDelivery(rs.getLong(1), Feed.fromCode(rs.getString(2)).orElseThrow(), rs.getString(3)));
        // One statement, one grouping, no index: built whole, the codes are only ever scanned. Each code says
        // whether a market row of this run registers it (the master holds every firm registered as of the
        // last run), which decides below whether it owns its organisation code.
        List<String> parts = new ArrayList<>();
        String registers = idsIn(deliveries, d -> d.feed() == Feed.MARKET && d.status().equals("STAGED"));
        for (Feed feed : Feed.values()) {
            String registering = feed == Feed.MARKET && registers != null ? "s.delivery_id = any(" + registers + ")" : "false";
            String from = "select s.uscc, " + registering + " from " + MasterSchema.stagingTable(feed) + " s ";
            // every firm: all staged rows (which include the changed staged deliveries) and the superseded ones
            String changed = idsIn(deliveries, d -> d.feed() == feed && !(everyFirm && d.status().equals("STAGED")));
            if (changed != null) {
                parts.add(from + "where s.delivery_id = any(" + changed + ")");
            }
            if (everyFirm) {
                parts.add(from + "join delivery d on d.id = s.delivery_id and d.status = 'STAGED'");
            }
        }
        if (everyFirm) {
            parts.add("select uscc::varchar, false from enterprise");
            parts.add("select uscc, false from master_issue where length(uscc) <= 18");
        }
        sql.run(parts.isEmpty()
                ? "create unlogged table touched_raw (code varchar(18), registers boolean)"
                : "create unlogged table touched_raw as select uscc::varchar(18) as code, bool_or(registers) as registers from ("
                        + String.join(" union all ", parts) + ") c (uscc, registers) group by 1");
        sql.analyzeIfLarge("touched_raw");
        // Only a registered firm owns its organisation code: one in the master already, or one registering now.
        sql.run("""
                create unlogged table touched as
                select r.code, (case when e.uscc is not null or r.registers then substr(r.code, 9, 9) end)::varchar(9) as org,
                       r.code::char(18) as ecode
                from touched_raw r
                left join enterprise e on e.uscc = r.code::char(18)
                where length(r.code) = 18""");
        sql.run("alter table touched add primary key (code)");
        sql.run("create index on touched (org)");
        sql.analyzeIfLarge("touched");
        // An organisation code names the registered firm holding it: one already in the master, or one
        // registering in this very run (so among the touched codes).
        sql.run("""
                insert into touched (code, org, ecode)
                select coalesce(firm, code), case when firm is not null then substr(firm, 9, 9) end, firm
                from (select r.code, coalesce(
                          (select min(e.uscc) from enterprise e where substr(e.uscc, 9, 9) = r.code),
                          (select min(n.code) from touched n where n.org = r.code)) as firm
                      from touched_raw r where length(r.code) <> 18) resolved
                on conflict (code) do nothing""");
        sql.analyzeIfLarge("touched");
        sql.run("""
                create unlogged table touched_key as
                select code, code as staged from touched
                union all
                select code, org from touched where org is not null""");
        sql.analyzeIfLarge("touched_key");
        return sql.single("select count(*) from touched", Map.of(), Long.class);
    }

    /**
     * Remembers the changed deliveries (in the status they had when this run began) as reflected in the
     * golden records, and the rules they were built with. A delivery staged while the step ran is
     * taken up by the next run.
     */
    void markTaken(long execution, String digest) {
        sql.run("""
                insert into master_delivery_taken (delivery_id, feed, status, job_execution_id)
                select id, feed, status, :execution from changed_delivery
                on conflict (delivery_id) do update set status = excluded.status, job_execution_id = excluded.job_execution_id,
                    taken_at = now()""", Map.of("execution", execution));
        sql.run("""
                insert into master_state (id, survivorship_digest, job_execution_id) values (1, :digest, :execution)
                on conflict (id) do update set survivorship_digest = excluded.survivorship_digest,
                    job_execution_id = excluded.job_execution_id, updated_at = now()
                where master_state.survivorship_digest <> excluded.survivorship_digest""",
                Map.of("digest", digest, "execution", execution));
    }

    /** A delivery that changed since the last run, as of this run's start. */
    private record ChangedDelivery(long id, Feed feed, String status) {
    }

    /**
     * The ids of the changed deliveries that {@code taken} selects as an array literal, or null when there
     * are none. Written into the statement: joined to the working table instead, the planner (whose
     * statistics of a staging table predate a small delivery) expected every row of stg_market to match
     * and scanned all 1M of them on a 1 % night (0.4 s instead of an index probe).
     */
    private static String idsIn(List<ChangedDelivery> deliveries, Predicate<ChangedDelivery> taken) {
        String ids = deliveries.stream().filter(taken).map(d -> String.valueOf(d.id())).collect(Collectors.joining(","));
        return ids.isEmpty() ? null : "'{" + ids + "}'::bigint[]";
    }
}
