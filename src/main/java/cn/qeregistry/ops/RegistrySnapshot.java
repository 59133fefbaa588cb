package cn.qeregistry.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * The registry's figures for the gauges, read with a handful of aggregate queries at most once per
 * {@code qe.ops.metrics.refresh} (default PT30S) whatever the number of gauges or scrapes: a scrape reads
 * the cached figures, the first scrape after expiry refreshes them. A figure the database has no row for
 * is 0; every figure is NaN while the database cannot be read (Prometheus drops NaN-valued samples from
 * comparisons, so alerts do not fire on a database outage — the {@code db} health component does).
 */
@Component
class RegistrySnapshot {

    private static final Logger log = LoggerFactory.getLogger(RegistrySnapshot.class);

    private final JdbcClient jdbc;
    private final NightlyStatus nightly;
    private final Duration refresh;
    private Instant readAt = Instant.MIN;
    /** null while the database cannot be read. */
    private Map<String, Double> figures;

    RegistrySnapshot(JdbcClient jdbc, NightlyStatus nightly, @Value("${qe.ops.metrics.refresh:PT30S}") Duration refresh) {
        this.jdbc = jdbc;
        this.nightly = nightly;
        this.refresh = refresh;
    }

    /** Rows of the feed's latest delivery taken in (not a DUPLICATE); kind is read, staged or rejected. */
    double feedRows(String feed, String kind) {
        return figure("feed.rows." + feed + "." + kind);
    }

    /** rejected / read of the feed's latest delivery; NaN when it read no rows. */
    double rejectRatio(String feed) {
        double read = feedRows(feed, "read");
        return read > 0 ? feedRows(feed, "rejected") / read : Double.NaN;
    }

    double deliveries(String status) {
        return figure("deliveries." + status);
    }

    double openExceptions(String category, String status) {
        return figure("exceptions." + category + "." + status);
    }

    double nightlyLastFailed() {
        return figure("nightly.failed");
    }

    /** Epoch seconds of the end of the latest completed nightly; NaN when none completed yet. */
    double nightlyLastCompleted() {
        Map<String, Double> current = figures();
        return current == null ? Double.NaN : current.getOrDefault("nightly.completed", Double.NaN);
    }

    private double figure(String key) {
        Map<String, Double> current = figures();
        return current == null ? Double.NaN : current.getOrDefault(key, 0.0);
    }

    private synchronized Map<String, Double> figures() {
        Instant now = Instant.now();
        if (Duration.between(readAt, now).compareTo(refresh) >= 0) {
            readAt = now;
            try {
                figures = read();
            } catch (RuntimeException e) {
                log.warn("registry gauges unavailable until the database answers: {}", e.getMessage());
                figures = null;
            }
        }
        return figures;
    }

    private Map<String, Double> read() {
        Map<String, Double> read = new HashMap<>();
        jdbc.sql("""
                        select distinct on (feed) feed, rows_read, rows_staged, rows_rejected
                          from delivery where status <> 'DUPLICATE'
                         order by feed, id desc""")
                .query(rs -> {
                    String feed = rs.getString("feed");
                    read.put("feed.rows." + feed + ".read", (double) rs.getLong("rows_read"));
                    read.put("feed.rows." + feed + ".staged", (double) rs.getLong("rows_staged"));
                    read.put("feed.rows." + feed + ".rejected", (double) rs.getLong("rows_rejected"));
                });
        jdbc.sql("select status, count(*) from delivery group by status")
                .query(rs -> {
                    read.put("deliveries." + rs.getString(1), (double) rs.getLong(2));
                });
        jdbc.sql("select category, status, count(*) from exception_item where status in ('OPEN', 'IN_FOLLOW_UP') group by category, status")
                .query(rs -> {
                    read.put("exceptions." + rs.getString(1) + "." + rs.getString(2), (double) rs.getLong(3));
                });
        nightly.latest().ifPresent(latest -> read.put("nightly.failed", latest.status() == BatchStatus.COMPLETED
                || latest.running() ? 0.0 : 1.0));
        nightly.lastCompletedEnd().ifPresent(end -> read.put("nightly.completed",
                (double) end.atZone(ZoneId.systemDefault()).toEpochSecond()));
        return read;
    }
}
