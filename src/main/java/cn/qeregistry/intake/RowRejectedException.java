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

    RowRejectedException(long deliveryId, MappedRows.Row row, List<Problem> problems) {
        super("row " + row.raw().rowNo() + ": " + problems.get(0).reason(), null, false, false);
        this.deliveryId = deliveryId;
        this.row = row;
        this.problems = problems;
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
