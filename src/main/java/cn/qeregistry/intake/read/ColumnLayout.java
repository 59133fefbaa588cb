package cn.qeregistry.intake.read;

import java.math.BigDecimal;
import java.util.List;

/**
 * Where each field of a feed sits in one sheet: found from its header row.
 *
 * @param columns  per mapping field (in mapping order), the 0-based column
 * @param factors  per mapping field, the factor to 元 (money fields) or null
 * @param headers  the header row's cells as written (for reject evidence), by column
 */
public record ColumnLayout(String sheet, int headerRowNo, int[] columns, BigDecimal[] factors, List<String> headers) {

    public String headerOfField(int field) {
        int column = columns[field];
        return column < headers.size() ? headers.get(column) : null;
    }
}
