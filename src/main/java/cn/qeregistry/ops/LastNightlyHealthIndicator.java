package cn.qeregistry.ops;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * Health component {@code lastNightly}, judged on the latest execution of the nightly job:
 * <ul>
 *   <li>UP — it COMPLETED and ended within {@code qe.ops.nightly.max-age} (default PT36H), or it is running
 *       for no longer than {@code qe.alert.long-running} (default PT4H, the schedule's alert threshold);</li>
 *   <li>DOWN — it FAILED, was STOPPED or ABANDONED, or has been running longer than that: details name the
 *       execution, business date, failed step and the first line of the exit description;</li>
 *   <li>OUT_OF_SERVICE — it COMPLETED but longer ago than the max age: the schedule is paused or no node
 *       has run it (stale data, nothing broken yet);</li>
 *   <li>UNKNOWN — the nightly never ran (a fresh install).</li>
 * </ul>
 * Not part of the {@code node} health group, so a failed night never takes a node out of the load balancer.
 */
@Component("lastNightlyHealthIndicator")
class LastNightlyHealthIndicator implements HealthIndicator {

    private final NightlyStatus nightly;
    private final Duration maxAge;
    private final Duration maxRunning;
    private final Clock clock;

    @Autowired
    LastNightlyHealthIndicator(NightlyStatus nightly,
                               @Value("${qe.ops.nightly.max-age:PT36H}") Duration maxAge,
                               @Value("${qe.alert.long-running:PT4H}") Duration maxRunning) {
        this(nightly, maxAge, maxRunning, Clock.systemDefaultZone());
    }

    /** With the clock the ages are measured on (tests move it). */
    LastNightlyHealthIndicator(NightlyStatus nightly, Duration maxAge, Duration maxRunning, Clock clock) {
        this.nightly = nightly;
        this.maxAge = maxAge;
        this.maxRunning = maxRunning;
        this.clock = clock;
    }

    @Override
    public Health health() {
        return nightly.latest().map(this::judge).orElseGet(() -> Health.unknown()
                .withDetail("job", nightly.job()).withDetail("reason", "the nightly has not run yet").build());
    }

    private Health judge(NightlyStatus.Latest latest) {
        LocalDateTime now = LocalDateTime.now(clock);
        Health.Builder health;
        if (latest.running()) {
            Duration running = Duration.between(latest.started(), now);
            health = running.compareTo(maxRunning) <= 0 ? Health.up()
                    : Health.down().withDetail("reason", "running for " + running.toMinutes() + " min, longer than " + maxRunning);
        } else if (latest.status() == BatchStatus.COMPLETED) {
            Duration age = Duration.between(latest.ended(), now);
            health = age.compareTo(maxAge) <= 0 ? Health.up()
                    : Health.outOfService().withDetail("reason", "last completed " + age.toHours() + " h ago, older than " + maxAge);
        } else {
            health = Health.down().withDetail("reason", "the latest nightly ended " + latest.status());
            if (latest.failedStep() != null) {
                health.withDetail("failedStep", latest.failedStep());
            }
            health.withDetail("exitDescription", latest.exitDescription());
        }
        health.withDetail("job", nightly.job())
                .withDetail("execution", latest.executionId())
                .withDetail("status", latest.status().name())
                .withDetail("started", latest.started().toString());
        if (latest.businessDate() != null) {
            health.withDetail("date", latest.businessDate());
        }
        if (latest.ended() != null) {
            health.withDetail("ended", latest.ended().toString());
        }
        return health.build();
    }
}
