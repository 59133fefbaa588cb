package cn.qeregistry.review;

import cn.qeregistry.review.rules.RuleSet;
import cn.qeregistry.review.rules.RuleSets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Step {@code review}: evaluates every tier holder at the business date D, one page of firms per
 * transaction. Without job parameter {@code rules} it uses the rule set in force on D and, once
 * complete, publishes the run as D's live results (replacing any earlier live run of D). With
 * {@code rules=FILE} it is a what-if: the run stays live = false and its comparison with D's live
 * results is written to {@code $QE_HOME/reports/<D>/review-whatif-<ruleset>.csv}.
 *
 * <p>State lives in the step's execution context (run id, rule file digest, last credit code), so a
 * failed run restarts after its last committed page; if the rule file changed meanwhile, the
 * unfinished run is discarded and evaluated again from the start.
 */
@Component
class ReviewTasklet implements Tasklet {

    static final String RULES = "rules";
    private static final String RUN = "review.run";
    private static final String DIGEST = "review.digest";
    private static final String AFTER = "review.after";
    private static final Logger log = LoggerFactory.getLogger(ReviewTasklet.class);

    private final RuleSets ruleSets;
    private final FirmPages pages;
    private final ReviewRuns runs;
    private final ReviewComparison comparison;
    private final int pageSize;

    ReviewTasklet(RuleSets ruleSets, FirmPages pages, ReviewRuns runs, ReviewComparison comparison,
                  @Value("${qe.review.page-size:200}") int pageSize) {
        this.ruleSets = ruleSets;
        this.pages = pages;
        this.runs = runs;
        this.comparison = comparison;
        this.pageSize = pageSize;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        LocalDate reviewDate = step.getJobParameters().getLocalDate("date");
        String rulesFile = step.getJobParameters().getString(RULES);
        RuleSet ruleSet = rulesFile == null ? ruleSets.live(reviewDate) : ruleSets.file(rulesFile);

        long runId;
        if (context.containsKey(RUN) && ruleSet.digest().equals(context.getString(DIGEST))) {
            runId = context.getLong(RUN);
        } else {
            if (context.containsKey(RUN)) {
                log.warn("rule file {} changed since the failed attempt: review of {} starts again", ruleSet.file(), reviewDate);
                runs.discard(context.getLong(RUN));
            }
            runId = runs.start(step.getJobExecutionId(), reviewDate, ruleSet);
            context.putLong(RUN, runId);
            context.putString(DIGEST, ruleSet.digest());
            context.putString(AFTER, "");
        }

        FirmPages.Page page = pages.after(context.getString(AFTER), pageSize, reviewDate.getYear() - 1);
        if (page.last() == null) {
            contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(finish(runId, reviewDate, ruleSet, rulesFile != null)));
            return RepeatStatus.FINISHED;
        }
        List<HolderReview.Row> rows = HolderReview.evaluate(page.firms(), ruleSet, reviewDate);
        page.firms().forEach(firm -> contribution.incrementReadCount());
        runs.write(runId, rows);
        contribution.incrementWriteCount(rows.size());
        context.putString(AFTER, page.last());
        return RepeatStatus.CONTINUABLE;
    }

    private String finish(long runId, LocalDate reviewDate, RuleSet ruleSet, boolean whatIf) {
        if (!whatIf) {
            runs.publishLive(runId, reviewDate);
            return "live review run " + runId + " of " + reviewDate + " with " + ruleSet.label() + ": " + runs.outcomes(runId);
        }
        runs.completeWhatIf(runId);
        Path csv = comparison.writeCsv(runId, ReviewComparison.defaultCsv(reviewDate, ruleSet.name()), false);
        return comparison.summarise(runId).text() + "; " + runs.outcomes(runId) + "; comparison: " + csv;
    }
}
