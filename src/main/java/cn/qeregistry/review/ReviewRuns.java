package cn.qeregistry.review;

import cn.qeregistry.review.rules.RuleResult;
import cn.qeregistry.review.rules.RuleSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Table review_run and its review_result rows: a run is written in chunks, then completed (and, if live, published). */
@Component
class ReviewRuns {

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate ownTransaction;

    ReviewRuns(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Creates the run in a transaction of its own, so that it exists even when the first page of
     * results rolls back (the step's execution context, which keeps its id, is saved regardless).
     */
    long start(Long jobExecutionId, LocalDate reviewDate, RuleSet ruleSet) {
        return ownTransaction.execute(status -> jdbc.queryForObject("""
                        insert into review_run (job_execution_id, review_date, rule_set, rule_set_version, live, rules_file, rules_digest)
                        values (?, ?, ?, ?, false, ?, ?) returning id""", Long.class,
                jobExecutionId, Date.valueOf(reviewDate), ruleSet.name(), ruleSet.version(), ruleSet.file().toString(), ruleSet.digest()));
    }

    /** Drops an unfinished run (its rule file changed before a restart): its results are evaluated again. */
    void discard(long runId) {
        jdbc.update("delete from review_run where id = ? and completed_at is null", runId);
    }

    /** Appends results with COPY (one round trip per page), on the transaction's connection. */
    void write(long runId, List<HolderReview.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        CopyCsv csv = new CopyCsv(rows.size() * 1024);
        for (HolderReview.Row row : rows) {
            RuleResult r = row.result();
            csv.number(runId).field(row.uscc()).field(row.tier()).field(row.level()).field(r.ruleId()).field(r.outcome().name())
                    .field(r.observed()).field(r.threshold()).field(r.period()).field(r.detail()).field(row.lineageJson())
                    .endOfRow();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy review_result (review_run_id, uscc, tier, level, rule_id, outcome, observed, threshold, period, detail, lineage) "
                            + "from stdin (format csv)");
            try {
                copy.writeToCopy(csv.bytes(), 0, csv.length());
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write review results of run " + runId + ": " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Makes a complete run the live one of its date, replacing (deleting) the date's previous live run. */
    void publishLive(long runId, LocalDate reviewDate) {
        jdbc.update("delete from review_run where review_date = ? and live and id <> ?", Date.valueOf(reviewDate), runId);
        jdbc.update("update review_run set live = true, completed_at = now() where id = ?", runId);
    }

    /** Completes a what-if run; it stays live = false. */
    void completeWhatIf(long runId) {
        jdbc.update("update review_run set completed_at = now() where id = ?", runId);
    }

    /** Results of a run per outcome, in outcome order. */
    Map<String, Long> outcomes(long runId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String outcome : List.of("PASS", "WARN", "FAIL", "DATA_GAP")) {
            counts.put(outcome, 0L);
        }
        jdbc.query("select outcome, count(*) from review_result where review_run_id = ? group by outcome",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, runId);
        return counts;
    }
}
