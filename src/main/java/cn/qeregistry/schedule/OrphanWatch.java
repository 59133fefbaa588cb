package cn.qeregistry.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * On a server, looks for orphans every {@code qe.schedule.orphan-check} (default PT30S) while it runs:
 * when the other node of a cluster dies mid-run, the surviving node recovers the run once the dead
 * node's heartbeat is older than {@code qe.node.timeout}, and {@link OrphanRecovery} queues an
 * unattended night to resume — without waiting for the dead node to come back. Switch:
 * {@code qe.schedule.watch-orphans} (default: serve mode).
 */
@Component
class OrphanWatch implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrphanWatch.class);

    private final OrphanRecovery recovery;
    private final boolean enabled;
    private final Duration interval;
    private ScheduledExecutorService watch;

    OrphanWatch(OrphanRecovery recovery, Environment environment) {
        this.recovery = recovery;
        boolean serve = "serve".equals(environment.getProperty("qe.mode"));
        this.enabled = environment.getProperty("qe.schedule.watch-orphans", Boolean.class, serve);
        this.interval = environment.getProperty("qe.schedule.orphan-check", Duration.class, Duration.ofSeconds(30));
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!enabled) {
            return;
        }
        watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "qe-orphan-watch");
            thread.setDaemon(true);
            return thread;
        });
        watch.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            recovery.recoverOrphans("by the orphan watch of a live node", true);
        } catch (RuntimeException e) { // the database may be briefly away; the next check tries again
            log.warn("orphan check failed: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (watch != null) {
            watch.shutdownNow();
        }
    }
}
