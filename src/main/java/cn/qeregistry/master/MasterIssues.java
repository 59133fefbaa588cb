package cn.qeregistry.master;

import cn.qeregistry.core.Feed;
import cn.qeregistry.master.Survivorship.Rule;
import cn.qeregistry.master.Survivorship.Source;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rewrites the {@code master_issue} rows of the touched codes:
 * <ul>
 *   <li>{@code UNMATCHED}: a feed's record whose code is not registered (no current market row) — one
 *       per code and feed, with a candidate when exactly one registered firm has the same normalised
 *       name in a compatible region; never merged;</li>
 *   <li>{@code CONFLICT} on {@code name}: a feed's current row naming a registered firm differently
 *       from the registration feed after normalisation ({@code master_name_key}) — one per firm and feed;</li>
 *   <li>{@code CONFLICT} on a numeric attribute: a feed's value differing from the winning feed's
 *       beyond the tolerance of the survivorship rules.</li>
 * </ul>
 * Each carries both values and both sources (feed, delivery, sheet, row, value).
 */
final class MasterIssues {

    private static final List<Feed> OTHER_FEEDS = List.of(Feed.TAX, Feed.SCIENCE, Feed.FINANCE, Feed.REGISTRY);
    /** The current rows whose names are compared, at the feed's own key (per year, per tier). */
    private static final Map<Feed, String> NAMED_ROWS = Map.of(Feed.TAX, "cur_tax_year", Feed.SCIENCE, "cur_science",
            Feed.FINANCE, "cur_finance_year", Feed.REGISTRY, "cur_tier");
    private static final String DIVISION = "case when length(c.code) = 18 then substr(c.code, 3, 6) end";

    private final Statements sql;
    private final Survivorship rules;

    MasterIssues(Statements sql, Survivorship rules) {
        this.sql = sql;
        this.rules = rules;
    }

    /** Returns the number of issues written. */
    long rewrite(long execution) {
        sql.run("delete from master_issue where uscc in (select code from touched)");
        sql.run("delete from master_issue where uscc in (select org from touched where org is not null)");
        long written = 0;
        for (Feed feed : OTHER_FEEDS) {
            written += run(unmatched(feed), execution);
            written += run(nameConflicts(feed), execution);
        }
        for (Rule rule : rules.record()) {
            if (rule.comparesFeeds()) {
                written += run(numericConflicts(rule, "golden_ent g", "g", "null", GoldenSql.RECORD_FEEDS), execution);
            }
        }
        for (Rule rule : rules.year()) {
            if (rule.comparesFeeds()) {
                written += run(numericConflicts(rule, "golden_year y join golden_ent g on g.uscc = y.uscc", "y",
                        "y.fiscal_year::text", GoldenSql.YEAR_FEEDS), execution);
            }
        }
        return written;
    }

    private static Found unmatched(Feed feed) {
        // The record's own region: the registry's 市州, else the division inside the code (the registering
        // authority's, possibly the province); the issue is filed under the candidate's region when more precise.
        String own = feed == Feed.REGISTRY ? "c.region_code" : "null";
        String region = "coalesce(" + own + ", " + DIVISION + ")";
        String filed = "coalesce(" + own + ", cand.region_code, " + DIVISION + ")";
        return new Found("category, uscc, name, region_code, feed, field, observed, detail, candidate_uscc, sources", """
                select 'UNMATCHED', c.code, c.name, (%4$s)::char(6), '%1$s', 'uscc', c.uscc,
                       case when length(c.code) = 18 then '统一社会信用代码未在市场监管局企业登记信息中登记'
                            else '组织机构代码未对应任何已登记企业（统一社会信用代码第9–17位）' end
                       || case when cand.uscc is not null
                               then '；名称及区划与已登记企业 ' || cand.uscc || ' 相同，请核实（不自动合并）' else '' end,
                       cand.uscc, jsonb_build_array(%3$s)
                from cur_%1$s c
                left join lateral (
                    select min(e.uscc) as uscc, min(e.region_code) as region_code from enterprise e
                    where master_name_key(e.name) = master_name_key(c.name) and master_same_region(%2$s, e.region_code)
                    having count(*) = 1) cand on true
                where not exists (select 1 from enterprise e where e.uscc = c.code::char(18))"""
                .formatted(feed.code(), region, GoldenSql.source("'" + feed.code() + "'", "c.delivery_id", "c.sheet", "c.row_no", "c.uscc"),
                        filed));
    }

