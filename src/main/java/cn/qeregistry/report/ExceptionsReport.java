package cn.qeregistry.report;

import cn.qeregistry.exceptions.ExceptionCategory;
import cn.qeregistry.exceptions.ExceptionFilter;
import cn.qeregistry.exceptions.Region;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The exception register as a report: in xlsx a summary sheet (items per 市州 and category) and
 * one sheet per category; in CSV one table. Columns as the product contract fixes them.
 */
final class ExceptionsReport {

    static final List<Column> COLUMNS = List.of(
            new Column("exception_id", "异常编号", Column.Type.INTEGER, 10),
            Column.text("category", "异常类别", 14),
            Column.text("severity", "严重程度", 8),
            Column.text("uscc", "统一社会信用代码", 21),
            Column.text("name", "企业名称", 32),
            Column.text("region_code", "所属区划代码", 10),
            Column.text("feed", "数据来源", 14),
            Column.text("rule_id", "复核规则", 26),
            Column.text("field", "字段", 18),
            Column.text("observed", "实际值", 18),
            Column.text("expected", "期望值", 18),
            Column.text("detail", "说明", 50),
            Column.text("first_seen", "首次发现时间", 20),
            Column.text("last_seen", "最近发现时间", 20),
            Column.text("status", "处理状态", 10),
            Column.text("note", "处理备注", 30));

    private static final String ORDER = Arrays.stream(ExceptionCategory.values()).map(c -> "'" + c.name() + "'")
            .collect(Collectors.joining(",", "array_position(array[", "]::text[], e.category::text)"));

    private final Prefectures prefectures;

    ExceptionsReport(Prefectures prefectures) {
        this.prefectures = prefectures;
    }

    /**
     * A writer for the items of one region (a division code; null = every item the filter keeps). It keeps
     * the region's code prefix, worked out once: per row and target it was 1.2M checked conversions a night at 1M firms.
     */
    static final class Target {

        private final TableWriter out;
        private final String prefix;

        Target(String region, TableWriter out) {
            this.out = out;
            this.prefix = region == null ? null : Region.prefix(region);
        }

        TableWriter out() {
            return out;
        }

        boolean takes(String regionCode) {
            // as ExceptionFilter's "region_code like prefix%": the prefix is digits, so padding cannot matter
            return prefix == null || regionCode != null && regionCode.startsWith(prefix);
        }
    }

    long write(Snapshot db, ExceptionFilter filter, TableWriter out, Labels labels) throws Exception {
        return write(db, filter, List.of(new Target(null, out)), labels)[0];
    }

