package cn.qeregistry.intake.mapping;

import java.math.BigDecimal;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A feed's layout as declared in {@code mappings/<feed>.yml}: which files belong to it, where its
 * header is, what each column means and how many rejects it tolerates.
 *
 * @param sheetPattern     sheets to read, in workbook order; null: the first visible sheet
 * @param units            unit word in a header, e.g. 万元 → factor to 元
 * @param rejectThreshold  the fraction of rows read that may be rejected before the delivery fails
 */
public record FeedMapping(String feed, Path file, List<String> filePatterns, Pattern sheetPattern, int headerScanRows,
                          List<String> key, BigDecimal rejectThreshold, Set<String> dateForms,
                          Map<String, BigDecimal> units, List<FieldSpec> fields, JdbcExtract jdbc) {

    /** The database extract of a feed: rows of {@code table} above the watermark column's last value. */
    public record JdbcExtract(String table, String watermark, Map<String, String> columns, Map<String, String> units) {
    }

    public boolean accepts(Path file) {
        Path name = file.getFileName();
        for (String pattern : filePatterns) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            if (matcher.matches(name)) {
                return true;
            }
        }
        return false;
    }

    public FieldSpec field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(feed + " has no field " + name));
    }

    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }

    /** The staging table of the feed. */
    public String stagingTable() {
        return "stg_" + feed;
    }
}
