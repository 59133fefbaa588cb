package cn.qeregistry.master;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200,000 registered firms with three tax years, science, finance and registry rows: the first build,
 * a no-op re-run, a night with one changed tax file and a night with a new full registration extract.
 * Prints the timings (no timing assertion: the machine is shared); the point is that the work stays
 * set-based and the incremental nights touch only what changed.
 */
@Tag("slow")
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false",
        "logging.level.cn.qeregistry.master.Statements=DEBUG"})
class MasterAtScaleTest {

    /** 50,000 in the build; -Dqe.test.master-scale.firms=2000000 for the province-sized run. */
    static final int FIRMS = Integer.getInteger("qe.test.master-scale.firms", 50_000);
    static final String PREFIX = "91429999";
    /** The province's 市州 (prefecture) codes; firms are spread over their first counties. */
    static final String REGIONS = "array['420102','420202','420302','420502','420602','420702','420802','420902','421002',"
            + "'421102','421202','421302','422801','429004','429005','429006','429021']";

    @Autowired JdbcClient jdbc;
    @Autowired List<Step> steps;
    @Autowired JobOperator operator;
    @Autowired JobRepository repository;

    @AfterEach
    void removeTheProvince() {
        String mine = "(select id from delivery where file_name like 'scale-%')";
        for (String table : List.of("master_lineage", "attribute_history", "tier_holding", "enterprise_year_fact", "enterprise")) {
            jdbc.sql("delete from " + table + " where uscc like '" + PREFIX + "%'").update();
        }
        jdbc.sql("delete from master_issue where uscc like '" + PREFIX + "%' or uscc like '" + PREFIX.substring(0, 3) + "%'").update();
        for (String table : List.of("stg_market", "stg_tax", "stg_science", "stg_finance", "stg_registry", "master_delivery_taken")) {
            jdbc.sql("delete from " + table + " where delivery_id in " + mine).update();
        }
        jdbc.sql("update delivery set superseded_by = null where file_name like 'scale-%'").update();
        jdbc.sql("delete from delivery where file_name like 'scale-%'").update();
    }

    @Test
    void aProvinceIsBuiltSetBasedAndLaterNightsTouchOnlyWhatChanged() throws Exception {
        MasterStepRunner runner = new MasterStepRunner(operator, repository);
        Step master = steps.stream().filter(s -> s.getName().equals("master")).findFirst().orElseThrow();
        long market = delivery("market", "2026-11-25");
        stageMarket(market, "");
        long[] tax = {delivery("tax", "2023"), delivery("tax", "2024"), delivery("tax", "2025")};
        for (int i = 0; i < 3; i++) {
            stageTax(tax[i], 2023 + i, "revenue_base");
        }
        stage("""
                insert into stg_science (delivery_id, row_no, uscc, name, hnte_cert_no, hnte_valid_until, class1_ip, rd_staff, total_staff)
                select :d, i + 1, code(i), '湖北规模企业' || i || '有限公司', 'GR' || i, date '2027-06-30', i % 7, i % 40, 50 + i % 300
                from generate_series(1, :n, 4) i""", delivery("science", "2026-11-25"));
        stage("""
                insert into stg_finance (delivery_id, row_no, uscc, name, fiscal_year, listing_status, equity_financing)
                select :d, 2 * i + y - 2023, code(i), '湖北规模企业' || i || '有限公司', y, '未上市', (i % 100) * 100000
                from generate_series(1, :n, 10) i, generate_series(2023, 2024) y""", delivery("finance", "2026-11-25"));
        stage("""
                insert into stg_registry (delivery_id, row_no, uscc, name, tier, level, valid_until, region_code)
                select :d, i + 1, code(i), '湖北规模企业' || i || '有限公司',
                       (array['INNOVATIVE_SME','SRDI_SME','LITTLE_GIANT'])[1 + i % 3], 'PROVINCIAL', date '2027-12-31', '420100'
                from generate_series(1, :n, 20) i""", delivery("registry", "2026-11-25"));

        long started = System.nanoTime();
        long first = runner.run(master);
        report("first build", started);
        assertThat(count("select count(*) from enterprise where uscc like '" + PREFIX + "%'")).isEqualTo(FIRMS);
        assertThat(count("select count(*) from enterprise_year_fact where uscc like '" + PREFIX + "%'")).isEqualTo(3L * FIRMS);
        assertThat(count("select count(*) from master_issue where uscc like '" + PREFIX + "%' and category = 'UNMATCHED'"))
                .isZero();

        started = System.nanoTime();
        long idle = runner.run(master);
        report("re-run without new deliveries", started);
        assertThat(count("select count(*) from attribute_history where job_execution_id = " + idle)).isZero();

        long corrected = delivery("tax", "2025");
        stageTax(corrected, 2025, "case when i % 2000 = 0 then revenue_base + 1 else revenue_base end");
        jdbc.sql("update delivery set status = 'SUPERSEDED', superseded_by = ? where id = ?").params(corrected, tax[2]).update();
        started = System.nanoTime();
        long taxNight = runner.run(master);
        report("night with one corrected tax file", started);
        assertThat(count("select count(distinct uscc) from attribute_history where job_execution_id = " + taxNight))
                .isEqualTo(FIRMS / 2000);
        assertThat(count("select count(*) from enterprise where updated_execution_id = " + taxNight)).isZero();

        long nextMarket = delivery("market", "2026-11-26");
        stageMarket(nextMarket, "|| case when i % 20000 = 0 then '（更名）' else '' end");
        started = System.nanoTime();
        long marketNight = runner.run(master);
        report("night with a new full registration extract", started);
        assertThat(count("select count(*) from enterprise where updated_execution_id = " + marketNight)).isEqualTo(FIRMS / 20000);
        assertThat(count("select count(*) from enterprise where created_execution_id = " + first)).isEqualTo(FIRMS);
    }