    /**
     * The report for several regions in one pass over the register (one query): each row goes to
     * every target whose region covers it, so each gets what {@code filter.withRegion(region)} alone
     * would give it. Returns the rows per target.
     *
     * <p>Workbooks get the summary sheet and all category sheets at once, the rows in id order, each
     * into its category's sheet, and the summary's counts made of those same rows at the end: no sort
     * of the register and no second query to wait for before the first row. A CSV is one table in
     * category order.
     */
    long[] write(Snapshot db, ExceptionFilter filter, List<Target> targets, Labels labels) throws Exception {
        List<ExceptionCategory> categories = filter.category() == null ? List.of(ExceptionCategory.values()) : List.of(filter.category());
        boolean sheets = targets.get(0).out().hasSheets();
        if (targets.stream().anyMatch(t -> t.out().hasSheets() != sheets)) {
            throw new IllegalArgumentException("the targets of one pass are all workbooks or all tables");
        }
        List<Summary> summaries = new ArrayList<>();
        for (Target target : targets) {
            if (sheets) {
                target.out().startSheet(labels.lang() == Lang.ZH ? "汇总" : "summary", summaryColumns(categories));
                summaries.add(new Summary(categories.size()));
            }
            for (ExceptionCategory category : sheets ? categories : categories.subList(0, 1)) {
                target.out().startSheet(sheetName(category, labels), COLUMNS);
            }
        }
        List<Object> params = new ArrayList<>();
        String sql = "select e.id, e.category, e.severity, e.uscc, e.name, e.region_code, e.feed, e.rule_id, e.field,"
                + " e.observed, e.expected, e.detail, e.first_seen, e.last_seen, e.status, e.note from exception_item e"
                + filter.where("e", params) + " order by " + (sheets ? "e.id" : ORDER + ", e.id");
        long[] rows = new long[targets.size()];
        DateTimeColumn firstSeen = new DateTimeColumn("first_seen");
        DateTimeColumn lastSeen = new DateTimeColumn("last_seen");
        Map<String, String> prefectureOf = new HashMap<>();
        db.stream(sql, params, rs -> {
            String regionCode = rs.getString("region_code");
            ExceptionCategory category = ExceptionCategory.valueOf(rs.getString("category"));
            int index = categories.indexOf(category);
            String prefecture = !sheets ? null : regionCode == null ? "" : prefectureOf.computeIfAbsent(regionCode, ExceptionsReport::prefecture);
            Object[] row = null;
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get(i);
                if (!target.takes(regionCode)) {
                    continue;
                }
                if (row == null) {
                    row = row(rs, category, labels, firstSeen, lastSeen);
                }
                if (sheets) {
                    target.out().rowIn(1 + index, row);
                    summaries.get(i).count(prefecture, index);
                } else {
                    target.out().row(row);
                }
                rows[i]++;
            }
        });
        for (int i = 0; i < summaries.size(); i++) {
            summaries.get(i).write(targets.get(i).out(), labels);
        }
        return rows;
    }

    /** One item in the contract's columns; writers only read it, so several targets share it. */
    private static Object[] row(ResultSet rs, ExceptionCategory category, Labels labels, DateTimeColumn firstSeen,
                                DateTimeColumn lastSeen) throws SQLException {
        return new Object[] {rs.getLong("id"),
                labels.category(category.name()),
                labels.severity(rs.getString("severity")),
                labels.uscc(rs.getString("uscc")),
                rs.getString("name"),
                Cells.text(rs, "region_code"),
                labels.feed(rs.getString("feed")),
                rs.getString("rule_id"),
                labels.tier(Cells.text(rs, "field")),
                rs.getString("observed"),
                rs.getString("expected"),
                rs.getString("detail"),
                firstSeen.value(rs),
                lastSeen.value(rs),
                labels.status(rs.getString("status")),
                rs.getString("note")};
    }

    private static String sheetName(ExceptionCategory category, Labels labels) {
        return labels.category(category.name());
    }

    /**
     * The 市州 code a region code (as read from the char(6) column) counts under: a county-level 4290
     * code is its own, any other code its first four digits and "00" (items without a code count
     * under "").
     */
    static String prefecture(String regionCode) {
        String code = regionCode.stripTrailing();
        return (code.startsWith("4290") ? code : code.substring(0, Math.min(4, code.length())) + "00").strip();
    }

    private static List<Column> summaryColumns(List<ExceptionCategory> categories) {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.text("prefecture_code", "市州代码", 10));
        columns.add(Column.text("prefecture", "市州", 16));
        categories.forEach(c -> columns.add(new Column(c.name(), c.chinese(), Column.Type.INTEGER, 10)));
        columns.add(new Column("total", "合计", Column.Type.INTEGER, 10));
        return columns;
    }

    /** Counts per 市州 (rows) and category (columns) of one workbook, with totals, items without a region last. */
    private final class Summary {

        private final int categories;
        private final Map<String, long[]> counts = new HashMap<>();

        Summary(int categories) {
            this.categories = categories;
        }

        void count(String prefecture, int category) {
            counts.computeIfAbsent(prefecture, p -> new long[categories])[category]++;
        }

        /** Into the workbook's first sheet. */
        void write(TableWriter out, Labels labels) throws IOException {
            boolean zh = labels.lang() == Lang.ZH;
            // by code, the items without a region ("") last
            Map<String, long[]> byCode = new TreeMap<>(Comparator.comparing(String::isEmpty).thenComparing(Comparator.naturalOrder()));
            byCode.putAll(counts);
            long[] totals = new long[categories];
            for (Map.Entry<String, long[]> entry : byCode.entrySet()) {
                String code = entry.getKey();
                String name = code.isEmpty() ? (zh ? "未知区划" : "unknown") : prefectures.name(code);
                out.rowIn(0, counted(code.isEmpty() ? null : code, name, entry.getValue(), totals));
            }
            out.rowIn(0, counted(null, zh ? "合计" : "total", totals, null));
        }
    }

    private static Object[] counted(String code, String name, long[] values, long[] totals) {
        Object[] row = new Object[values.length + 3];
        row[0] = code;
        row[1] = name;
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            row[i + 2] = values[i];
            sum += values[i];
            if (totals != null) {
                totals[i] += values[i];
            }
        }
        row[row.length - 1] = sum;
        return row;
    }
}
