package cn.qeregistry.review;

import cn.qeregistry.review.rules.Num;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tier holders page by page in credit-code order (keyset paging: "after code X, the next N"),
 * so a run holds one page in memory however large the province, and a restart resumes after the
 * last code committed. Only registered firms (rows of enterprise) are reviewed.
 */
@Component
class FirmPages {

    private static final String FIRM_COLUMNS = "uscc, registration_status, established_on, industry_code, region_code, "
            + "abnormal_operations, serious_dishonest, hnte_valid_until, class1_ip, invention_patents, rd_staff, "
            + "total_staff, provincial_rd_centre, listing_status";
    private static final String YEAR_COLUMNS = "uscc, fiscal_year, revenue, main_business_revenue, rd_expense, "
            + "total_assets, total_liabilities, tax_paid, tax_credit_grade, equity_financing";

    private final JdbcTemplate jdbc;

    FirmPages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One page: the registered firms among the next holders, and the last holder code read (null at the end). */
    record Page(List<FirmUnderReview> firms, String last) {
    }

    /**
     * The next {@code size} credit codes of tier_holding after {@code lastUscc}, with their firms. Driven
     * by tier_holding (thousands of rows), not by enterprise (millions); holders that match no registered
     * firm are passed over.
     */
    Page after(String lastUscc, int size, int lastYear) {
        return between(lastUscc, null, size, lastYear);
    }

    /** As {@link #after}, but only holders up to {@code upTo} inclusive (null: no upper bound): one partition's key range. */
    Page between(String lastUscc, String upTo, int size, int lastYear) {
        List<String> holders = upTo == null
                ? jdbc.queryForList("select distinct uscc from tier_holding where uscc > ? order by uscc limit ?",
                        String.class, lastUscc, size)
                : jdbc.queryForList("select distinct uscc from tier_holding where uscc > ? and uscc <= ? order by uscc limit ?",
                        String.class, lastUscc, upTo, size);
        if (holders.isEmpty()) {
            return new Page(List.of(), null);
        }
        String[] codes = holders.stream().map(String::trim).toArray(String[]::new);
        Map<String, Map<String, Object>> firms = new LinkedHashMap<>();
        jdbc.query("select " + FIRM_COLUMNS + " from enterprise where uscc = any(?::char(18)[]) order by uscc",
                rs -> {
                    firms.put(rs.getString("uscc").trim(), values(rs, "uscc"));
                }, (Object) codes);
        Map<String, Map<Integer, Map<String, Object>>> years = new HashMap<>();
        jdbc.query("select " + YEAR_COLUMNS + " from enterprise_year_fact where uscc = any(?::char(18)[]) "
                        + "and fiscal_year between ? and ?",
                rs -> {
                    years.computeIfAbsent(rs.getString("uscc").trim(), u -> new HashMap<>())
                            .put(rs.getInt("fiscal_year"), values(rs, "uscc", "fiscal_year"));
                }, codes, lastYear - 2, lastYear);
        Map<String, List<FirmUnderReview.Holding>> holdings = new HashMap<>();
        jdbc.query("select uscc, tier, level, valid_until, recognised_year, delivery_id, row_no from tier_holding "
                        + "where uscc = any(?::char(18)[]) order by uscc, tier",
                rs -> {
                    Map<String, Object> values = new HashMap<>();
                    values.put("tier", rs.getString("tier"));
                    values.put("level", rs.getString("level"));
                    values.put("valid_until", convert(rs.getObject("valid_until")));
                    values.put("recognised_year", convert(rs.getObject("recognised_year")));
                    holdings.computeIfAbsent(rs.getString("uscc").trim(), u -> new ArrayList<>()).add(new FirmUnderReview.Holding(
                            rs.getString("tier"), rs.getString("level"), values,
                            rs.getObject("delivery_id", Long.class), rs.getObject("row_no", Integer.class)));
                }, (Object) codes);
        Map<String, Map<String, FirmUnderReview.Source>> lineage = new HashMap<>();
        jdbc.query("select uscc, attribute, fiscal_year, feed, delivery_id, sheet, row_no, as_of from attribute_lineage "
                        + "where uscc = any(?::char(18)[]) and (fiscal_year = 0 or fiscal_year between ? and ?)",
                rs -> {
                    Date asOf = rs.getDate("as_of");
                    lineage.computeIfAbsent(rs.getString("uscc").trim(), u -> new HashMap<>()).put(
                            FirmUnderReview.lineageKey(rs.getString("attribute"), rs.getInt("fiscal_year")),
                            new FirmUnderReview.Source(rs.getString("feed"), rs.getObject("delivery_id", Long.class),
                                    rs.getString("sheet"), rs.getObject("row_no", Integer.class),
                                    asOf == null ? null : asOf.toLocalDate()));
                }, codes, lastYear - 2, lastYear);
        List<FirmUnderReview> page = new ArrayList<>(firms.size());
        firms.forEach((uscc, firm) -> page.add(new FirmUnderReview(uscc, firm, years.getOrDefault(uscc, Map.of()),
                holdings.getOrDefault(uscc, List.of()), lineage.getOrDefault(uscc, Map.of()))));
        return new Page(page, codes[codes.length - 1]);
    }

    private static Map<String, Object> values(ResultSet rs, String... keyColumns) throws SQLException {
        List<String> keys = List.of(keyColumns);
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> values = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String column = meta.getColumnLabel(i);
            if (!keys.contains(column)) {
                values.put(column, convert(rs.getObject(i)));
            }
        }
        return values;
    }

    /** Database values as the rule language sees them: numbers exact, dates as LocalDate, text trimmed. */
    private static Object convert(Object value) {
        if (value instanceof BigDecimal d) {
            return Num.of(d);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return Num.of(((Number) value).longValue());
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        if (value instanceof String s) {
            String trimmed = s.trim();
            return trimmed.isEmpty() ? null : trimmed;
        }
        return value;
    }
}
