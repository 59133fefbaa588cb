package cn.qeregistry.console.runs;

import cn.qeregistry.console.web.Refused;
import cn.qeregistry.runs.JobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs started from the console on a small pool of its own, so a request returns as soon as the
 * new execution exists (its page then shows progress) instead of waiting for the job to end.
 * Not an {@code Executor} bean on purpose: it must not replace Spring's application task executor.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class BackgroundRuns implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BackgroundRuns.class);

    private final ExecutorService pool;
    private final RunQueries queries;
    private final Duration waitForStart;
    private final Set<Long> runningHere = ConcurrentHashMap.newKeySet();

    public BackgroundRuns(RunQueries queries, @Value("${qe.console.run-threads:2}") int threads,
                          @Value("${qe.console.wait-for-start:10s}") Duration waitForStart) {
        this.queries = queries;
        this.waitForStart = waitForStart;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "console-run-" + n.incrementAndGet());
            t.setDaemon(false);
            return t;
        });
    }

    /**
     * Submits {@code work} and returns the id of the execution it created for {@code job} on
     * {@code date}, waiting only until that execution row exists. A refusal or an error before the
     * execution exists is thrown as {@link Refused}.
     */
    public long start(String job, String date, Callable<JobRunner.Launch> work) {
        long before = queries.lastExecutionId();
        CompletableFuture<JobRunner.Launch> launched = CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                log.warn("console launch of {} for {} failed", job, date, e);
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, pool);
        long deadline = System.nanoTime() + waitForStart.toNanos();
        while (System.nanoTime() < deadline) {
            var created = queries.executionAfter(job, date, before);
            if (created.isPresent()) {
                long id = created.get();
                runningHere.add(id);
                launched.whenComplete((launch, error) -> runningHere.remove(id));
                return id;
            }
            if (launched.isDone()) {
                return outcome(launched);
            }
            sleep();
        }
        throw new Refused(job + " for " + date + " did not start within " + waitForStart.toSeconds() + " s");
    }

    /** True when the execution runs in this process: recovering it would corrupt a live run. */
    public boolean runsHere(long executionId) {
        return runningHere.contains(executionId);
    }

    private static long outcome(CompletableFuture<JobRunner.Launch> launched) {
        try {
            JobRunner.Launch launch = launched.get();
            if (!launch.ran()) {
                throw new Refused(launch.refusal());
            }
            return launch.execution().getId();
        } catch (ExecutionException e) {
            throw new Refused(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
