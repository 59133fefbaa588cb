package cn.qeregistry.schedule;

import cn.qeregistry.runs.JobRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The alerting hook on every job: a run that ends FAILED, or is still running after
 * {@code qe.alert.long-running} (default PT4H), raises a {@link Alerts QE_ALERT}; every run's
 * duration is recorded in the timer {@code qe.job.duration{job,status}} and the number of runs in
 * progress on this node in the gauge {@code qe.job.running{job}}.
 */
@Component
class RunAlerts implements JobExecutionListener, DisposableBean {

    private final Alerts alerts;
    private final MeterRegistry metrics;
    private final Duration longRunning;
    private final ScheduledExecutorService watch;
    private final Map<Long, ScheduledFuture<?>> watches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    RunAlerts(Alerts alerts, MeterRegistry metrics, @Value("${qe.alert.long-running:PT4H}") Duration longRunning) {
        this.alerts = alerts;
        this.metrics = metrics;
        this.longRunning = longRunning;
        this.watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "qe-long-running-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void beforeJob(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        running(job).incrementAndGet();
        watches.put(execution.getId(), watch.schedule(() -> alerts.raise(Alerts.Kind.LONG_RUNNING, job, date(execution),
                execution.getId(), "still running after " + longRunning), longRunning.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void afterJob(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        running(job).decrementAndGet();
        ScheduledFuture<?> pending = watches.remove(execution.getId());
        if (pending != null) {
            pending.cancel(false);
        }
        if (execution.getStartTime() != null && execution.getEndTime() != null) {
            Timer.builder("qe.job.duration").tag("job", job).tag("status", execution.getStatus().name())
                    .register(metrics).record(Duration.between(execution.getStartTime(), execution.getEndTime()));
        }
        if (execution.getStatus() == BatchStatus.FAILED) {
            alerts.raise(Alerts.Kind.FAILED, job, date(execution), execution.getId(), failure(execution));
        }
    }

    private AtomicInteger running(String job) {
        return running.computeIfAbsent(job, name -> metrics.gauge("qe.job.running",
                Tags.of("job", name), new AtomicInteger()));
    }

    private static Object date(JobExecution execution) {
        return execution.getJobParameters().getLocalDate(JobRunner.DATE);
    }

    /** The failed step and the first line of its exit text, as the operator reads it in the console. */
    private static String failure(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStatus() == BatchStatus.FAILED)
                .findFirst()
                .map(step -> "at " + step.getStepName() + ": " + firstLine(step.getExitStatus().getExitDescription()))
                .orElse(firstLine(execution.getExitStatus().getExitDescription()));
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").trim();
    }

    @Override
    public void destroy() {
        watch.shutdownNow();
    }
}
