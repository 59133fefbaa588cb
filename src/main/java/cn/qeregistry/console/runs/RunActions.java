package cn.qeregistry.console.runs;

import cn.qeregistry.console.security.Auditor;
import cn.qeregistry.console.web.NotFound;
import cn.qeregistry.console.web.Refused;
import cn.qeregistry.core.Feed;
import cn.qeregistry.runs.JobRunner;
import cn.qeregistry.schedule.OrphanRecovery;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.ListableStepLocator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator may do to runs, shared by the pages and the API: each action checks the
 * execution's state, acts through {@link JobRunner} (recover through the schedule feature's
 * {@link OrphanRecovery}, which owns the rule for when a run is dead), and is written to the audit log.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RunActions {

    public enum Action { RESTART, STOP, ABANDON, RECOVER }

    static final Set<String> RESTARTABLE = Set.of("FAILED", "STOPPED");
    static final Set<String> STOPPABLE = Set.of("STARTING", "STARTED");
    static final Set<String> ABANDONABLE = Set.of("FAILED", "STOPPED", "STOPPING", "UNKNOWN");
    static final Set<String> RECOVERABLE = Set.of("STARTING", "STARTED", "STOPPING");

    private final JobRunner runner;
    private final RunQueries queries;
    private final BackgroundRuns background;
    private final Auditor auditor;
    private final OrphanRecovery orphans;

    public RunActions(JobRunner runner, RunQueries queries, BackgroundRuns background, Auditor auditor,
                      OrphanRecovery orphans) {
        this.runner = runner;
        this.queries = queries;
        this.background = background;
        this.auditor = auditor;
        this.orphans = orphans;
    }

    public RunQueries.Run run(long id) {
        return queries.run(id).orElseThrow(() -> new NotFound("no job execution with id " + id));
    }

    /** Whether {@code action} is possible for the run now. */
    public boolean allowed(RunQueries.Run run, Action action) {
        return switch (action) {
            case RESTART -> RESTARTABLE.contains(run.status()) && runner.job(run.job()).isPresent();
            case STOP -> STOPPABLE.contains(run.status());
            case ABANDON -> ABANDONABLE.contains(run.status());
            case RECOVER -> RECOVERABLE.contains(run.status()) && recoverRefusal(run.id()).isEmpty();
        };
    }

    /** Why recovering this run now would be unsafe (its node is alive or it was updated recently), or null. */
    public String recoverRefusal(RunQueries.Run run) {
        return RECOVERABLE.contains(run.status()) ? recoverRefusal(run.id()).orElse(null) : null;
    }

    /** A run this process started is alive whatever the database says; otherwise the schedule's rule decides. */
    private Optional<String> recoverRefusal(long id) {
        if (background.runsHere(id)) {
            return Optional.of("execution " + id + " is running in this console process; stop it instead");
        }
        return orphans.refusal(id);
    }

    /** The steps a restart of this run executes: the job's steps that no execution of its instance completed. */
    public List<String> stepsToRunAgain(RunQueries.Run run) {
        Job job = runner.job(run.job()).orElse(null);
        if (!(job instanceof ListableStepLocator locator)) {
            return List.of();
        }
        List<String> completed = queries.completedSteps(run.instanceId());
        return locator.getStepNames().stream().filter(step -> !completed.contains(step)).toList();
    }

    public List<String> jobNames() {
        return runner.jobNames().stream().sorted().toList();
    }

    /** Starts {@code job} for {@code date} (optionally one feed) in the background; returns the new execution's id. */
    public long launch(String jobName, LocalDate date, String feed) {
        Job job = runner.job(jobName).orElseThrow(() -> new IllegalArgumentException("no job named '" + jobName + "'"));
        if (date == null) {
            throw new IllegalArgumentException("a business date is required");
        }
        Map<String, String> extra = Map.of();
        if (feed != null && !feed.isBlank()) {
            Feed.fromCode(feed).orElseThrow(() -> new IllegalArgumentException("unknown feed '" + feed + "'"));
            extra = Map.of("feed", feed);
        }
        Map<String, String> parameters = extra;
        long id = background.start(jobName, date.toString(), () -> runner.run(job, date, parameters));
        auditor.record("RUN_LAUNCH", "execution " + id, jobName + " " + date + (feed == null || feed.isBlank() ? "" : " feed=" + feed));
        return id;
    }

    /** Performs {@code action}; returns the execution to show next (a restart creates a new one). */
    public long perform(long id, Action action) {
        RunQueries.Run run = run(id);
        if (action == Action.RECOVER && RECOVERABLE.contains(run.status())) {
            recoverRefusal(id).ifPresent(reason -> {
                throw new Refused("recover refused: " + reason);
            });
        }
        if (!allowed(run, action)) {
            throw new Refused(action + " is not possible for execution " + id + " in status " + run.status());
        }
        String again = action == Action.RESTART ? String.join(", ", stepsToRunAgain(run)) : null;
        try {
            long shown = switch (action) {
                case RESTART -> background.start(run.job(), run.date(), () -> new JobRunner.Launch(runner.restart(id), null));
                case STOP -> {
                    runner.stop(id);
                    yield id;
                }
                case ABANDON -> {
                    runner.abandon(id);
                    yield id;
                }
                case RECOVER -> {
                    orphans.recoverOne(id, "from the console");
                    yield id;
                }
            };
            auditor.record("RUN_" + action, "execution " + id,
                    action == Action.RESTART ? "new execution " + shown + "; steps run again: " + again : null);
            return shown;
        } catch (Refused | NotFound e) {
            throw e;
        } catch (Exception e) {
            throw new Refused(action + " of execution " + id + " failed: " + e.getMessage());
        }
    }
}
