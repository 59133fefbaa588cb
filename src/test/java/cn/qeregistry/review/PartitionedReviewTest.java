package cn.qeregistry.review;

import cn.qeregistry.review.rules.RuleSets;
import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step review split into 3 credit-code partitions (pages of 50): the same results as one partition;
 * a partition that fails mid-way fails the job while the others complete, and the restart resumes
 * only that partition after its last committed page, ending with exactly the uninterrupted results.
 * The database is shared with other test classes: results are compared for our firms only.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false",
        "qe.review.page-size=50", "qe.review.partitions=3"})
class PartitionedReviewTest {

    static final int FIRMS = 900;
    static final String PREFIX = "9142PART";
    static final LocalDate D = LocalDate.parse("2034-06-30");

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;
    @Autowired JobRepository jobRepository;
    @Autowired PlatformTransactionManager transactions;
    @Autowired RuleSets ruleSets;
    @Autowired ReviewRuns runs;
    @Autowired CarryOver carryOver;
    @Autowired ReviewComparison comparison;
    @Autowired JdbcTemplate jdbcTemplate;
    @Autowired ReviewTasklet tasklet;

    @BeforeEach
    void holders() {
        removeOurFirms();
        long delivery = jdbc.sql("insert into delivery (feed, file_name, sha256, size_bytes, status) values ('registry', 'part.xlsx', ?, 1, 'STAGED') returning id")
                .param(String.format("%064x", System.nanoTime())).query(Long.class).single();
        jdbc.sql("""
                insert into enterprise (uscc, name, registration_status, established_on, industry_code, region_code,
                                        abnormal_operations, serious_dishonest, class1_ip, rd_staff, total_staff)
                select ? || lpad(n::text, 10, '0'), '分区测试企业' || n, '存续', date '2016-01-01' + n % 3000,
                       'C3' || (n % 10) || '10', '420100', n % 97 = 0, false, n % 5, 20 + n % 40, 100
                  from generate_series(1, ?) n where n % 50 <> 7""").params(PREFIX, FIRMS).update();
        jdbc.sql("""
                insert into enterprise_year_fact (uscc, fiscal_year, revenue, main_business_revenue, rd_expense,
                                                  total_assets, total_liabilities, tax_credit_grade, equity_financing)
                select ? || lpad(n::text, 10, '0'), y, 30000000 + n * 1000 + y, 25000000 + n * 900, 900000 + n * 50,
                       80000000, 40000000 + n * 10, substr('ABMCD', 1 + n % 5, 1), case when n % 3 = 0 then 5000000 end
                  from generate_series(1, ?) n cross join generate_series(2031, 2033) y where n % 11 <> 4 and n % 50 <> 7""").params(PREFIX, FIRMS).update();
        jdbc.sql("""
                insert into tier_holding (uscc, tier, level, valid_until, region_code, delivery_id, row_no)
                select ? || lpad(n::text, 10, '0'),
                       (array['INNOVATIVE_SME','SRDI_SME','LITTLE_GIANT','SINGLE_CHAMPION','CHAIN_LEADER'])[1 + n % 5],
                       case when n % 5 = 3 then 'NATIONAL' else 'PROVINCIAL' end, date '2034-06-30' + (n % 200) - 50, '420100', ?, n
                  from generate_series(1, ?) n""").params(PREFIX, delivery, FIRMS).update();
    }

    @AfterEach
    void removeOurFirms() {
        jdbc.sql("drop trigger if exists review_partition_fail on review_result").update();
        jdbc.sql("delete from review_run where review_date = ?").param(D).update();
        jdbc.sql("delete from tier_holding where uscc like '" + PREFIX + "%'").update();
        jdbc.sql("delete from enterprise_year_fact where uscc like '" + PREFIX + "%'").update();
        jdbc.sql("delete from enterprise where uscc like '" + PREFIX + "%'").update();
    }

