package cn.qeregistry.master;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code master} step: rebuilds the golden records of the firms whose inputs changed since the
 * last run, in one transaction (a failed run leaves nothing half-written and is simply redone on
 * restart). All work is set-based SQL over temp tables of touched codes.
 */
final class MasterBuild implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(MasterBuild.class);

    private final Survivorship rules;
    private final ChangedFirms changed;
    private final CurrentRows current;
    private final GoldenRecords golden;
    private final MasterIssues issues;

    MasterBuild(JdbcClient jdbc, Survivorship rules) {
        this.rules = rules;
        Statements sql = new Statements(jdbc);
        this.changed = new ChangedFirms(sql);
        this.current = new CurrentRows(sql);
        this.golden = new GoldenRecords(sql, rules);
        this.issues = new MasterIssues(sql, rules);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long execution = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        long started = System.nanoTime();
        boolean rulesChanged = changed.rulesChanged(rules.digest());
        long touched = changed.collect(rulesChanged);
        long written = 0;
        long history = 0;
        long issueCount = 0;
        if (touched > 0) {
            current.build();
            golden.build();
            history = golden.recordHistory(execution);
            written = golden.write(execution);
            issueCount = issues.rewrite(execution);
        }
        changed.markTaken(execution, rules.digest());
        contribution.incrementReadCount();
        contribution.incrementWriteCount(written);
        log.info("master: {} codes touched{}, {} enterprise rows written, {} changes recorded, {} issues, {} ms", touched,
                rulesChanged ? " (survivorship rules changed: every firm)" : "", written, history, issueCount,
                (System.nanoTime() - started) / 1_000_000);
        return RepeatStatus.FINISHED;
    }
}
