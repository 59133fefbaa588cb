package cn.qeregistry.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one firm (slot i of the province) contributes: its rows in every feed file, the
 * exceptions its defects must raise, and, for a registered tier holder, the facts its review
 * truth is computed from. Ghost rows (records of unregistered firms) travel in their slot too.
 */
final class Firm {

    final long index;
    final String code;
    final List<SourceRow> market = new ArrayList<>(2);
    /** Tax rows per fiscal year, index 0 = Y-2 … 2 = Y. */
    final List<List<SourceRow>> tax = List.of(new ArrayList<>(2), new ArrayList<>(2), new ArrayList<>(2));
    final List<SourceRow> science = new ArrayList<>(2);
    final List<SourceRow> finance = new ArrayList<>(2);
    /** Rows of the exchange table extract (fiscal year Y), already as CSV fields. */
    final List<String[]> exchange = new ArrayList<>(1);
    final List<SourceRow> registry = new ArrayList<>(2);
    final List<ExpectedException> exceptions = new ArrayList<>(2);
    /** Non-null only for a registered firm with at least one tier holding. */
    ReviewFacts reviewFacts;

    Firm(long index, String code) {
        this.index = index;
        this.code = code;
    }

    int scienceRowCount() {
        int rows = 0;
        for (SourceRow row : science) {
            rows += row.blankBefore() ? 2 : 1;
        }
        return rows;
    }
}