    @Test
    void threePartitionsGiveExactlyTheResultsOfOne() throws Exception {
        Job single = new JobBuilder("review.single-partition", jobRepository)
                .start(new ReviewStepConfiguration().review(jobRepository, transactions, ruleSets, runs, carryOver, comparison, jdbcTemplate, tasklet, 1))
                .build();
        JobExecution one = runner.run(single, D, Map.of()).execution();
        assertThat(one.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitions(one)).containsExactly("review:partition0");
        Set<String> oneResults = liveResults();

        JobExecution three = run(Map.of("attempt", "3"));
        assertThat(three.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitions(three)).containsExactly("review:partition0", "review:partition1", "review:partition2");
        assertThat(three.getStepExecutions()).filteredOn(s -> s.getStepName().startsWith("review:"))
                .allSatisfy(s -> assertThat(s.getReadCount()).as(s.getStepName() + " has holders").isPositive());
        assertThat(liveResults()).hasSize(oneResults.size()).isEqualTo(oneResults);
        assertThat(oneResults).hasSize((int) expectedResults());
    }

    @Test
    void aFailedPartitionAloneResumesAfterItsLastCommittedPage() throws Exception {
        assertThat(run(Map.of("attempt", "uninterrupted")).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Set<String> uninterrupted = liveResults();
        long uninterruptedRun = liveRun();

        failOn(PREFIX + String.format("%010d", FIRMS / 2));
        JobExecution failed = run(Map.of());
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        List<StepExecution> workers = failed.getStepExecutions().stream().filter(s -> s.getStepName().startsWith("review:")).toList();
        assertThat(workers).hasSize(3);
        StepExecution broken = workers.stream().filter(s -> s.getStatus() == BatchStatus.FAILED).findFirst().orElseThrow();
        assertThat(workers).filteredOn(s -> s != broken).extracting(StepExecution::getStatus)
                .containsOnly(BatchStatus.COMPLETED).hasSize(2);
        assertThat(liveRun()).as("a failed run is not published").isEqualTo(uninterruptedRun);
        StepExecution manager = failed.getStepExecutions().stream().filter(s -> s.getStepName().equals("review")).findFirst().orElseThrow();
        assertThat(manager.getExitStatus().getExitDescription()).as("the operator reads which partition failed and why")
                .startsWith("review partitions did not complete: " + broken.getStepName() + " FAILED: ")
                .contains("planned failure at " + PREFIX);
        String from = broken.getExecutionContext().getString(HolderRanges.FROM);
        String to = broken.getExecutionContext().getString(HolderRanges.TO, null);
        long inRange = jdbc.sql("select count(distinct t.uscc) from tier_holding t join enterprise e on e.uscc = t.uscc "
                        + "where t.uscc > ? and (cast(? as text) is null or t.uscc <= ?)")
                .params(from, to, to).query(Long.class).single();
        long unfinished = jdbc.sql("select id from review_run where review_date = ? and not live").param(D).query(Long.class).single();
        long committedBefore = jdbc.sql("select count(distinct uscc) from review_result where review_run_id = ? "
                        + "and uscc > ? and (cast(? as text) is null or uscc <= ?)")
                .params(unfinished, from, to, to).query(Long.class).single();
        assertThat(committedBefore).as("pages before the failing holder were committed").isPositive().isLessThan(inRange);

        jdbc.sql("drop trigger review_partition_fail on review_result").update();
        JobExecution restarted = run(Map.of());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getId()).isEqualTo(failed.getJobInstance().getId());
        assertThat(partitions(restarted)).as("completed partitions are not run again").containsExactly(broken.getStepName());
        StepExecution resumed = restarted.getStepExecutions().stream().filter(s -> s.getStepName().equals(broken.getStepName()))
                .findFirst().orElseThrow();
        assertThat(resumed.getReadCount()).as("the restart reads only the firms after the last committed page")
                .isEqualTo(inRange - committedBefore);

        Set<String> afterRestart = liveResults();
        assertThat(afterRestart).hasSize((int) expectedResults()).isEqualTo(uninterrupted);
        long run = liveRun();
        assertThat(run).as("the restart completes the run it began").isEqualTo(unfinished);
        assertThat(jdbc.sql("select count(*) from review_result where review_run_id = ? and uscc like '" + PREFIX + "%'")
                .param(run).query(Long.class).single()).as("no result written twice").isEqualTo(expectedResults());
    }

