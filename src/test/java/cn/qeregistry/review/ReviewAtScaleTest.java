package cn.qeregistry.review;

import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A province's worth of tier holders (20,000 firms, 24,000 holdings) reviewed in one run, page by page. */
@Tag("slow")
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class ReviewAtScaleTest {

    static final int FIRMS = 20_000;

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;

    @Test
    void everyHolderOfAProvinceIsReviewedOnce() throws Exception {
        long delivery = jdbc.sql("insert into delivery (feed, file_name, sha256, size_bytes, status) values ('registry', 'scale.xlsx', ?, 1, 'STAGED') returning id")
                .param(String.format("%064x", System.nanoTime())).query(Long.class).single();
        removeOurFirms();
        jdbc.sql("""
                insert into enterprise (uscc, name, registration_status, established_on, industry_code, region_code,
                                        abnormal_operations, serious_dishonest, class1_ip, rd_staff, total_staff)
                select '9142SCALE' || lpad(n::text, 9, '0'), '规模测试企业' || n, '存续', date '2015-01-01' + n % 3000,
                       'C3' || (n % 10) || '10', '420100', n % 97 = 0, false, n % 5, 20 + n % 40, 100
                  from generate_series(1, ?) n""").param(FIRMS).update();
        jdbc.sql("""
                insert into enterprise_year_fact (uscc, fiscal_year, revenue, main_business_revenue, rd_expense,
                                                  total_assets, total_liabilities, tax_credit_grade, equity_financing)
                select '9142SCALE' || lpad(n::text, 9, '0'), y, 30000000 + n * 1000 + y, 25000000 + n * 900, 900000 + n * 50,
                       80000000, 40000000 + n * 10, substr('ABMCD', 1 + n % 5, 1), null
                  from generate_series(1, ?) n cross join generate_series(2030, 2032) y""").param(FIRMS).update();
        jdbc.sql("""
                insert into tier_holding (uscc, tier, level, valid_until, region_code, delivery_id, row_no)
                select '9142SCALE' || lpad(n::text, 9, '0'),
                       (array['INNOVATIVE_SME','SRDI_SME','LITTLE_GIANT','SINGLE_CHAMPION','CHAIN_LEADER'])[1 + n % 5],
                       case when n % 5 = 3 then 'NATIONAL' else 'PROVINCIAL' end, date '2034-01-01', '420100', ?, n
                  from generate_series(1, ?) n""").params(delivery, FIRMS).update();
        jdbc.sql("""
                insert into tier_holding (uscc, tier, level, valid_until, region_code, delivery_id, row_no)
                select '9142SCALE' || lpad(n::text, 9, '0'), 'LITTLE_GIANT', 'NATIONAL', date '2034-01-01', '420100', ?, ? + n
                  from generate_series(1, ?) n where n % 5 = 3""").params(delivery, FIRMS, FIRMS).update();

        LocalDate d = LocalDate.parse("2033-06-30");
        Instant start = Instant.now();
        JobExecution execution = runner.run(runner.job("review").orElseThrow(), d, Map.of()).execution();
        Duration took = Duration.between(start, Instant.now());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        long expected = jdbc.sql("""
                select sum(case tier when 'INNOVATIVE_SME' then 6 when 'SRDI_SME' then 9 when 'LITTLE_GIANT' then 12
                                     when 'SINGLE_CHAMPION' then 8 else 5 end)
                  from tier_holding where uscc like '9142SCALE%'""").query(Long.class).single();
        long written = jdbc.sql("select count(*) from review_result r join review_run u on u.id = r.review_run_id "
                + "where u.review_date = ? and u.live and r.uscc like '9142SCALE%'").param(d).query(Long.class).single();
        assertThat(written).isEqualTo(expected);
        removeOurFirms(); // other test classes review every holder in the shared database
        System.out.printf("review of %d holdings: %d results in %s (%.0f results/s)%n", FIRMS + FIRMS / 5, written, took,
                written / (took.toMillis() / 1000.0));
    }

    private void removeOurFirms() {
        jdbc.sql("delete from review_run where review_date = '2033-06-30'").update();
        jdbc.sql("delete from tier_holding where uscc like '9142SCALE%'").update();
        jdbc.sql("delete from enterprise_year_fact where uscc like '9142SCALE%'").update();
        jdbc.sql("delete from enterprise where uscc like '9142SCALE%'").update();
    }
}