    private void stageMarket(long delivery, String rename) {
        stage("""
                insert into stg_market (delivery_id, row_no, uscc, name, legal_rep, registration_status, established_on,
                                        registered_capital, industry_code, region_code, abnormal_operations, serious_dishonest)
                select :d, i + 1, code(i), '湖北规模企业' || i || '有限公司' %s, '法人' || i, '存续',
                       date '2000-01-01' + (i %% 8000), 1000000 + i, 'C' || (1300 + i %% 3000), (%s)[1 + i %% 17],
                       i %% 97 = 0, i %% 991 = 0
                from generate_series(1, :n) i""".formatted(rename, REGIONS), delivery);
    }

    private void stageTax(long delivery, int year, String revenue) {
        stage("""
                insert into stg_tax (delivery_id, row_no, sheet, uscc, name, fiscal_year, revenue, main_business_revenue,
                                     rd_expense, total_assets, total_liabilities, tax_paid, tax_credit_grade)
                select :d, i + 2, '%1$d年度', code(i), '湖北规模企业' || i || '有限公司', %1$d, %2$s, revenue_base * 0.8,
                       revenue_base * 0.04, revenue_base * 2, revenue_base, revenue_base * 0.03, (array['A','B','M','C','D'])[1 + i %% 5]
                from (select i, (1000000 + i * 37 %% 90000000)::numeric(20, 2) as revenue_base
                      from generate_series(1, :n) i) s""".formatted(year, revenue), delivery);
    }

    private void stage(String insert, long delivery) {
        String sql = insert.replace("code(i)", "'" + PREFIX + "' || lpad(i::text, 9, '0') || 'Y'");
        jdbc.sql(sql).param("d", delivery).param("n", FIRMS).update();
    }

    private long delivery(String feed, String period) {
        String sha = String.format("%064x", System.nanoTime()).substring(0, 64);
        return jdbc.sql("insert into delivery (feed, file_name, sha256, size_bytes, period, status) values (?, ?, ?, 1, ?, 'STAGED')"
                        + " returning id").params(feed, "scale-" + feed + "-" + period, sha, period).query(Long.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void report(String phase, long started) {
        System.out.printf("master at %,d firms, %s: %,d ms%n", FIRMS, phase, (System.nanoTime() - started) / 1_000_000);
    }
}