    @Test
    void aRuleFileEditedBeforeTheRestartMakesEveryPartitionStartAgain() throws Exception {
        Path rules = Files.createTempDirectory("review-rules").resolve("miit-2026-draft.yml");
        Files.copy(Path.of("jobs/review-rules/miit-2026-draft.yml"), rules);
        failOn(PREFIX + String.format("%010d", FIRMS / 2));
        JobExecution failed = run(Map.of("rules", rules.toString()));
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        long discarded = jdbc.sql("select id from review_run where review_date = ?").param(D).query(Long.class).single();

        jdbc.sql("drop trigger review_partition_fail on review_result").update();
        Files.writeString(rules, "\n# edited after the failed attempt\n", StandardOpenOption.APPEND);
        JobExecution restarted = run(Map.of("rules", rules.toString()));
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitions(restarted)).as("completed partitions too, for the new run")
                .containsExactly("review:partition0", "review:partition1", "review:partition2");
        long whatIf = jdbc.sql("select id from review_run where review_date = ?").param(D).query(Long.class).single();
        assertThat(whatIf).isNotEqualTo(discarded);
        var counts = jdbc.sql("select count(*), count(distinct (uscc, tier, rule_id)), count(distinct (uscc, tier)) "
                        + "from review_result where review_run_id = ? and uscc like '" + PREFIX + "%'")
                .param(whatIf).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
        long holdings = jdbc.sql("select count(*) from tier_holding t join enterprise e on e.uscc = t.uscc where t.uscc like '"
                + PREFIX + "%'").query(Long.class).single();
        assertThat(counts.get(0)).as("each holder × rule exactly once").isEqualTo(counts.get(1));
        assertThat(counts.get(2)).as("every holding reviewed for the new run").isEqualTo(holdings);
        assertThat(jdbc.sql("select count(*) from review_result where review_run_id = ?").param(discarded).query(Long.class).single())
                .isZero();
    }

    private void failOn(String uscc) {
        jdbc.sql("""
                create or replace function review_partition_fail() returns trigger language plpgsql as $$
                begin
                    if new.uscc = '%s' then
                        raise exception 'planned failure at %%', new.uscc;
                    end if;
                    return new;
                end $$""".formatted(uscc)).update();
        jdbc.sql("create trigger review_partition_fail before insert on review_result for each row execute function review_partition_fail()").update();
    }

    private JobExecution run(Map<String, String> extra) throws Exception {
        JobRunner.Launch launch = runner.run(runner.job("review").orElseThrow(), D, extra);
        assertThat(launch.ran()).as(String.valueOf(launch.refusal())).isTrue();
        return launch.execution();
    }

    private long liveRun() {
        return jdbc.sql("select id from review_run where review_date = ? and live").param(D).query(Long.class).single();
    }

    private static List<String> partitions(JobExecution execution) {
        return execution.getStepExecutions().stream().map(StepExecution::getStepName).filter(n -> n.startsWith("review:"))
                .sorted().toList();
    }

    /** Our firms' live results of D, each row as text (all columns but the run id). */
    private Set<String> liveResults() {
        return jdbc.sql("""
                        select concat_ws('|', r.uscc, r.tier, r.level, r.rule_id, r.outcome, r.observed, r.threshold, r.period,
                                         r.detail, r.lineage::jsonb::text)
                          from review_result r join review_run u on u.id = r.review_run_id
                         where u.review_date = ? and u.live and r.uscc like '%s%%'""".formatted(PREFIX))
                .param(D).query(String.class).list().stream().collect(Collectors.toCollection(TreeSet::new));
    }

    private long expectedResults() {
        return jdbc.sql("""
                select sum(case t.tier when 'INNOVATIVE_SME' then 6 when 'SRDI_SME' then 9 when 'LITTLE_GIANT' then 12
                                       when 'SINGLE_CHAMPION' then 8 else 5 end)
                  from tier_holding t join enterprise e on e.uscc = t.uscc where t.uscc like '%s%%'""".formatted(PREFIX))
                .query(Long.class).single();
    }
}
