package cn.qeregistry.intake;

import cn.qeregistry.intake.read.MappedRows;

/** What the intake reader hands on: a data row of a delivery, or the end of a delivery. */
sealed interface IntakeItem permits IntakeItem.DataRow, DeliveryEnd {

    record DataRow(long deliveryId, MappedRows.Row row) implements IntakeItem {
    }
}
