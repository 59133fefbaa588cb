package cn.qeregistry.intake;

import cn.qeregistry.intake.normalise.Problem;
import cn.qeregistry.intake.read.MappedRows;

import java.util.List;

/**
 * A row that fails validation: the step's skip policy skips exactly this, and the reject is kept
 * whole in intake_reject by {@link RejectRecorder}.
 */
public class RowRejectedException extends RuntimeException {

    private final long deliveryId;
    private final transient MappedRows.Row row;
    private final transient List<Problem> problems;
    private final String rowKey;

    RowRejectedException(long deliveryId, MappedRows.Row row, List<Problem> problems, String rowKey) {
        super("row " + row.raw().rowNo() + ": " + problems.get(0).reason(), null, false, false);
        this.deliveryId = deliveryId;
        this.row = row;
        this.problems = problems;
        this.rowKey = rowKey;
    }

    /** The key as it would be staged (fields joined by |), or null when a key field is itself bad. */
    String rowKey() {
        return rowKey;
    }

    long deliveryId() {
        return deliveryId;
    }

    MappedRows.Row row() {
        return row;
    }

    List<Problem> problems() {
        return problems;
    }
}
