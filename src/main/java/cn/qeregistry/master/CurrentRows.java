package cn.qeregistry.master;

import cn.qeregistry.core.Feed;

/**
 * For every touched code, each feed's current row: from the staged rows of STAGED deliveries (found
 * by credit code or by organisation code), the newest delivery's, the lowest row number on a tie.
 * Temp tables, one row per key, keyed by {@code code} (the touched code):
 * <ul>
 *   <li>{@code cur_market}, {@code cur_science}: per code;</li>
 *   <li>{@code cur_tax_year}, {@code cur_finance_year}: per code and fiscal year; {@code cur_tax},
 *       {@code cur_finance}: the latest fiscal year's row per code;</li>
 *   <li>{@code cur_tier}: per code and tier; {@code cur_registry}: the newest of those per code.</li>
 * </ul>
 * Each carries the staged columns plus {@code received_at} and {@code as_of} (the delivery's period
 * when it is a date, else the day it was received).
 */
final class CurrentRows {

    private static final String NEWEST = "received_at desc, delivery_id desc, row_no";

    private final Statements sql;

    CurrentRows(Statements sql) {
        this.sql = sql;
    }

    void build() {
        sql.run("""
                create unlogged table current_delivery as
                select id, received_at,
                       coalesce(master_period_date(period), (received_at at time zone 'Asia/Shanghai')::date) as as_of
                from delivery where status = 'STAGED'""");
        sql.run("alter table current_delivery add primary key (id)");
        sql.analyzeIfLarge("current_delivery");
        staged(Feed.MARKET, "cur_market", "k.code");
        staged(Feed.SCIENCE, "cur_science", "k.code");
        staged(Feed.TAX, "cur_tax_year", "k.code, s.fiscal_year");
        latest("cur_tax", "cur_tax_year", "fiscal_year desc, " + NEWEST);
        staged(Feed.FINANCE, "cur_finance_year", "k.code, s.fiscal_year");
        latest("cur_finance", "cur_finance_year", "fiscal_year desc, " + NEWEST);
        staged(Feed.REGISTRY, "cur_tier", "k.code, s.tier");
        latest("cur_registry", "cur_tier", NEWEST);
    }

    private void staged(Feed feed, String table, String key) {
        sql.run("create unlogged table " + table + " as"
                + " select distinct on (" + key + ") k.code, s.*, d.received_at, d.as_of"
                + " from touched_key k"
                + " join " + MasterSchema.stagingTable(feed) + " s on s.uscc = k.staged"
                + " join current_delivery d on d.id = s.delivery_id"
                + " order by " + key + ", d.received_at desc, d.id desc, s.row_no");
        index(table);
    }

    private void latest(String table, String from, String order) {
        sql.run("create unlogged table " + table + " as select distinct on (code) * from " + from
                + " order by code, " + order);
        index(table);
    }

    private void index(String table) {
        sql.run("create index on " + table + " (code)");
        sql.analyzeIfLarge(table);
    }
}
