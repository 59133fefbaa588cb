package cn.qeregistry.report;

import cn.qeregistry.core.Tier;
import cn.qeregistry.exceptions.Region;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The master record, one row per enterprise. Money and the R&D ratio are of fiscal year
 * {@code date.year - 1} (the year the review looks at), blank when that year is not known.
 * Sources summarise the lineage: for each feed, the deliveries the record's attributes came from
 * ({@code market:12; tax:13,14}).
 */
final class MasterReport {

    static final List<Column> COLUMNS = List.of(
            Column.text("uscc", "统一社会信用代码", 21),
            Column.text("name", "企业名称", 32),
            Column.text("region_code", "所属区划代码", 10),
            Column.text("registration_status", "登记状态", 10),
            Column.text("established_on", "成立日期", 12),
            Column.text("industry_code", "行业代码", 10),
            Column.text("tiers", "梯度层级", 30),
            new Column("revenue", "营业收入(元)", Column.Type.MONEY, 18),
            new Column("rd_expense", "研发费用(元)", Column.Type.MONEY, 16),
            new Column("rd_ratio", "研发费用占营业收入比例", Column.Type.RATIO, 10),
            Column.text("tax_credit_grade", "纳税信用级别", 8),
            Column.text("hnte_valid_until", "高新技术企业有效期至", 12),
            Column.text("listing_status", "上市状态", 14),
            Column.text("sources", "数据来源", 30));

    private static final String TIER_ORDER = Arrays.stream(Tier.values()).map(t -> "'" + t.name() + "'")
            .collect(Collectors.joining(",", "array_position(array[", "]::text[], t.tier::text)"));

    long write(Snapshot db, ReportRequest request, TableWriter out, Labels labels) throws Exception {
        out.startSheet(labels.lang() == Lang.ZH ? "企业主数据" : "master", COLUMNS);
        List<Object> params = new ArrayList<>();
        params.add(request.date().getYear() - 1);
        StringBuilder sql = new StringBuilder("""
                select e.uscc, e.name, e.region_code, e.registration_status, e.established_on, e.industry_code,
                       (select string_agg(t.tier, ';' order by %s) from tier_holding t where t.uscc = e.uscc) as tiers,
                       f.revenue, f.rd_expense, round(f.rd_expense / nullif(f.revenue, 0), 4) as rd_ratio,
                       coalesce(f.tax_credit_grade, e.tax_credit_grade) as tax_credit_grade, e.hnte_valid_until,
                       coalesce(f.listing_status, e.listing_status) as listing_status,
                       (select string_agg(s.feed || ':' || s.deliveries, '; ' order by s.feed)
                        from (select l.feed, string_agg(distinct l.delivery_id::text, ',') as deliveries
                              from attribute_lineage l where l.uscc = e.uscc group by l.feed) s) as sources
                from enterprise e
                left join enterprise_year_fact f on f.uscc = e.uscc and f.fiscal_year = ?
                where true""".formatted(TIER_ORDER));
        if (request.region() != null) {
            sql.append(" and e.region_code like ?");
            params.add(Region.likePattern(request.region()));
        }
        if (request.tier() != null) {
            sql.append(" and exists (select 1 from tier_holding t where t.uscc = e.uscc and t.tier = ?)");
            params.add(request.tier().name());
        }
        sql.append(" order by e.uscc");
        return db.stream(sql.toString(), params, rs -> out.row(
                labels.uscc(Cells.text(rs, "uscc")),
                rs.getString("name"),
                Cells.text(rs, "region_code"),
                rs.getString("registration_status"),
                Cells.date(rs, "established_on"),
                rs.getString("industry_code"),
                labels.tiers(rs.getString("tiers")),
                Cells.decimal(rs, "revenue"),
                Cells.decimal(rs, "rd_expense"),
                Cells.decimal(rs, "rd_ratio"),
                rs.getString("tax_credit_grade"),
                Cells.date(rs, "hnte_valid_until"),
                rs.getString("listing_status"),
                rs.getString("sources")));
    }
}
