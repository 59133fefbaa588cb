package cn.qeregistry.review;

import cn.qeregistry.review.rules.RuleSet;
import cn.qeregistry.review.rules.RuleSets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;

/**
 * Evaluates a rule file at a review date outside any job, as a what-if run (live = false), page by
 * page in its own transactions; for callers such as {@code report review --compare=FILE} that want
 * a comparison on demand. Live results are never touched. The job route is {@code run review --rules=FILE}.
 */
@Component
public class WhatIfReview {

    private final RuleSets ruleSets;
    private final FirmPages pages;
    private final ReviewRuns runs;
    private final ReviewComparison comparison;
    private final TransactionTemplate transaction;
    private final int pageSize;

    WhatIfReview(RuleSets ruleSets, FirmPages pages, ReviewRuns runs, ReviewComparison comparison,
                 PlatformTransactionManager transactions,
                 @Value("${qe.review.page-size:200}") int pageSize) {
        this.ruleSets = ruleSets;
        this.pages = pages;
        this.runs = runs;
        this.comparison = comparison;
        this.transaction = new TransactionTemplate(transactions);
        this.pageSize = pageSize;
    }

    /** Evaluates {@code rulesFile} (a path, or a file name in jobs/review-rules/) at {@code reviewDate}; returns the complete run. */
    public ReviewComparison.Run evaluate(LocalDate reviewDate, String rulesFile) {
        RuleSet ruleSet = ruleSets.file(rulesFile);
        long runId = runs.start(null, reviewDate, ruleSet);
        String after = "";
        while (after != null) {
            String from = after;
            after = transaction.execute(status -> {
                FirmPages.Page page = pages.after(from, pageSize, reviewDate.getYear() - 1);
                runs.write(runId, HolderReview.evaluate(page.firms(), ruleSet, reviewDate));
                return page.last();
            });
        }
        runs.completeWhatIf(runId);
        return comparison.run(runId).orElseThrow();
    }
}
