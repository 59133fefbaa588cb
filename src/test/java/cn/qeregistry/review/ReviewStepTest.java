package cn.qeregistry.review;

import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step review on PostgreSQL, from master rows inserted directly: live results with observed values,
 * thresholds and lineage; a re-run replaces the date's live results; a what-if of the 2026 draft
 * leaves them alone and reports who would newly fail or pass; a failed run restarts after its last
 * committed page. The database is shared with other test classes: assertions look at our firms only.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false",
        "qe.review.page-size=50"})
class ReviewStepTest {

    static final String SRDI = "91420100RVW000001A";
    static final String GIANT = "91420100RVW000002B";
    static final String GAPS = "91420100RVW000003C";
    static final String UNREGISTERED = "91420100RVW000004D";
    static final List<String> OURS = List.of(SRDI, GIANT, GAPS, UNREGISTERED);

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;
    @Autowired ReviewComparison comparison;
    @Autowired WhatIfReview whatIfReview;

    long taxDelivery;
    long registryDelivery;

    @BeforeEach
    void masterRecord() {
        jdbc.sql("delete from attribute_lineage where uscc in (:codes)").param("codes", OURS).update();
        jdbc.sql("delete from tier_holding where uscc in (:codes)").param("codes", OURS).update();
        jdbc.sql("delete from enterprise_year_fact where uscc in (:codes)").param("codes", OURS).update();
        jdbc.sql("delete from enterprise where uscc in (:codes)").param("codes", OURS).update();
        taxDelivery = delivery("tax", "tax-2030.xlsx");
        registryDelivery = delivery("registry", "registry-2031-03-15.xlsx");
        long marketDelivery = delivery("market", "market-2031-03-15.csv");

        enterprise(SRDI, "湖北甲精密机械有限公司", "2020-02-29", 0);
        years(SRDI, 2030, "100000000", "80000000", "3500000", "100000000", "60000000", "A", null);
        years(SRDI, 2029, "90000000", "70000000", "3000000", "90000000", "50000000", "B", null);
        holding(SRDI, "SRDI_SME", "PROVINCIAL", "2033-12-31", 7);
        lineage(SRDI, "rd_expense", 2030, "tax", taxDelivery, "2030年度", 12);
        lineage(SRDI, "revenue", 2030, "tax", taxDelivery, "2030年度", 12);
        lineage(SRDI, "established_on", 0, "market", marketDelivery, null, 3);
        lineage(SRDI, "tier:SRDI_SME", 0, "registry", registryDelivery, "名单", 7);

        enterprise(GIANT, "湖北乙新材料股份有限公司", "2010-05-01", 3);
        years(GIANT, 2030, "120000000", "100000000", "4000000", "100000000", "72000000", "A", "0");
        years(GIANT, 2029, "110000000", "90000000", "3600000", "100000000", "70000000", "A", null);
        years(GIANT, 2028, "100000000", "80000000", "3000000", "100000000", "70000000", "A", null);
        holding(GIANT, "LITTLE_GIANT", "NATIONAL", "2033-12-31", 8);

        enterprise(GAPS, "湖北丙电子有限公司", null, null);
        holding(GAPS, "SRDI_SME", "PROVINCIAL", "2031-04-01", 9);

        holding(UNREGISTERED, "SRDI_SME", "PROVINCIAL", "2033-12-31", 10);
    }

    @Test
    void liveRunWritesOneResultPerHolderAndRuleWithObservedValuesAndLineage() throws Exception {
        LocalDate d = LocalDate.parse("2031-03-15");
        JobExecution execution = run(d, Map.of());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        long runId = liveRunId(d);
        assertThat(outcomes(runId, SRDI)).containsOnly("PASS").hasSize(9);
        assertThat(count(runId, UNREGISTERED)).isZero();
        assertThat(count(runId, GIANT)).isEqualTo(12);

        var ratio = jdbc.sql("select observed, threshold, period, lineage::jsonb::text from review_result "
                        + "where review_run_id = ? and uscc = ? and rule_id = 'srdi.rd_ratio_min'")
                .params(runId, SRDI).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).single();
        assertThat(ratio.get(0)).isEqualTo("0.035 (rd_expense 3,500,000 / revenue 100,000,000)");
        assertThat(ratio.get(1)).isEqualTo(">= 0.03");
        assertThat(ratio.get(2)).isEqualTo("2030");
        assertThat(ratio.get(3)).contains("\"input\": \"rd_expense\"", "\"feed\": \"tax\"", "\"delivery_id\": " + taxDelivery,
                "\"sheet\": \"2030年度\"", "\"row_no\": 12");

