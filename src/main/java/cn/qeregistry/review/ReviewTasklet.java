package cn.qeregistry.review;

import cn.qeregistry.review.rules.Rule;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One partition of step {@code review} ({@code review:partitionN}): evaluates the holders of its
 * credit-code range for the run the manager step opened, one page of firms per transaction. Its
 * execution context keeps the range, the run id and the last code committed, so a failed partition
 * restarts after its last committed page; a context of an earlier, discarded run starts its range again.
 * A holder whose inputs are unchanged since the run's base keeps the base's date-free results
 * ({@link CarryOver}), copied in the page's transaction.
 */
@Component
class ReviewTasklet implements Tasklet {

    private static final String AFTER = "review.after";

    private final RuleSets ruleSets;
    private final FirmPages pages;
    private final ReviewRuns runs;
    private final CarryOver carryOver;
    private final int pageSize;
    private final AtomicReference<RunRules> current = new AtomicReference<>();

    ReviewTasklet(RuleSets ruleSets, FirmPages pages, ReviewRuns runs, CarryOver carryOver,
                  @Value("${qe.review.page-size:200}") int pageSize) {
        this.ruleSets = ruleSets;
        this.pages = pages;
        this.runs = runs;
        this.carryOver = carryOver;
        this.pageSize = pageSize;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        LocalDate reviewDate = step.getJobParameters().getLocalDate("date");
        long runId = step.getJobExecution().getExecutionContext().getLong(ReviewManagerStep.RUN);
        RunRules run = run(runId, step.getJobParameters().getString(ReviewManagerStep.RULES), reviewDate);
        if (!context.containsKey(ReviewManagerStep.RUN) || context.getLong(ReviewManagerStep.RUN) != runId) {
            context.putLong(ReviewManagerStep.RUN, runId);
            context.putString(AFTER, context.getString(HolderRanges.FROM));
        }
        String upTo = context.containsKey(HolderRanges.TO) ? context.getString(HolderRanges.TO) : null;
        FirmPages.Page page = pages.between(context.getString(AFTER), upTo, pageSize, reviewDate.getYear() - 1);
        if (page.last() == null) {
            return RepeatStatus.FINISHED;
        }
        Map<String, byte[]> digests = new LinkedHashMap<>();
        page.firms().forEach(firm -> digests.put(firm.uscc(), InputDigest.of(firm)));
        Set<String> unchanged = run.base() == null || run.carriedRules().isEmpty() ? Set.of()
                : carryOver.unchangedFirms(run.base().runId(), digests);
        List<HolderReview.Row> rows = HolderReview.evaluate(page.firms(), run.ruleSet(), reviewDate, unchanged, run.carriedRules());
        page.firms().forEach(firm -> contribution.incrementReadCount());
        runs.write(runId, rows);
        int carried = run.base() == null ? 0
                : carryOver.carry(runId, run.base().runId(), unchanged.toArray(String[]::new), run.carriedRules().toArray(String[]::new));
        carryOver.record(runId, digests);
        contribution.incrementWriteCount(rows.size() + carried);
        context.putString(AFTER, page.last());
        return RepeatStatus.CONTINUABLE;
    }

    /**
     * The rule set of run {@code runId} and what the run carries from its base, worked out once per run
     * rather than once per page (reading every rule file of the folder per page cost 8 % of the step at
     * 200k firms). The partitions of one run share it; a new run (a restart after the file changed gets
     * one) reads the file again.
     */
    private RunRules run(long runId, String rulesFile, LocalDate reviewDate) {
        RunRules known = current.get();
        if (known != null && known.runId() == runId) {
            return known;
        }
        RuleSet ruleSet = rulesFile == null ? ruleSets.live(reviewDate) : ruleSets.file(rulesFile);
        CarryOver.Base base = carryOver.base(runId).orElse(null);
        Set<String> carriedRules = base == null ? Set.of() : ruleSet.allRules().stream()
                .filter(rule -> !rule.readsReviewDate() && rule.inForce(reviewDate) && rule.inForce(base.reviewDate()))
                .map(Rule::id)
                .collect(Collectors.toUnmodifiableSet());
        RunRules rules = new RunRules(runId, ruleSet, base, carriedRules);
        current.set(rules);
        return rules;
    }

    private record RunRules(long runId, RuleSet ruleSet, CarryOver.Base base, Set<String> carriedRules) {
    }
}