    private static Found nameConflicts(Feed feed) {
        return new Found("category, uscc, name, region_code, feed, field, observed, expected, detail, sources", """
                select distinct on (c.code) 'CONFLICT', g.uscc, market.name, g.region_code, '%1$s', 'name', c.name, market.name,
                       '企业名称与市场监管局登记名称不一致（已忽略全半角、空格差异）', jsonb_build_array(%3$s, %4$s)
                from %2$s c
                join cur_market market on market.code = c.code
                join golden_ent g on g.uscc = c.code::char(18)
                where c.name <> market.name and master_name_key(c.name) <> master_name_key(market.name)
                order by c.code, c.received_at desc, c.delivery_id desc, c.row_no"""
                .formatted(feed.code(), NAMED_ROWS.get(feed),
                        GoldenSql.source("'market'", "market.delivery_id", "market.sheet", "market.row_no", "market.name"),
                        GoldenSql.source("'" + feed.code() + "'", "c.delivery_id", "c.sheet", "c.row_no", "c.name")));
    }

    private Found numericConflicts(Rule rule, String from, String facts, String period, List<Feed> feeds) {
        String column = facts + "." + rule.column();
        String winner = column + "__src";
        String offered = rule.sources().stream().map(Source::feed)
                .map(feed -> "('" + feed.code() + "', " + column + "__" + feed.code() + ", " + facts + "." + feed.code()
                        + "__delivery, " + facts + "." + feed.code() + "__sheet, " + facts + "." + feed.code() + "__row)")
                .collect(Collectors.joining(", "));
        return new Found("category, uscc, name, region_code, feed, field, period, observed, expected, detail, sources", """
                select 'CONFLICT', g.uscc, g.name, g.region_code, v.feed, '%1$s', %2$s, v.value::text, %3$s::text,
                       '数值与优先来源 ' || %4$s || ' 不一致，差异超出容差', jsonb_build_array(%5$s, %6$s)
                from %7$s
                cross join lateral (values %8$s) as v(feed, value, delivery_id, sheet, row_no)
                where v.feed <> %4$s and v.value is not null
                  and abs(v.value - %3$s) > greatest(%9$s::numeric, %10$s::numeric * greatest(abs(v.value), abs(%3$s)))"""
                .formatted(rule.column(), period, column, winner,
                        GoldenSql.source(winner, GoldenSql.lineage(feeds, facts, winner, "delivery"),
                                GoldenSql.lineage(feeds, facts, winner, "sheet"), GoldenSql.lineage(feeds, facts, winner, "row"),
                                column),
                        GoldenSql.source("v.feed", "v.delivery_id", "v.sheet", "v.row_no", "v.value"), from, offered,
                        rules.tolerance().absolute().toPlainString(), rules.tolerance().relative().toPlainString()));
    }

    /** The issues of one kind: the master_issue columns its query yields, in order, and the query. */
    private record Found(String columns, String query) {
    }

    /**
     * Finds the issues by CREATE TABLE AS, which PostgreSQL may run with parallel workers (an INSERT … SELECT
     * it runs on one core), then inserts the few rows found. Such a statement takes no bind parameters:
     * the tolerances are written into the query as numbers.
     */
    private long run(Found found, long execution) {
        sql.run("create unlogged table found_issue (" + found.columns() + ") as " + found.query());
        long written = sql.run("insert into master_issue (" + found.columns() + ", job_execution_id)"
                + " select " + found.columns() + ", :execution from found_issue", Map.of("execution", execution));
        sql.run("drop table found_issue");
        return written;
    }
}
