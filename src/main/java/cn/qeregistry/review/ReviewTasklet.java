package cn.qeregistry.review;

import cn.qeregistry.review.rules.RuleSet;
import cn.qeregistry.review.rules.RuleSets;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One partition of step {@code review} ({@code review:partitionN}): evaluates the holders of its
 * credit-code range for the run the manager step opened, one page of firms per transaction. Its
 * execution context keeps the range, the run id and the last code committed, so a failed partition
 * restarts after its last committed page; a context of an earlier, discarded run starts its range again.
 */
@Component
class ReviewTasklet implements Tasklet {

    private static final String AFTER = "review.after";

    private final RuleSets ruleSets;
    private final FirmPages pages;
    private final ReviewRuns runs;
    private final int pageSize;
    private final AtomicReference<RunRules> current = new AtomicReference<>();

    ReviewTasklet(RuleSets ruleSets, FirmPages pages, ReviewRuns runs, @Value("${qe.review.page-size:200}") int pageSize) {
        this.ruleSets = ruleSets;
        this.pages = pages;
        this.runs = runs;
        this.pageSize = pageSize;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        LocalDate reviewDate = step.getJobParameters().getLocalDate("date");
        long runId = step.getJobExecution().getExecutionContext().getLong(ReviewManagerStep.RUN);
        RuleSet ruleSet = ruleSet(runId, step.getJobParameters().getString(ReviewManagerStep.RULES), reviewDate);
        if (!context.containsKey(ReviewManagerStep.RUN) || context.getLong(ReviewManagerStep.RUN) != runId) {
            context.putLong(ReviewManagerStep.RUN, runId);
            context.putString(AFTER, context.getString(HolderRanges.FROM));
        }
        String upTo = context.containsKey(HolderRanges.TO) ? context.getString(HolderRanges.TO) : null;
        FirmPages.Page page = pages.between(context.getString(AFTER), upTo, pageSize, reviewDate.getYear() - 1);
        if (page.last() == null) {
            return RepeatStatus.FINISHED;
        }
        List<HolderReview.Row> rows = HolderReview.evaluate(page.firms(), ruleSet, reviewDate);
        page.firms().forEach(firm -> contribution.incrementReadCount());
        runs.write(runId, rows);
        contribution.incrementWriteCount(rows.size());
        context.putString(AFTER, page.last());
        return RepeatStatus.CONTINUABLE;
    }

    /**
     * The rule set of run {@code runId}, read and checked once per run rather than once per page (reading
     * every rule file of the folder per page cost 8 % of the step at 200k firms). The partitions of one run
     * share it; a new run (a restart after the file changed gets one) reads the file again.
     */
    private RuleSet ruleSet(long runId, String rulesFile, LocalDate reviewDate) {
        RunRules known = current.get();
        if (known != null && known.runId() == runId) {
            return known.ruleSet();
        }
        RuleSet ruleSet = rulesFile == null ? ruleSets.live(reviewDate) : ruleSets.file(rulesFile);
        current.set(new RunRules(runId, ruleSet));
        return ruleSet;
    }

    private record RunRules(long runId, RuleSet ruleSet) {
    }
}
