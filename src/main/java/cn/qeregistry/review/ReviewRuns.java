package cn.qeregistry.review;

import cn.qeregistry.review.rules.RuleSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Table review_run and its review_result rows: a run is written in chunks, then completed (and, if live, published). */
@Component
class ReviewRuns {

    private final JdbcTemplate jdbc;

    ReviewRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long start(Long jobExecutionId, LocalDate reviewDate, RuleSet ruleSet) {
        return jdbc.queryForObject("""
                        insert into review_run (job_execution_id, review_date, rule_set, rule_set_version, live, rules_file, rules_digest)
                        values (?, ?, ?, ?, false, ?, ?) returning id""", Long.class,
                jobExecutionId, Date.valueOf(reviewDate), ruleSet.name(), ruleSet.version(), ruleSet.file().toString(), ruleSet.digest());
    }

    /** Drops an unfinished run (its rule file changed before a restart): its results are evaluated again. */
    void discard(long runId) {
        jdbc.update("delete from review_run where id = ? and completed_at is null", runId);
    }

    void write(long runId, List<HolderReview.Row> rows) {
        jdbc.batchUpdate("""
                        insert into review_result (review_run_id, uscc, tier, level, rule_id, outcome, observed, threshold, period, detail, lineage)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""", rows, rows.size(), (ps, row) -> {
            ps.setLong(1, runId);
            ps.setString(2, row.uscc());
            ps.setString(3, row.tier());
            ps.setString(4, row.level());
            ps.setString(5, row.result().ruleId());
            ps.setString(6, row.result().outcome().name());
            ps.setString(7, row.result().observed());
            ps.setString(8, row.result().threshold());
            ps.setString(9, row.result().period());
            ps.setString(10, row.result().detail());
            ps.setString(11, row.lineageJson());
        });
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
