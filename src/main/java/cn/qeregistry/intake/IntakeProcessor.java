package cn.qeregistry.intake;

import cn.qeregistry.intake.normalise.RowNormaliser;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Normalises and validates each data row: a good row becomes a staged row, a bad one a
 * {@link RowRejectedException} (skipped by the step and recorded whole). Delivery ends pass through.
 */
class IntakeProcessor implements ItemProcessor<IntakeItem, StagedOutput> {

    private final RowNormaliser normaliser;
    private final InboxReader reader;
    private final int[] keyFields;

    IntakeProcessor(RowNormaliser normaliser, InboxReader reader, int[] keyFields) {
        this.normaliser = normaliser;
        this.reader = reader;
        this.keyFields = keyFields;
    }

    @Override
    public StagedOutput process(IntakeItem item) {
        if (item instanceof DeliveryEnd end) {
            return end;
        }
        IntakeItem.DataRow data = (IntakeItem.DataRow) item;
        if (reader.failedInThisRun(data.deliveryId())) {
            return null; // the file failed later in this chunk: none of it is staged
        }
        RowNormaliser.Result result = normaliser.normalise(data.row().raw(), data.row().layout());
        if (!result.ok()) {
            throw new RowRejectedException(data.deliveryId(), data.row(), result.problems(), key(result.values()));
        }
        return new StagedOutput.StagedRow(data.deliveryId(), data.row().raw().sheet(), data.row().raw().rowNo(), result.values());
    }

    private String key(String[] values) {
        StringBuilder key = new StringBuilder();
        for (int field : keyFields) {
            if (values[field] == null) {
                return null;
            }
            key.append(key.isEmpty() ? "" : "|").append(values[field]);
        }
        return key.toString();
    }
}
