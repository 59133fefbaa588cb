package cn.qeregistry.intake;

import java.nio.file.Path;

/**
 * All rows of a delivery have been read: the writer settles it in the same transaction as its last
 * rows (duplicates, counts, threshold, supersession, watermark).
 *
 * @param inboxFile  the inbox copy to remove once committed (null for an extract)
 * @param watermark  the extract's new watermark (null for a file)
 */
record DeliveryEnd(long deliveryId, long rowsRead, Path inboxFile, String watermarkSource, String watermark)
        implements IntakeItem, StagedOutput {
}
