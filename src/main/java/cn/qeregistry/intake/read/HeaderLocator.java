package cn.qeregistry.intake.read;

import cn.qeregistry.intake.mapping.FeedMapping;
import cn.qeregistry.intake.mapping.FieldSpec;
import cn.qeregistry.intake.mapping.FieldType;
import cn.qeregistry.intake.normalise.Text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds a sheet's header row among its first rows (title rows above it are normal): the first row
 * naming every field of the mapping. Headers are compared compacted, with a unit in brackets at
 * the end ({@code 营业收入(万元)}) split off and kept as the column's factor to 元.
 */
public final class HeaderLocator {

    private final FeedMapping mapping;

    public HeaderLocator(FeedMapping mapping) {
        this.mapping = mapping;
    }

    /**
     * The layout if {@code row} is the header row, else null. A header row naming a field twice is
     * refused: which column the department meant cannot be guessed.
     */
    public ColumnLayout tryHeader(String fileName, RawRow row) {
        Match match = match(row);
        if (!match.missing.isEmpty()) {
            return null;
        }
        if (!match.repeated.isEmpty()) {
            throw new BadFileException(fileName + (row.sheet() == null ? "" : ": sheet \"" + row.sheet() + "\"") + " header row "
                    + row.rowNo() + " names " + String.join("; ", match.repeated) + " — which column holds the data is ambiguous; "
                    + "rename or remove the extra column");
        }
        return match.layout(row);
    }

    /** Why none of the scanned rows is the header, naming the field missing from the best candidate. */
    public BadFileException notFound(String fileName, String sheet, List<RawRow> scanned) {
        Match best = null;
        RawRow bestRow = null;
        for (RawRow row : scanned) {
            Match match = match(row);
            if (best == null || match.found > best.found) {
                best = match;
                bestRow = row;
            }
        }
        String where = fileName + (sheet == null ? "" : ": sheet \"" + sheet + "\"");
        if (best == null) {
            return new BadFileException(where + " has no rows, so no header");
        }
        FieldSpec missing = best.missing.get(0);
        List<String> found = Arrays.stream(bestRow.cells()).filter(c -> !Text.isBlank(c)).map(Text::clean).toList();
        return new BadFileException(where + " has no column for " + missing.headers().get(0) + " (field " + missing.name()
                + "; accepted headers: " + String.join(" | ", missing.headers()) + ")"
                + (best.missing.size() > 1 ? " nor for " + best.missing.subList(1, best.missing.size()).stream()
                        .map(f -> f.headers().get(0)).toList() : "")
                + " — headers found in row " + bestRow.rowNo() + ": " + String.join(", ", found)
                + " (searched the first " + mapping.headerScanRows() + " rows)");
    }

    private Match match(RawRow row) {
        List<FieldSpec> fields = mapping.fields();
        int[] columns = new int[fields.size()];
        BigDecimal[] factors = new BigDecimal[fields.size()];
        List<String> repeated = new ArrayList<>();
        Arrays.fill(columns, -1);
        String[] cells = row.cells();
        for (int c = 0; c < cells.length; c++) {
            if (Text.isBlank(cells[c])) {
                continue;
            }
            String header = Text.compact(cells[c]);
            String unit = null;
            int open = header.lastIndexOf('(');
            if (header.endsWith(")") && open > 0) {
                String inside = header.substring(open + 1, header.length() - 1);
                if (mapping.units().containsKey(inside)) {
                    unit = inside;
                    header = header.substring(0, open);
                }
            }
            for (int f = 0; f < fields.size(); f++) {
                if (columns[f] >= 0 && fields.get(f).headers().contains(header)) {
                    repeated.add(fields.get(f).headers().get(0) + " twice (columns " + letters(columns[f]) + " and " + letters(c) + ")");
                    break;
                }
                if (columns[f] < 0 && fields.get(f).headers().contains(header)) {
                    columns[f] = c;
                    FieldSpec spec = fields.get(f);
                    if (spec.type() == FieldType.MONEY) {
                        factors[f] = unit != null ? mapping.units().get(unit) : spec.unit();
                    }
                    break;
                }
            }
        }
        Match match = new Match(columns, factors);
        match.repeated.addAll(repeated);
        for (int f = 0; f < fields.size(); f++) {
            if (columns[f] < 0) {
                match.missing.add(fields.get(f));
            } else {
                match.found++;
            }
        }
        return match;
    }

    /** Spreadsheet column letters of a 0-based index: 0 → A, 27 → AB. */
    public static String letters(int column) {
        StringBuilder name = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            name.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return name.toString();
    }

    private static final class Match {
        final int[] columns;
        final BigDecimal[] factors;
        final List<FieldSpec> missing = new ArrayList<>();
        final List<String> repeated = new ArrayList<>();
        int found;

        Match(int[] columns, BigDecimal[] factors) {
            this.columns = columns;
            this.factors = factors;
        }

        ColumnLayout layout(RawRow row) {
            // as written (trimmed), so a reject names the column the department sees
            List<String> headers = Arrays.stream(row.cells()).map(c -> c == null ? "" : c.strip()).toList();
            return new ColumnLayout(row.sheet(), row.rowNo(), columns, factors, headers);
        }
    }
}
