package cn.qeregistry.review;

import cn.qeregistry.review.rules.Num;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
                new RowsByColumn(1) {
                    @Override
                    void row(ResultSet rs, Map<String, Object> values) throws SQLException {
                        firms.put(rs.getString(1).trim(), values);
                    }
                }, (Object) codes);
        Map<String, Map<Integer, Map<String, Object>>> years = new HashMap<>();
        jdbc.query("select " + YEAR_COLUMNS + " from enterprise_year_fact where uscc = any(?::char(18)[]) "
                        + "and fiscal_year between ? and ?",
                new RowsByColumn(2) {
                    @Override
                    void row(ResultSet rs, Map<String, Object> values) throws SQLException {
                        years.computeIfAbsent(rs.getString(1).trim(), u -> new HashMap<>()).put(rs.getInt(2), values);
                    }
                }, codes, lastYear - 2, lastYear);
        Map<String, List<FirmUnderReview.Holding>> holdings = new HashMap<>();
        jdbc.query("select uscc, tier, level, valid_until, recognised_year, delivery_id, row_no from tier_holding "
                        + "where uscc = any(?::char(18)[]) order by uscc, tier",
                rs -> {
                    Map<String, Object> values = new HashMap<>();
                    values.put("tier", rs.getString(2));
                    values.put("level", rs.getString(3));
                    values.put("valid_until", convert(rs.getObject(4)));
                    values.put("recognised_year", convert(rs.getObject(5)));
                    holdings.computeIfAbsent(rs.getString(1).trim(), u -> new ArrayList<>()).add(new FirmUnderReview.Holding(
                            rs.getString(2), rs.getString(3), values, rs.getObject(6, Long.class), rs.getObject(7, Integer.class)));
                }, (Object) codes);
        // master_lineage itself, not the attribute_lineage view over it: one row per source row carries all
        // the attributes it supplied (1/5 of the view's rows at 200k firms), each attribute keyed as the view's row was
        Map<String, Map<String, FirmUnderReview.Source>> lineage = new HashMap<>();
        jdbc.query("select uscc, fiscal_year, feed, delivery_id, sheet, row_no, as_of, attributes from master_lineage "
                        + "where uscc = any(?::char(18)[]) and (fiscal_year = 0 or fiscal_year between ? and ?)",
                rs -> {
                    int fiscalYear = rs.getInt(2);
                    Date asOf = rs.getDate(7);
                    FirmUnderReview.Source source = new FirmUnderReview.Source(rs.getString(3), rs.getObject(4, Long.class),
                            rs.getString(5), rs.getObject(6, Integer.class), asOf == null ? null : asOf.toLocalDate());
                    Map<String, FirmUnderReview.Source> firmLineage = lineage.computeIfAbsent(rs.getString(1).trim(), u -> new HashMap<>());
                    for (String attribute : (String[]) rs.getArray(8).getArray()) {
                        firmLineage.put(FirmUnderReview.lineageKey(attribute, fiscalYear), source);
                    }
                }, codes, lastYear - 2, lastYear);
        List<FirmUnderReview> page = new ArrayList<>(firms.size());
        firms.forEach((uscc, firm) -> page.add(new FirmUnderReview(uscc, firm, years.getOrDefault(uscc, Map.of()),
                holdings.getOrDefault(uscc, List.of()), lineage.getOrDefault(uscc, Map.of()))));
        return new Page(page, codes[codes.length - 1]);
    }

    /** Each row's columns after the first {@code keyColumns} as a map by column label; the labels are read once per query. */
    private abstract static class RowsByColumn implements RowCallbackHandler {

        private final int keyColumns;
        private String[] labels;

        RowsByColumn(int keyColumns) {
            this.keyColumns = keyColumns;
        }

        @Override
        public final void processRow(ResultSet rs) throws SQLException {
            if (labels == null) {
                ResultSetMetaData meta = rs.getMetaData();
                labels = new String[meta.getColumnCount() + 1];
                for (int i = keyColumns + 1; i < labels.length; i++) {
                    labels[i] = meta.getColumnLabel(i);
                }
            }
            Map<String, Object> values = new HashMap<>();
            for (int i = keyColumns + 1; i < labels.length; i++) {
                values.put(labels[i], convert(rs.getObject(i)));
            }
            row(rs, values);
        }

        abstract void row(ResultSet rs, Map<String, Object> values) throws SQLException;
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
