package cn.qeregistry.exceptions;

import cn.qeregistry.core.CreditCode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Source rows for the register's tests: enterprises, deliveries with rejects, master issues and live
 * review runs. Everything carries the marker {@link #RULE_SET} or file prefix {@link #FILE_PREFIX}
 * so a test can remove its own rows without touching other features' test data.
 */
public final class RegisterFixtures {

    public static final String RULE_SET = "test-register";
    public static final String FILE_PREFIX = "test-register-";

    private final JdbcClient jdbc;

    public RegisterFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A valid credit code whose body ends with {@code n}. */
    public static String code(int n) {
        String body = String.format("91420100MA%07d", n);
        return body + (char) CreditCode.checkCharFor(body);
    }

    /** Empties the register and removes this fixture's source rows. */
    public void clean() {
        jdbc.sql("delete from exception_follow_up").update();
        jdbc.sql("delete from exception_item").update();
        jdbc.sql("delete from exception_sync").update();
        jdbc.sql("delete from review_run where rule_set = ?").param(RULE_SET).update();
        jdbc.sql("delete from master_issue where detail like 'test-register%'").update();
        jdbc.sql("delete from attribute_lineage where uscc like '91420100MA%'").update();
        jdbc.sql("delete from enterprise_year_fact where uscc like '91420100MA%'").update();
        jdbc.sql("delete from intake_reject where delivery_id in (select id from delivery where file_name like ?)")
                .param(FILE_PREFIX + "%").update();
        jdbc.sql("delete from delivery where file_name like ?").param(FILE_PREFIX + "%").update();
        jdbc.sql("delete from tier_holding where uscc like '91420100MA%'").update();
        jdbc.sql("delete from enterprise where uscc like '91420100MA%'").update();
    }

    public void enterprise(String uscc, String name, String region) {
        jdbc.sql("insert into enterprise (uscc, name, region_code) values (?, ?, ?)").params(uscc, name, region).update();
    }

    public void tier(String uscc, String tier) {
        jdbc.sql("insert into tier_holding (uscc, tier, level) values (?, ?, 'PROVINCIAL')").params(uscc, tier).update();
    }

    /** A new completed live review run, one day after the latest (it becomes the latest); returns its id. */
    public long reviewRun() {
        return jdbc.sql("""
                        insert into review_run (review_date, rule_set, rule_set_version, live, completed_at)
                        select coalesce(max(review_date) + 1, date '2026-11-26'), ?, '1', true, now() from review_run
                        returning id""")
                .param(RULE_SET).query(Long.class).single();
    }

    public void result(long run, String uscc, String tier, String ruleId, String outcome, String observed, String threshold) {
        jdbc.sql("insert into review_result (review_run_id, uscc, tier, level, rule_id, outcome, observed, threshold, period, detail)"
                        + " values (?, ?, ?, 'PROVINCIAL', ?, ?, ?, ?, '2025', ?)")
                .params(run, uscc, tier, ruleId, outcome, observed, threshold, "rule " + ruleId).update();
    }

    /** A delivery of {@code feed} in status {@code status}; returns its id. */
    public long delivery(String feed, String period, String status) {
        String file = FILE_PREFIX + feed + "-" + System.nanoTime() + ".csv";
        return jdbc.sql("insert into delivery (feed, file_name, sha256, size_bytes, period, status) values (?, ?, ?, 1, ?, ?) returning id")
                .params(feed, file, String.format("%064d", System.nanoTime()), period, status).query(Long.class).single();
    }

    public void reject(long delivery, String category, String uscc, int row, String column, String value, String reason, String name) {
        jdbc.sql("insert into intake_reject (delivery_id, feed, category, uscc, row_no, column_name, value, reason, raw_cells)"
                        + " select id, feed, ?, ?, ?, ?, ?, ?, jsonb_build_object('企业名称', ?::text) from delivery where id = ?")
                .params(category, uscc, row, column, value, reason, name, delivery).update();
    }

    public void masterIssue(String category, String uscc, String feed, String field, String observed, String expected) {
        jdbc.sql("insert into master_issue (category, uscc, feed, field, period, observed, expected, detail) values (?, ?, ?, ?, '', ?, ?, 'test-register')")
                .params(category, uscc, feed, field, observed, expected).update();
    }
}
