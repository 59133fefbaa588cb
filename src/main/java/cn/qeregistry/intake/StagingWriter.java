package cn.qeregistry.intake;

import cn.qeregistry.intake.mapping.FeedMapping;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Stages a chunk's rows with COPY, then settles each delivery that ended in the chunk, all in the
 * chunk's transaction: duplicate keys, counts, the feed's reject threshold, supersession of older
 * deliveries of the same period, the extract watermark; the inbox copy goes after the commit.
 */
class StagingWriter implements ItemWriter<StagedOutput> {

    private final FeedMapping mapping;
    private final Staging staging;
    private final DeliveryStore deliveries;
    private final JdbcClient jdbc;
    private final Supplier<Long> jobExecutionId;

    StagingWriter(FeedMapping mapping, Staging staging, DeliveryStore deliveries, JdbcClient jdbc, Supplier<Long> jobExecutionId) {
        this.mapping = mapping;
        this.staging = staging;
        this.deliveries = deliveries;
        this.jdbc = jdbc;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends StagedOutput> chunk) throws Exception {
        List<StagedOutput.StagedRow> rows = new ArrayList<>(chunk.size());
        List<DeliveryEnd> ends = new ArrayList<>();
        for (StagedOutput item : chunk) {
            if (item instanceof StagedOutput.StagedRow row) {
                rows.add(row);
            } else {
                ends.add((DeliveryEnd) item);
            }
        }
        staging.copy(mapping, rows);
        for (DeliveryEnd end : ends) {
            settle(end);
        }
    }

    private void settle(DeliveryEnd end) {
        long id = end.deliveryId();
        long job = jobExecutionId.get();
        long repeated = staging.settleDuplicates(mapping, id, end.rowsRead());
        long staged = staging.stagedRows(mapping, id);
        List<ReasonCount> reasons = reasons(id);
        long rejected = reasons.stream().mapToLong(ReasonCount::count).sum();
        BigDecimal allowed = mapping.rejectThreshold().multiply(BigDecimal.valueOf(end.rowsRead()));
        if (BigDecimal.valueOf(rejected).compareTo(allowed) > 0) {
            deliveries.counts(id, end.rowsRead(), rejected, repeated);
            deliveries.fail(id, mapping.feed(), rejected + " of " + end.rowsRead() + " rows rejected ("
                    + percent(rejected, end.rowsRead()) + " > threshold " + percent(mapping.rejectThreshold()) + "): "
                    + ReasonCount.describe(reasons) + "; see intake_reject where delivery_id = " + id, true, job);
            return; // the inbox copy stays for a corrected retake
        }
        deliveries.staged(id, end.rowsRead(), staged, rejected, repeated, job);
        deliveries.supersedeOlder(id);
        if (end.watermark() != null) {
            jdbc.sql("""
                            insert into extract_watermark (feed, source, last_value, updated_at) values (?, ?, ?, now())
                            on conflict (feed, source) do update set last_value = excluded.last_value, updated_at = now()""")
                    .params(mapping.feed(), end.watermarkSource(), end.watermark()).update();
        }
        if (end.inboxFile() != null) {
            InboxReader.deleteAfterCommit(end.inboxFile());
        }
    }

    private List<ReasonCount> reasons(long deliveryId) {
        return jdbc.sql("select coalesce(rule, category), count(*) from intake_reject where delivery_id = ? group by 1 order by 2 desc, 1")
                .param(deliveryId)
                .query((rs, n) -> new ReasonCount(rs.getString(1), rs.getLong(2)))
                .list();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : percent(BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP));
    }

    private static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }
}
