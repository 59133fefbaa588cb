package cn.qeregistry.master;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The master step over staged rows on real PostgreSQL, with the shipped mappings/survivorship.yml. */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class MasterStepTest {

    @Autowired JdbcClient jdbc;
    @Autowired List<Step> steps;
    @Autowired JobOperator operator;
    @Autowired JobRepository repository;
    @Autowired MasterRecords records;

    StagedFeeds feeds;
    MasterStepRunner runner;

    @BeforeEach
    void setUp() {
        feeds = new StagedFeeds(jdbc);
        runner = new MasterStepRunner(operator, repository);
    }

    long runMaster() throws Exception {
        return runner.run(steps.stream().filter(s -> s.getName().equals("master")).findFirst().orElseThrow());
    }

    @Test
    void everyRegisteredFirmHasExactlyOneMasterRowFromTheNewestDeliveryAndLowestRow() throws Exception {
        String a = StagedFeeds.newCode(), b = StagedFeeds.newCode(), c = StagedFeeds.newCode();
        long yesterday = feeds.delivery("market", "2026-11-25");
        feeds.market(yesterday, 2, a, "甲公司旧名", "420106");
        feeds.market(yesterday, 3, b, "乙公司", "420106");
        feeds.market(yesterday, 4, c, "丙公司", "420502");
        long today = feeds.delivery("market", "2026-11-26");
        feeds.market(today, 6, a, "甲公司（第二行）", "420106");
        feeds.market(today, 2, a, "甲公司", "420106");

        runMaster();

        assertThat(jdbc.sql("select uscc from enterprise where uscc in (?, ?, ?)").params(a, b, c).query(String.class).list())
                .containsExactlyInAnyOrder(a, b, c);
        assertThat(name(a)).isEqualTo("甲公司");
        assertThat(lineage(a, "name", 0)).containsEntry("delivery_id", today).containsEntry("row_no", 2)
                .containsEntry("as_of", LocalDate.of(2026, 11, 26));
        assertThat(lineage(b, "name", 0)).containsEntry("delivery_id", yesterday).containsEntry("row_no", 3);
    }

    @Test
    void recordsOfUnregisteredCodesAreUnmatchedWithACandidateOnlyWhenNameAndRegionMatch() throws Exception {
        String firm = StagedFeeds.newCode(), lookalike = StagedFeeds.newCode(), stranger = StagedFeeds.newCode(),
                elsewhere = StagedFeeds.newCode();
        long market = feeds.delivery("market", "2026-11-26");
        feeds.market(market, 2, firm, "武汉光谷（湖北）科技有限公司", "420106");
        long tax = feeds.delivery("tax", "2025");
        feeds.tax(tax, 3, lookalike, "武汉光谷(湖北)科技有限公司", 2025, "30000000", "A");
        feeds.tax(tax, 4, stranger, "无此企业有限公司", 2025, "1000000", "B");
        long registry = feeds.delivery("registry", "2026-11-26");
        feeds.registry(registry, 5, elsewhere, "武汉光谷（湖北）科技有限公司", "SRDI_SME", "420500");

        runMaster();

        assertThat(issue("UNMATCHED", lookalike, "tax")).containsEntry("candidate_uscc", firm)
                .containsEntry("observed", lookalike).containsEntry("name", "武汉光谷(湖北)科技有限公司");
        assertThat(issue("UNMATCHED", stranger, "tax")).containsEntry("candidate_uscc", null);
        assertThat(issue("UNMATCHED", elsewhere, "registry")).containsEntry("candidate_uscc", null)
                .containsEntry("region_code", "420500");
        assertThat(jdbc.sql("select count(*) from enterprise where uscc in (?, ?, ?)").params(lookalike, stranger, elsewhere)
                .query(Long.class).single()).as("never merged, never registered").isZero();
        assertThat(jdbc.sql("select count(*) from enterprise_year_fact where uscc = ?").param(firm).query(Long.class).single())
                .as("the lookalike's revenue is not the firm's").isZero();
        assertThat(jdbc.sql("select count(*) from tier_holding where uscc = ?").param(firm).query(Long.class).single()).isZero();
    }

    @Test
    void recordsKeyedByTheOldOrganisationCodeBelongToTheFirmHoldingIt() throws Exception {
        String firm = StagedFeeds.newCode();
        String organisationCode = firm.substring(8, 17);
        String orphan = StagedFeeds.newCode().substring(8, 17);
        long market = feeds.delivery("market", "2026-11-26");
        feeds.market(market, 2, firm, "襄阳老字号机械厂", "420602");
        long tax = feeds.delivery("tax", "2024");
        feeds.tax(tax, 9, organisationCode, "襄阳老字号机械厂", 2024, "12345678.90", "B");
        feeds.tax(tax, 10, orphan, "不知名厂", 2024, "100", "B");

        runMaster();

        assertThat(jdbc.sql("select revenue::text from enterprise_year_fact where uscc = ? and fiscal_year = 2024").param(firm)
                .query(String.class).single()).isEqualTo("12345678.90");
        assertThat(lineage(firm, "revenue", 2024)).containsEntry("delivery_id", tax).containsEntry("row_no", 9);
        assertThat(issues(organisationCode)).isEmpty();
        assertThat(issues(firm)).isEmpty();
        assertThat(issue("UNMATCHED", orphan, "tax").get("detail").toString()).contains("组织机构代码");

        long nextYear = feeds.delivery("tax", "2025");
        feeds.tax(nextYear, 4, organisationCode, "襄阳老字号机械厂", 2025, "13000000", "A");
        runMaster();

        assertThat(lineage(firm, "revenue", 2025)).as("linked on a later night too").containsEntry("delivery_id", nextYear)
                .containsEntry("row_no", 4);
        assertThat(records.find(firm).orElseThrow().value("tax_credit_grade")).isEqualTo("A");
    }

    @Test
    void namesDifferingFromTheRegistrationAreConflictsButBracketWidthAndSpacesAreNot() throws Exception {
        String firm = StagedFeeds.newCode();
        String registered = "湖北星河（武汉）智能装备有限公司";
        long market = feeds.delivery("market", "2026-11-26");
        feeds.market(market, 2, firm, registered, "420115");
        long science = feeds.delivery("science", "2026-11-26");
        feeds.science(science, 4, firm, "湖北星河（武汉）智能装备有限责任公司", 3);
        long registry = feeds.delivery("registry", "2026-11-26");
        feeds.registry(registry, 5, firm, "湖北星河(武汉)智能装备　有限公司 ", "LITTLE_GIANT", "420100");
        long tax = feeds.delivery("tax", "2025");
        feeds.tax(tax, 3, firm, "湖北星河（武汉）智能装备有限公司", 2025, "90000000", "A");

        runMaster();

        List<Map<String, Object>> conflicts = issues(firm);
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0)).containsEntry("category", "CONFLICT").containsEntry("feed", "science")
                .containsEntry("field", "name").containsEntry("observed", "湖北星河（武汉）智能装备有限责任公司")
                .containsEntry("expected", registered).containsEntry("region_code", "420115");
        String sources = conflicts.get(0).get("sources").toString();
        assertThat(sources).contains("\"feed\": \"market\"", "\"delivery_id\": " + market, "\"row_no\": 2")
                .contains("\"feed\": \"science\"", "\"delivery_id\": " + science, "\"row_no\": 4");
    }

    @Test
    void eachAttributeKeepsItsLineageAndTheReadApiShowsIt() throws Exception {
        String firm = StagedFeeds.newCode(), noRegion = StagedFeeds.newCode();
        long market = feeds.delivery("market", "2026-11-26");
        feeds.market(market, 2, firm, "荆州精工有限公司", "421002");
        feeds.market(market, 3, noRegion, "神农架林业有限公司", null);
        long tax2024 = feeds.delivery("tax", "2024");
        feeds.tax(tax2024, 5, firm, "荆州精工有限公司", 2024, "40000000", "B");
        long tax2025 = feeds.delivery("tax", "2025");
        feeds.tax(tax2025, 7, firm, "荆州精工有限公司", 2025, "52000000.50", "A");
        long registry = feeds.delivery("registry", "2026-11-26");
        feeds.registry(registry, 8, firm, "荆州精工有限公司", "SRDI_SME", "421000");
        feeds.registry(registry, 9, noRegion, "神农架林业有限公司", "INNOVATIVE_SME", "429021");

        runMaster();

        Map<String, Object> revenue = lineage(firm, "revenue", 2025);
        assertThat(revenue).containsEntry("feed", "tax").containsEntry("delivery_id", tax2025)
                .containsEntry("sheet", "2025年度").containsEntry("row_no", 7);
        assertThat(revenue.get("as_of")).isEqualTo(jdbc.sql(
                "select (received_at at time zone 'Asia/Shanghai')::date from delivery where id = ?").param(tax2025)
                .query(LocalDate.class).single());
        GoldenRecord record = records.find(firm.toLowerCase()).orElseThrow();
        assertThat(record.value("tax_credit_grade")).as("the latest fiscal year's grade").isEqualTo("A");
        assertThat(record.attributes().get("tax_credit_grade").lineage().rowNo()).isEqualTo(7);
        assertThat(record.value("region_code")).as("market is authoritative for the region").isEqualTo("421002");
        assertThat(record.attributes().get("region_code").lineage().feed()).isEqualTo("market");
        assertThat(record.years().get(2025).get("revenue").value()).isEqualTo("52000000.50");
        assertThat(record.years().get(2025).get("revenue").lineage().fileName()).startsWith("tax-2025-");
        assertThat(record.years().keySet()).containsExactly(2024, 2025);
        assertThat(record.tiers()).singleElement().satisfies(tier -> {
            assertThat(tier.tier()).isEqualTo("SRDI_SME");
            assertThat(tier.lineage().rowNo()).isEqualTo(8);
        });
        assertThat(record.attributes().get("hnte_cert_no").lineage()).as("no feed supplied it").isNull();
        GoldenRecord.Value filledIn = records.find(noRegion).orElseThrow().attributes().get("region_code");
        assertThat(filledIn.value()).as("the registry fills a region the market lacks").isEqualTo("429021");
        assertThat(filledIn.lineage().feed()).isEqualTo("registry");
        assertThat(filledIn.lineage().rowNo()).isEqualTo(9);
        assertThat(records.find(StagedFeeds.newCode())).isEmpty();
        assertThat(jdbc.sql("select feed || '@' || fiscal_year || ':' || row_no from master_lineage where uscc = ?").param(firm)
                .query(String.class).list()).as("stored once per source row, not per attribute")
                .containsExactlyInAnyOrder("market@0:2", "tax@0:7", "tax@2024:5", "tax@2025:7", "registry@0:8");
    }

    @Test
    void theLineageViewTakesAndDropsSingleAttributes() throws Exception {
        String firm = StagedFeeds.newCode();
        long market = feeds.delivery("market", "2026-11-26");
        feeds.market(market, 2, firm, "十堰车桥有限公司", "420302");
        runMaster();
        long attributes = attributes(firm);

        jdbc.sql("delete from attribute_lineage where uscc = ? and attribute = 'name'").param(firm).update();
        jdbc.sql("insert into attribute_lineage (uscc, attribute, feed, delivery_id, row_no) values (?, 'hnte_cert_no', 'science', ?, 5)")
                .params(firm, market).update();

        assertThat(attributes(firm)).isEqualTo(attributes);
        assertThat(jdbc.sql("select count(*) from attribute_lineage where uscc = ? and attribute = 'name'").param(firm)
                .query(Long.class).single()).isZero();
        assertThat(lineage(firm, "hnte_cert_no", 0)).containsEntry("feed", "science").containsEntry("row_no", 5);
        assertThat(lineage(firm, "region_code", 0)).containsEntry("feed", "market").containsEntry("row_no", 2);
        jdbc.sql("delete from attribute_lineage where uscc = ?").param(firm).update();
        assertThat(jdbc.sql("select count(*) from master_lineage where uscc = ?").param(firm).query(Long.class).single()).isZero();
    }

    private long attributes(String uscc) {
        return jdbc.sql("select count(*) from attribute_lineage where uscc = ?").param(uscc).query(Long.class).single();
    }

    @Test
    void reRunningWithoutNewDeliveriesChangesNothingAndRecordsNoHistory() throws Exception {
        String firm = StagedFeeds.newCode(), unregistered = StagedFeeds.newCode();
        long market = feeds.delivery("market", "2026-11-26");
        feeds.market(market, 2, firm, "孝感稳定有限公司", "420902");
        long tax = feeds.delivery("tax", "2025");
        feeds.tax(tax, 3, firm, "孝感稳定有限公司（旧名）", 2025, "15000000", "A");
        feeds.tax(tax, 4, unregistered, "未登记有限公司", 2025, "100", "A");
        long first = runMaster();
        String before = snapshot(firm) + issues(firm) + issues(unregistered);

        long second = runMaster();

        assertThat(snapshot(firm) + issues(firm) + issues(unregistered)).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from attribute_history where job_execution_id = ?").param(second)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from enterprise where updated_execution_id = ?").param(second)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from master_issue where job_execution_id = ?").param(second)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select updated_execution_id from enterprise where uscc = ?").param(firm).query(Long.class).single())
                .isEqualTo(first);
    }

    @Test
    void aSecondNightWithOneChangedTaxRowUpdatesOnlyThatFirmAndRecordsTheChange() throws Exception {
        String p = StagedFeeds.newCode(), q = StagedFeeds.newCode(), r = StagedFeeds.newCode();
        long market = feeds.delivery("market", "2026-11-25");
        feeds.market(market, 2, p, "宜昌甲有限公司", "420502");
        feeds.market(market, 3, q, "宜昌乙有限公司", "420502");
        feeds.market(market, 4, r, "宜昌丙有限公司", "420502");
        long night1 = feeds.delivery("tax", "2025");
        feeds.tax(night1, 3, p, "宜昌甲有限公司", 2025, "10000000", "A");
        feeds.tax(night1, 4, q, "宜昌乙有限公司", 2025, "20000000", "A");
        feeds.tax(night1, 5, r, "宜昌丙有限公司", 2025, "30000000", "A");
        long first = runMaster();
        Map<String, String> rowVersions = yearRowVersions(p, q, r);

        long night2 = feeds.delivery("tax", "2025");
        feeds.tax(night2, 3, p, "宜昌甲有限公司", 2025, "10000000", "A");
        feeds.tax(night2, 4, q, "宜昌乙有限公司", 2025, "25000000", "A");
        feeds.tax(night2, 5, r, "宜昌丙有限公司", 2025, "30000000", "A");
        feeds.supersede(night1, night2);
        long second = runMaster();

        List<Map<String, Object>> history = jdbc.sql("""
                select uscc, attribute, fiscal_year, old_value, new_value from attribute_history
                where job_execution_id = ? order by attribute""").param(second).query().listOfRows();
        assertThat(history).extracting(row -> row.get("uscc")).containsOnly(q);
        assertThat(history).contains(Map.of("uscc", q, "attribute", "revenue", "fiscal_year", 2025,
                "old_value", "20000000.00", "new_value", "25000000.00"));
        Map<String, String> after = yearRowVersions(p, q, r);
        assertThat(after.get(p)).as("p's facts untouched").isEqualTo(rowVersions.get(p));
        assertThat(after.get(r)).as("r's facts untouched").isEqualTo(rowVersions.get(r));
        assertThat(after.get(q)).isNotEqualTo(rowVersions.get(q));
        assertThat(jdbc.sql("select updated_execution_id from enterprise where uscc in (?, ?, ?)").params(p, q, r)
                .query(Long.class).list()).containsOnly(first);
        assertThat(lineage(p, "revenue", 2025)).as("the current delivery is named").containsEntry("delivery_id", night2);
    }

    @Test
    void aFirmLeavingTheRegistrationFeedLosesItsMasterRecordAndItsRecordsBecomeUnmatched() throws Exception {
        String stays = StagedFeeds.newCode(), leaves = StagedFeeds.newCode();
        long before = feeds.delivery("market", "2026-11-25");
        feeds.market(before, 2, stays, "黄冈留存有限公司", "421102");
        feeds.market(before, 3, leaves, "黄冈注销有限公司", "421102");
        long tax = feeds.delivery("tax", "2025");
        feeds.tax(tax, 2, leaves, "黄冈注销有限公司", 2025, "500000", "M");
        runMaster();
        assertThat(issues(leaves)).isEmpty();

        long corrected = feeds.delivery("market", "2026-11-25");
        feeds.market(corrected, 2, stays, "黄冈留存有限公司", "421102");
        feeds.supersede(before, corrected);
        long second = runMaster();

        assertThat(records.find(leaves)).isEmpty();
        assertThat(jdbc.sql("select count(*) from attribute_lineage where uscc = ?").param(leaves).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from attribute_history where uscc = ? and job_execution_id = ? and attribute = 'name'"
                + " and new_value is null").params(leaves, second).query(Long.class).single()).isEqualTo(1);
        assertThat(issue("UNMATCHED", leaves, "tax")).containsEntry("candidate_uscc", null);
        assertThat(records.find(stays)).isPresent();
    }

    private String name(String uscc) {
        return jdbc.sql("select name from enterprise where uscc = ?").param(uscc).query(String.class).single();
    }

    private Map<String, Object> lineage(String uscc, String attribute, int year) {
        return jdbc.sql("select feed, delivery_id, sheet, row_no, as_of from attribute_lineage"
                        + " where uscc = ? and attribute = ? and fiscal_year = ?").params(uscc, attribute, year)
                .query((rs, n) -> {
                    Map<String, Object> row = new java.util.HashMap<>();
                    row.put("feed", rs.getString("feed"));
                    row.put("delivery_id", rs.getLong("delivery_id"));
                    row.put("sheet", rs.getString("sheet"));
                    row.put("row_no", rs.getInt("row_no"));
                    row.put("as_of", rs.getObject("as_of", LocalDate.class));
                    return row;
                }).single();
    }

    private Map<String, Object> issue(String category, String uscc, String feed) {
        return jdbc.sql("""
                        select category, uscc, name, region_code, feed, field, observed, expected, detail, candidate_uscc,
                               sources::text as sources
                        from master_issue where category = ? and uscc = ? and feed = ?""").params(category, uscc, feed)
                .query().singleRow();
    }

    private List<Map<String, Object>> issues(String uscc) {
        return jdbc.sql("""
                        select category, uscc, name, region_code, feed, field, observed, expected, detail, candidate_uscc,
                               sources::text as sources, job_execution_id
                        from master_issue where uscc = ? order by id""").param(uscc).query().listOfRows();
    }

    /** Everything the master holds on a firm, as text, including each row's version (xmin). */
    private String snapshot(String uscc) {
        return jdbc.sql("""
                select (select row_to_json(e)::text || e.xmin::text from enterprise e where uscc = :u)
                    || (select coalesce(string_agg(row_to_json(f)::text || f.xmin::text, ';' order by fiscal_year), '')
                        from enterprise_year_fact f where uscc = :u)
                    || (select coalesce(string_agg(row_to_json(l)::text || l.xmin::text, ';' order by l::text), '')
                        from master_lineage l where uscc = :u)""").param("u", uscc).query(String.class).single();
    }

    private Map<String, String> yearRowVersions(String... codes) {
        Map<String, String> versions = new java.util.HashMap<>();
        for (String code : codes) {
            versions.put(code, jdbc.sql("select string_agg(xmin::text, ',') from enterprise_year_fact where uscc = ?")
                    .param(code).query(String.class).single());
        }
        return versions;
    }
}
