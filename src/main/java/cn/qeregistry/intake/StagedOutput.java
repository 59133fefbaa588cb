package cn.qeregistry.intake;

/** What the intake writer receives: a row to stage, or the end of a delivery. */
sealed interface StagedOutput permits StagedOutput.StagedRow, DeliveryEnd {

    /** Staged values in mapping field order, as text in the staging columns' formats. */
    record StagedRow(long deliveryId, String sheet, int rowNo, String[] values) implements StagedOutput {
    }
}
