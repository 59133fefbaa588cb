package cn.qeregistry.intake;

import cn.qeregistry.core.CreditCode;
import cn.qeregistry.intake.normalise.CellFaults;
import cn.qeregistry.intake.normalise.Problem;
import cn.qeregistry.intake.read.ColumnLayout;
import cn.qeregistry.intake.read.HeaderLocator;
import cn.qeregistry.intake.read.RawRow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rejected rows, kept whole: every cell as read keyed by its header, and every problem found.
 *
 * <p>Inside a transaction the rows are held back and inserted in one JDBC batch — by {@link #flush()}
 * (the staging writer calls it before it settles a delivery) or, at the latest, just before the
 * transaction commits — so they commit or roll back with their chunk as before, but a chunk with
 * rejects no longer pays one database round trip per rejected row (2–3 ms each on a busy machine).
 */
@Component
class RejectStore {

    private static final String INSERT = """
            insert into intake_reject (delivery_id, feed, category, uscc, sheet, row_no, column_name, value, reason, rule, problems,
                                       raw_cells, row_key)
            values (?, ?, 'INTAKE_REJECT', ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""";

    private final JdbcTemplate jdbc;

    RejectStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void reject(String feed, long deliveryId, RawRow row, ColumnLayout layout, int usccField, List<Problem> problems,
                String rowKey) {
        Problem first = problems.get(0);
        List<Map<String, String>> all = new ArrayList<>();
        for (Problem p : problems) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("field", p.field());
            entry.put("column", p.column());
            entry.put("value", p.value());
            entry.put("rule", p.rule());
            entry.put("reason", p.reason());
            all.add(entry);
        }
        String uscc = usccField < 0 ? null : CellFaults.printable(CreditCode.normalise(row.cell(layout.columns()[usccField])));
        if (uscc != null && (uscc.isEmpty() || uscc.length() > 64)) {
            uscc = uscc.isEmpty() ? null : uscc.substring(0, 64);
        }
        Object[] values = {deliveryId, feed, uscc, row.sheet(), row.rowNo(), first.column(), CellFaults.printable(first.value()),
                CellFaults.printable(first.reason()), first.rule(), Json.array(all), Json.object(rawCells(row, layout)), rowKey};
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.update(INSERT, values);
            return;
        }
        pending().add(values);
    }

    /** Inserts the rejects held back in the current transaction. */
    void flush() {
        if (TransactionSynchronizationManager.getResource(this) instanceof Pending pending) {
            pending.insertAll();
        }
    }

    private List<Object[]> pending() {
        if (TransactionSynchronizationManager.getResource(this) instanceof Pending pending) {
            return pending.rows;
        }
        Pending pending = new Pending();
        TransactionSynchronizationManager.bindResource(this, pending);
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending.rows;
    }

    /** The rejects of one transaction not yet inserted; dropped with it when it rolls back. */
    private final class Pending implements TransactionSynchronization {
        final List<Object[]> rows = new ArrayList<>();

        void insertAll() {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(INSERT, rows);
                rows.clear();
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            insertAll();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(RejectStore.this);
        }
    }

    /** The row's cells keyed by the header above them (a repeated or missing header gets its column letter). */
    static Map<String, String> rawCells(RawRow row, ColumnLayout layout) {
        Map<String, String> cells = new LinkedHashMap<>();
        int width = Math.max(row.cells().length, layout.headers().size());
        for (int c = 0; c < width; c++) {
            String header = c < layout.headers().size() ? layout.headers().get(c) : "";
            String key = header.isEmpty() || cells.containsKey(header) ? HeaderLocator.letters(c) + (header.isEmpty() ? "" : " " + header) : header;
            cells.put(key, row.cell(c));
        }
        return cells;
    }
}
