package cn.qeregistry.ops;

import cn.qeregistry.core.Feed;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The registry's gauges (Prometheus names in brackets), all from {@link RegistrySnapshot}:
 * <ul>
 *   <li>{@code qe.feed.rows{feed,kind=read|staged|rejected}} [qe_feed_rows] — the feed's latest delivery;</li>
 *   <li>{@code qe.feed.reject.ratio{feed}} [qe_feed_reject_ratio] — rejected / read of that delivery;</li>
 *   <li>{@code qe.deliveries{status}} [qe_deliveries] — all deliveries by status;</li>
 *   <li>{@code qe.exceptions.open{category,status=OPEN|IN_FOLLOW_UP}} [qe_exceptions_open] — the register's
 *       unresolved items;</li>
 *   <li>{@code qe.nightly.last.failed} [qe_nightly_last_failed] — 1 when the latest nightly ended FAILED,
 *       STOPPED or ABANDONED, 0 when it completed or is running;</li>
 *   <li>{@code qe.nightly.last.completed.time} [qe_nightly_last_completed_time_seconds] — epoch seconds of
 *       the end of the latest completed nightly.</li>
 * </ul>
 * Label sets are fixed (every feed, status and category, 0 when none), so alert expressions never meet an
 * absent series. The values are the database's, identical on every node.
 */
@Component
class RegistryMetrics implements MeterBinder {

    /** Values of the check constraints on delivery.status, exception_item.category and exception_item.status. */
    static final List<String> DELIVERY_STATUSES = List.of("RECEIVED", "STAGING", "STAGED", "FAILED", "DUPLICATE", "SUPERSEDED");
    static final List<String> EXCEPTION_CATEGORIES = List.of("INTAKE_REJECT", "DUPLICATE", "UNMATCHED", "CONFLICT",
            "REVIEW_FAIL", "REVIEW_WARN", "DATA_GAP");
    static final List<String> UNRESOLVED = List.of("OPEN", "IN_FOLLOW_UP");

    private final RegistrySnapshot snapshot;

    RegistryMetrics(RegistrySnapshot snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Feed feed : Feed.values()) {
            for (String kind : List.of("read", "staged", "rejected")) {
                Gauge.builder("qe.feed.rows", snapshot, s -> s.feedRows(feed.code(), kind))
                        .tag("feed", feed.code()).tag("kind", kind)
                        .description("Rows of the feed's latest delivery").baseUnit("rows").register(registry);
            }
            Gauge.builder("qe.feed.reject.ratio", snapshot, s -> s.rejectRatio(feed.code()))
                    .tag("feed", feed.code()).description("Rejected / read rows of the feed's latest delivery").register(registry);
        }
        for (String status : DELIVERY_STATUSES) {
            Gauge.builder("qe.deliveries", snapshot, s -> s.deliveries(status))
                    .tag("status", status).description("Deliveries by status").register(registry);
        }
        for (String category : EXCEPTION_CATEGORIES) {
            for (String status : UNRESOLVED) {
                Gauge.builder("qe.exceptions.open", snapshot, s -> s.openExceptions(category, status))
                        .tag("category", category).tag("status", status)
                        .description("Unresolved items of the exception register").register(registry);
            }
        }
        Gauge.builder("qe.nightly.last.failed", snapshot, RegistrySnapshot::nightlyLastFailed)
                .description("1 when the latest nightly ended FAILED, STOPPED or ABANDONED").register(registry);
        Gauge.builder("qe.nightly.last.completed.time", snapshot, RegistrySnapshot::nightlyLastCompleted)
                .baseUnit("seconds").description("End of the latest completed nightly, epoch seconds").register(registry);
    }
}