        String certificateLineage = jdbc.sql("select lineage::jsonb::text from review_result where review_run_id = ? and uscc = ? "
                + "and rule_id = 'common.certificate_valid'").params(runId, SRDI).query(String.class).single();
        assertThat(certificateLineage).contains("\"feed\": \"registry\"", "\"delivery_id\": " + registryDelivery, "\"row_no\": 7",
                "\"sheet\": \"名单\"");
        String giantCertificate = jdbc.sql("select lineage::jsonb::text from review_result where review_run_id = ? and uscc = ? "
                + "and rule_id = 'common.certificate_valid'").params(runId, GIANT).query(String.class).single();
        assertThat(giantCertificate).contains("\"feed\": \"registry\"", "\"row_no\": 8");

        String financing = jdbc.sql("select lineage::jsonb::text from review_result where review_run_id = ? and uscc = ? "
                + "and rule_id = 'srdi.revenue_or_financing'").params(runId, SRDI).query(String.class).single();
        assertThat(financing).contains("\"default\": true");

        assertThat(outcome(runId, GIANT, "lg.debt_ratio_max")).isEqualTo("FAIL");
        assertThat(outcome(runId, GIANT, "lg.class1_ip_min")).isEqualTo("PASS");
        assertThat(outcome(runId, GAPS, "srdi.years_in_niche")).isEqualTo("DATA_GAP");
        assertThat(outcome(runId, GAPS, "srdi.rd_expense_min")).isEqualTo("DATA_GAP");
        assertThat(outcome(runId, GAPS, "common.certificate_valid")).isEqualTo("WARN");
        assertThat(jdbc.sql("select rule_set || ' ' || rule_set_version from review_run where id = ?").param(runId)
                .query(String.class).single()).isEqualTo("miit-2022 2022.1");
    }

    @Test
    void runningADateAgainReplacesItsLiveResults() throws Exception {
        LocalDate d = LocalDate.parse("2031-03-16");
        run(d, Map.of());
        long first = liveRunId(d);
        long firstCount = count(first, GIANT);

        assertThat(run(d, Map.of("attempt", "2")).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        long second = liveRunId(d);
        assertThat(second).isNotEqualTo(first);
        assertThat(jdbc.sql("select count(*) from review_run where review_date = ? and live").param(d).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from review_result where review_run_id = ?").param(first).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from review_input_digest where review_run_id = ?").param(first).query(Long.class).single())
                .as("the replaced run's input digests go with it").isZero();
        assertThat(count(second, GIANT)).as("the second run keeps every result after replacing the run it may have carried from").isEqualTo(firstCount);
        assertThat(jdbc.sql("select carried_from from review_run where id = ?").param(second).query(Long.class).optional())
                .as("the replaced base is gone").isEmpty();
    }

    @Test
    void whatIfOfTheDraftLeavesLiveResultsAloneAndListsWhoWouldNewlyFailOrPass() throws Exception {
        LocalDate d = LocalDate.parse("2031-03-17");
        run(d, Map.of());
        long live = liveRunId(d);
        long liveResults = jdbc.sql("select count(*) from review_result where review_run_id = ?").param(live).query(Long.class).single();

        JobExecution whatIf = run(d, Map.of("rules", "jobs/review-rules/miit-2026-draft.yml"));
        assertThat(whatIf.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(liveRunId(d)).isEqualTo(live);
        assertThat(jdbc.sql("select count(*) from review_result where review_run_id = ?").param(live).query(Long.class).single())
                .isEqualTo(liveResults);
        ReviewComparison.Run draft = comparison.latestWhatIf(d, "miit-2026-draft").orElseThrow();
        assertThat(draft.live()).isFalse();

        List<ReviewComparison.Difference> giant = new java.util.ArrayList<>();
        comparison.forEachDifference(draft.id(), diff -> {
            if (diff.uscc().equals(GIANT)) {
                giant.add(diff);
            }
        });
        assertThat(giant).extracting(ReviewComparison.Difference::ruleId, ReviewComparison.Difference::change)
                .contains(org.assertj.core.groups.Tuple.tuple("lg.class1_ip_min", ReviewComparison.Change.NEWLY_FAILING),
                        org.assertj.core.groups.Tuple.tuple("lg.debt_ratio_max", ReviewComparison.Change.NEWLY_PASSING),
                        org.assertj.core.groups.Tuple.tuple("lg.main_business_share", ReviewComparison.Change.NEWLY_FAILING));
        assertThat(comparison.summarise(draft.id()).holdersNewlyFailing()).isGreaterThanOrEqualTo(1);

        Path csv = ReviewComparison.defaultCsv(d, "miit-2026-draft");
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("变化,统一社会信用代码").contains("新增不通过," + GIANT + ",湖北乙新材料股份有限公司");
        assertThat(whatIf.getStepExecutions().stream().filter(s -> s.getStepName().equals("review")).findFirst().orElseThrow()
                .getExitStatus().getExitDescription())
                .contains("what-if miit-2026-draft", "newly failing", csv.toString());

        ReviewComparison.Run onDemand = whatIfReview.evaluate(d, "miit-2026-draft.yml");
        assertThat(onDemand.id()).isNotEqualTo(draft.id());
        assertThat(comparison.latestWhatIf(d, "miit-2026-draft")).contains(onDemand);
        List<ReviewComparison.Difference> again = new java.util.ArrayList<>();
        comparison.forEachDifference(onDemand.id(), diff -> {
            if (diff.uscc().equals(GIANT)) {
                again.add(diff);
            }
        });
        assertThat(again).isEqualTo(giant);
        assertThat(liveRunId(d)).isEqualTo(live);
    }

    @Test
    void failedRunRestartsAfterItsLastCommittedPageAndWritesEachResultOnce() throws Exception {
        LocalDate d = LocalDate.parse("2031-03-18");
        jdbc.sql("create table if not exists review_test_failure (uscc char(18) primary key)").update();
        jdbc.sql("""
                create or replace function review_test_fail() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from review_test_failure f where f.uscc = new.uscc) then
                        raise exception 'planned failure at %', new.uscc;
                    end if;
                    return new;
                end $$""").update();
        jdbc.sql("drop trigger if exists review_test_fail on review_result").update();
        jdbc.sql("create trigger review_test_fail before insert on review_result for each row execute function review_test_fail()").update();
        try {
            jdbc.sql("insert into review_test_failure values (?)").param(GIANT).update();
            JobExecution failed = run(d, Map.of());
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            long unfinished = jdbc.sql("select id from review_run where review_date = ?").param(d).query(Long.class).single();
            assertThat(jdbc.sql("select count(*) from review_run where review_date = ? and live").param(d).query(Long.class).single()).isZero();
            assertThat(count(unfinished, GIANT)).isZero();

            jdbc.sql("delete from review_test_failure").update();
            JobExecution restarted = run(d, Map.of());
            assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(restarted.getJobInstance().getId()).isEqualTo(failed.getJobInstance().getId());
            assertThat(liveRunId(d)).isEqualTo(unfinished);
            assertThat(count(unfinished, SRDI)).isEqualTo(9);
            assertThat(count(unfinished, GIANT)).isEqualTo(12);
            long expected = jdbc.sql("""
                    select sum(case t.tier when 'INNOVATIVE_SME' then 6 when 'SRDI_SME' then 9 when 'LITTLE_GIANT' then 12
                                           when 'SINGLE_CHAMPION' then 8 else 5 end)
                      from tier_holding t join enterprise e on e.uscc = t.uscc""").query(Long.class).single();
            assertThat(jdbc.sql("select count(*) from review_result where review_run_id = ?").param(unfinished).query(Long.class).single())
                    .as("every holder × rule exactly once across both attempts").isEqualTo(expected);
        } finally {
            jdbc.sql("drop trigger if exists review_test_fail on review_result").update();
            jdbc.sql("drop table if exists review_test_failure").update();
        }
    }

    private JobExecution run(LocalDate d, Map<String, String> extra) throws Exception {
        Job job = runner.job("review").orElseThrow();
        JobRunner.Launch launch = runner.run(job, d, extra);
        assertThat(launch.ran()).as(String.valueOf(launch.refusal())).isTrue();
        return launch.execution();
    }

    private long liveRunId(LocalDate d) {
        return jdbc.sql("select id from review_run where review_date = ? and live").param(d).query(Long.class).single();
    }

    private List<String> outcomes(long runId, String uscc) {
        return jdbc.sql("select outcome from review_result where review_run_id = ? and uscc = ?").params(runId, uscc)
                .query(String.class).list();
    }

    private String outcome(long runId, String uscc, String ruleId) {
        return jdbc.sql("select outcome from review_result where review_run_id = ? and uscc = ? and rule_id = ?")
                .params(runId, uscc, ruleId).query(String.class).single();
    }

    private long count(long runId, String uscc) {
        return jdbc.sql("select count(*) from review_result where review_run_id = ? and uscc = ?").params(runId, uscc)
                .query(Long.class).single();
    }

    private long delivery(String feed, String file) {
        return jdbc.sql("insert into delivery (feed, file_name, sha256, size_bytes, status) values (?, ?, ?, 1, 'STAGED') returning id")
                .params(feed, file, String.format("%064x", System.nanoTime())).query(Long.class).single();
    }

    private void enterprise(String uscc, String name, String establishedOn, Integer class1Ip) {
        jdbc.sql("""
                        insert into enterprise (uscc, name, registration_status, established_on, industry_code, region_code,
                                                abnormal_operations, serious_dishonest, class1_ip, rd_staff, total_staff)
                        values (?, ?, ?, ?, 'C3670', '420100', ?, ?, ?, 30, 100)""")
                .params(uscc, name, establishedOn == null ? null : "存续", establishedOn == null ? null : LocalDate.parse(establishedOn),
                        establishedOn == null ? null : false, establishedOn == null ? null : false, class1Ip)
                .update();
    }

    private void years(String uscc, int year, String revenue, String mainBusiness, String rd, String assets, String liabilities,
                       String grade, String financing) {
        jdbc.sql("""
                        insert into enterprise_year_fact (uscc, fiscal_year, revenue, main_business_revenue, rd_expense,
                                                          total_assets, total_liabilities, tax_credit_grade, equity_financing)
                        values (?, ?, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?, ?::numeric)""")
                .params(uscc, year, revenue, mainBusiness, rd, assets, liabilities, grade, financing).update();
    }

    private void holding(String uscc, String tier, String level, String validUntil, int rowNo) {
        jdbc.sql("insert into tier_holding (uscc, tier, level, valid_until, region_code, delivery_id, row_no) values (?, ?, ?, ?, '420100', ?, ?)")
                .params(uscc, tier, level, LocalDate.parse(validUntil), registryDelivery, rowNo).update();
    }

    private void lineage(String uscc, String attribute, int year, String feed, long deliveryId, String sheet, int rowNo) {
        jdbc.sql("insert into attribute_lineage (uscc, attribute, fiscal_year, feed, delivery_id, sheet, row_no, as_of) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(uscc, attribute, year, feed, deliveryId, sheet, rowNo, LocalDate.parse("2031-03-15")).update();
    }
}
