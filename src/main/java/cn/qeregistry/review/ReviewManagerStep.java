package cn.qeregistry.review;

import cn.qeregistry.review.rules.RuleSet;
import cn.qeregistry.review.rules.RuleSets;
import cn.qeregistry.runs.FailureCauseFirst;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.PartitionStep;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Step {@code review}: evaluates every tier holder at the business date D in credit-code partitions
 * ({@code review:partition0..n-1}, see {@link HolderRanges} and {@link ReviewTasklet}). The run is
 * opened here once, before the partitions, and finished here once, after all of them completed.
 * Without job parameter {@code rules} it uses the rule set in force on D and publishes the run as D's
 * live results (replacing any earlier live run of D). With {@code rules=FILE} it is a what-if: the
 * run stays live = false and its comparison with D's live results is written to
 * {@code $QE_HOME/reports/<D>/review-whatif-<ruleset>.csv}.
 *
 * <p>Run id and rule file digest live in this step's execution context. A restart resumes the same
 * run: completed partitions are not run again, a failed one resumes after its last committed page.
 * If the rule file changed meanwhile, the unfinished run is discarded and every partition, completed
 * or not, evaluates its range again for a new run.
 */
final class ReviewManagerStep extends PartitionStep {

    static final String RULES = "rules";
    /** Key of the run id, in this step's context and, for the partitions, in the job execution's context. */
    static final String RUN = "review.run";
    private static final String DIGEST = "review.digest";
    private static final Logger log = LoggerFactory.getLogger(ReviewManagerStep.class);

    private final RuleSets ruleSets;
    private final ReviewRuns runs;
    private final CarryOver carryOver;
    private final ReviewComparison comparison;
    private final JobRepository jobRepository;
    private final TransactionTemplate transaction;
    private final StartedOverOrResumed splitter;

    ReviewManagerStep(JobRepository jobRepository, PlatformTransactionManager transactions, RuleSets ruleSets,
                      ReviewRuns runs, CarryOver carryOver, ReviewComparison comparison, HolderRanges ranges) {
        super(jobRepository);
        setName("review");
        this.ruleSets = ruleSets;
        this.runs = runs;
        this.carryOver = carryOver;
        this.comparison = comparison;
        this.jobRepository = jobRepository;
        this.transaction = new TransactionTemplate(transactions);
        this.splitter = new StartedOverOrResumed(jobRepository, ranges);
        setStepExecutionSplitter(splitter);
    }

    @Override
    protected void doExecute(StepExecution step) throws Exception {
        ExecutionContext context = step.getExecutionContext();
        LocalDate reviewDate = step.getJobParameters().getLocalDate("date");
        String rulesFile = step.getJobParameters().getString(RULES);
        RuleSet ruleSet = rulesFile == null ? ruleSets.live(reviewDate) : ruleSets.file(rulesFile);

        boolean startedOver = false;
        long runId;
        if (context.containsKey(RUN) && ruleSet.digest().equals(context.getString(DIGEST))) {
            runId = context.getLong(RUN);
        } else {
            if (context.containsKey(RUN)) {
                log.warn("rule file {} changed since the failed attempt: review of {} starts again", ruleSet.file(), reviewDate);
                runs.discard(context.getLong(RUN));
                startedOver = true;
            }
            runId = runs.start(step.getJobExecutionId(), reviewDate, ruleSet);
            carryOver.chooseBase(runId, ruleSet, reviewDate);
            context.putLong(RUN, runId);
            context.putString(DIGEST, ruleSet.digest());
        }
        jobRepository.updateExecutionContext(step);
        step.getJobExecution().getExecutionContext().putLong(RUN, runId);
        jobRepository.updateExecutionContext(step.getJobExecution());

        splitter.startOver(startedOver);
        try {
            super.doExecute(step);
        } catch (JobExecutionException unsuccessful) {
            String failed = failedPartitions(step);
            if (failed.isEmpty()) {
                throw unsuccessful; // not a partition's failure (e.g. the split itself refused a restart)
            }
            JobExecutionException failure = new JobExecutionException("review partitions did not complete: " + failed);
            failure.addSuppressed(unsuccessful);
            throw failure;
        }
        String summary = transaction.execute(status -> finish(runId, reviewDate, ruleSet, rulesFile != null));
        step.setExitStatus(step.getExitStatus().addExitDescription(summary));
    }

    /** Which partitions failed and why, for the manager's exit description (the worker steps hold the causes). */
    private static String failedPartitions(StepExecution step) {
        return step.getJobExecution().getStepExecutions().stream()
                .filter(worker -> worker.getStepName().startsWith("review:") && worker.getStatus().isUnsuccessful())
                .map(worker -> worker.getStepName() + " " + worker.getStatus() + worker.getFailureExceptions().stream().findFirst()
                        .map(e -> ": " + FailureCauseFirst.rootCause(e)).orElse(""))
                .sorted()
                .collect(Collectors.joining("; "));
    }

    private String finish(long runId, LocalDate reviewDate, RuleSet ruleSet, boolean whatIf) {
        String carried = carryOver.base(runId)
                .map(base -> "; inputs unchanged since run " + base.runId() + " for " + carryOver.unchangedHolders(runId)
                        + " holders (their results of rules that do not read the date carried over)")
                .orElse("");
        if (!whatIf) {
            runs.publishLive(runId, reviewDate);
            return "live review run " + runId + " of " + reviewDate + " with " + ruleSet.label() + ": " + runs.outcomes(runId) + carried;
        }
        runs.completeWhatIf(runId);
        Path csv = comparison.writeCsv(runId, ReviewComparison.defaultCsv(reviewDate, ruleSet.name()), false);
        return comparison.summarise(runId).text() + "; " + runs.outcomes(runId) + carried + "; comparison: " + csv;
    }

    /**
     * Resumes only the partitions that did not complete; but when the run started over (rule file
     * changed), runs every partition again, completed ones included.
     */
    private static final class StartedOverOrResumed implements StepExecutionSplitter {

        private final SimpleStepExecutionSplitter resume;
        private final SimpleStepExecutionSplitter everyPartition;
        private final ThreadLocal<Boolean> startOver = ThreadLocal.withInitial(() -> false);

        StartedOverOrResumed(JobRepository jobRepository, HolderRanges ranges) {
            resume = new SimpleStepExecutionSplitter(jobRepository, "review", ranges);
            everyPartition = new SimpleStepExecutionSplitter(jobRepository, "review", ranges);
            everyPartition.setAllowStartIfComplete(true);
        }

        void startOver(boolean startOver) {
            this.startOver.set(startOver);
        }

        @Override
        public String getStepName() {
            return "review";
        }

        @Override
        public Set<StepExecution> split(StepExecution stepExecution, int gridSize) throws JobExecutionException {
            try {
                return (startOver.get() ? everyPartition : resume).split(stepExecution, gridSize);
            } finally {
                startOver.remove();
            }
        }
    }
}
