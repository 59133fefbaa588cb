package cn.qeregistry.intake;

import cn.qeregistry.core.Feed;
import cn.qeregistry.runs.JobRunner;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.qeregistry.intake.IntakeFixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

/** Each feed's step takes real department-style files (LibreOffice xlsx/xls, GB18030 and BOM CSV) exactly. */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class IntakeFeedsTest {

    static final LocalDate DATE = LocalDate.of(2026, 11, 26);

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;
    @Autowired ExchangeLoader exchangeLoader;
    @Autowired MeterRegistry meters;

    @BeforeEach
    void emptyIntake() throws Exception {
        IntakeFixtures.reset(jdbc);
    }

    JobExecution run(Feed feed) throws Exception {
        return runner.run(runner.job("intake." + feed.code()).orElseThrow(), DATE, Map.of("test", UUID.randomUUID().toString()))
                .execution();
    }

    static String exit(JobExecution execution) {
        StepExecution step = execution.getStepExecutions().iterator().next();
        return step.getExitStatus().getExitDescription();
    }

    @Test
    void gb18030MarketCsvIsStagedExactlyWithEveryRejectKeptWhole() throws Exception {
        Path inboxCopy = IntakeFixtures.drop(Feed.MARKET, "market-2026-11-26.csv");

        JobExecution execution = run(Feed.MARKET);

        assertThat(execution.getStatus()).as(exit(execution)).isEqualTo(BatchStatus.COMPLETED);
        var delivery = IntakeFixtures.deliveries(jdbc, "market").get(0);
        assertThat(delivery.status()).isEqualTo("STAGED");
        assertThat(delivery.period()).isEqualTo("2026-11-26");
        assertThat(List.of(delivery.read(), delivery.staged(), delivery.rejected(), delivery.repeated())).as(rejects(delivery.id())).containsExactly(110L, 106L, 3L, 1L);
        assertThat(count("stg_market", delivery.id())).isEqualTo(106);
        // full-width code with U+3000, trailing U+3000 in the name, quoted comma in the address
        assertThat(jdbc.sql("select name || '|' || address || '|' || abnormal_operations from stg_market where uscc = ?")
                .param(code(2)).query(String.class).single()).isEqualTo("襄阳汽配有限公司|襄阳市高新区,二号路|true");
        assertThat(jdbc.sql("select registered_capital from stg_market where uscc = ?").param(code(1)).query(BigDecimal.class).single())
                .isEqualByComparingTo("12000000");
        assertThat(jdbc.sql("select registered_capital from stg_market where uscc = ?").param(code(3)).query(BigDecimal.class).single())
                .isEqualByComparingTo("35000000");
        assertThat(jdbc.sql("select established_on::text || '|' || address from stg_market where uscc = ?").param(code(6))
                .query(String.class).single()).isEqualTo("2020-01-01|荆州市\n沙市区");
        assertThat(jdbc.sql("select established_on::text from stg_market where uscc = ?").param(code(3)).query(String.class).single())
                .isEqualTo("2010-12-31");
        // the exact repeat of code 7 is staged once
        assertThat(jdbc.sql("select count(*) from stg_market where uscc = ?").param(code(7)).query(Long.class).single()).isEqualTo(1);
        var rejects = jdbc.sql("select row_no || ' ' || rule || ' ' || column_name from intake_reject where delivery_id = ? order by row_no")
                .param(delivery.id()).query(String.class).list();
        assertThat(rejects).containsExactly("5 credit_code 统一社会信用代码", "6 required 统一社会信用代码", "7 date 成立日期");
        String raw = jdbc.sql("select raw_cells ->> '企业名称' from intake_reject where delivery_id = ? and row_no = 7")
                .param(delivery.id()).query(String.class).single();
        assertThat(raw).isEqualTo("日期错误有限公司");
        assertThat(jdbc.sql("select reason from intake_reject where delivery_id = ? and row_no = 5").param(delivery.id())
                .query(String.class).single()).contains("check character");
        // archived unchanged, inbox copy gone
        assertThat(Files.exists(inboxCopy)).isFalse();
        assertThat(Files.mismatch(Path.of(delivery.archivedPath()), IntakeFixtures.DIR.resolve("market-2026-11-26.csv"))).isEqualTo(-1);
        assertThat(exit(execution)).contains("rows read 110, staged 106, rejected 3, exact repeats 1");
    }

    @Test
    void utf8BomCsvIsReadLikeTheGb18030One() throws Exception {
        IntakeFixtures.drop(Feed.MARKET, "market-2026-11-27-bom.csv");
        double readBefore = meters.get(RowsReadMeter.NAME).tag("feed", "market").counter().count();

        run(Feed.MARKET);

        // rows read are counted per feed; Spring Batch's timer per row read and processed stays off
        assertThat(meters.get(RowsReadMeter.NAME).tag("feed", "market").counter().count() - readBefore).isEqualTo(110);
        assertThat(meters.find("spring.batch.item.read").meters()).isEmpty();
        assertThat(meters.find("spring.batch.item.process").meters()).isEmpty();

        var delivery = IntakeFixtures.deliveries(jdbc, "market").get(0);
        assertThat(List.of(delivery.read(), delivery.staged(), delivery.rejected())).as(rejects(delivery.id())).containsExactly(110L, 106L, 3L);
        assertThat(jdbc.sql("select name from stg_market where uscc = ?").param(code(1)).query(String.class).single())
                .isEqualTo("武汉光谷精密(湖北)有限公司");
    }

    @Test
    void libreOfficeTaxWorkbookWithTitleRowsIsStagedInYuanAndConflictingDuplicatesAreHeldBack() throws Exception {
        IntakeFixtures.drop(Feed.TAX, "tax-2025.xlsx");

        JobExecution execution = run(Feed.TAX);

        assertThat(execution.getStatus()).as(exit(execution) + rejects(IntakeFixtures.deliveries(jdbc, "tax").get(0).id())).isEqualTo(BatchStatus.COMPLETED);
        var delivery = IntakeFixtures.deliveries(jdbc, "tax").get(0);
        assertThat(delivery.period()).isEqualTo("2025");
        assertThat(List.of(delivery.read(), delivery.staged(), delivery.rejected(), delivery.repeated())).as(rejects(delivery.id())).containsExactly(107L, 102L, 5L, 0L);
        assertThat(jdbc.sql("select revenue from stg_tax where uscc = ?").param(code(1)).query(BigDecimal.class).single())
                .isEqualByComparingTo("120000000");
        assertThat(jdbc.sql("select fiscal_year || ' ' || revenue from stg_tax where uscc = ?").param(code(2)).query(String.class).single())
                .isEqualTo("2025 50005000.00");
        assertThat(jdbc.sql("select sheet from stg_tax where uscc = ?").param(code(1)).query(String.class).single()).isEqualTo("2025年度");
        var rejects = jdbc.sql("select row_no || ' ' || category || ' ' || rule from intake_reject where delivery_id = ? order by row_no")
                .param(delivery.id()).query(String.class).list();
        assertThat(rejects).containsExactly("6 INTAKE_REJECT range", "7 INTAKE_REJECT range", "8 INTAKE_REJECT enum",
                "9 DUPLICATE duplicate", "10 DUPLICATE duplicate");
        assertThat(jdbc.sql("select reason from intake_reject where delivery_id = ? and row_no = 6").param(delivery.id())
                .query(String.class).single()).contains("研发费用").contains("revenue × 1.5");
        assertThat(jdbc.sql("select count(*) from stg_tax where uscc = ?").param(code(8)).query(Long.class).single()).isZero();
    }

    @Test
    void libreOfficeXlsScienceFileIsStaged() throws Exception {
        IntakeFixtures.drop(Feed.SCIENCE, "science-2026-11-26.xls");

        JobExecution execution = run(Feed.SCIENCE);

        assertThat(execution.getStatus()).as(exit(execution)).isEqualTo(BatchStatus.COMPLETED);
        var delivery = IntakeFixtures.deliveries(jdbc, "science").get(0);
        assertThat(List.of(delivery.read(), delivery.staged(), delivery.rejected())).as(rejects(delivery.id())).containsExactly(104L, 103L, 1L);
        assertThat(jdbc.sql("select hnte_issued_on || ' ' || hnte_valid_until || ' ' || class1_ip || ' ' || provincial_rd_centre from stg_science where uscc = ?")
                .param(code(1)).query(String.class).single()).isEqualTo("2023-12-08 2026-12-07 5 true");
        assertThat(jdbc.sql("select hnte_issued_on || ' ' || hnte_valid_until from stg_science where uscc = ?")
                .param(code(8)).query(String.class).single()).isEqualTo("2024-10-20 2027-10-19");
        assertThat(jdbc.sql("select rule || ' ' || value from intake_reject where delivery_id = ?").param(delivery.id())
                .query(String.class).single()).isEqualTo("number two");
    }

    @Test
    void financeTakesItsWorkbookAndTheNewRowsOfTheExchangeDatabaseOnce() throws Exception {
        IntakeFixtures.drop(Feed.FINANCE, "finance-2026-11-26.xlsx");
        assertThat(exchangeLoader.load(IntakeFixtures.DIR)).isEqualTo(63);

        JobExecution execution = run(Feed.FINANCE);

        assertThat(execution.getStatus()).as(exit(execution)).isEqualTo(BatchStatus.COMPLETED);
        var deliveries = IntakeFixtures.deliveries(jdbc, "finance");
        assertThat(deliveries).hasSize(2);
        var file = deliveries.get(0);
        var extract = deliveries.get(1);
        assertThat(List.of(file.read(), file.staged(), file.rejected())).as(rejects(file.id())).containsExactly(104L, 103L, 1L);
        assertThat(extract.sourceKind()).isEqualTo("JDBC");
        assertThat(List.of(extract.read(), extract.staged(), extract.rejected())).as(rejects(extract.id())).containsExactly(63L, 62L, 1L);
        assertThat(jdbc.sql("select equity_financing from stg_finance where uscc = ? and fiscal_year = 2023").param(code(1))
                .query(BigDecimal.class).single()).isEqualByComparingTo("30000000");
        assertThat(jdbc.sql("select equity_financing from stg_finance where uscc = ? and fiscal_year = 2025").param(code(2))
                .query(BigDecimal.class).single()).isEqualByComparingTo("2005000");
        assertThat(jdbc.sql("select last_value from extract_watermark where feed = 'finance'").query(String.class).single()).isEqualTo("63");

        JobExecution again = run(Feed.FINANCE);

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(IntakeFixtures.deliveries(jdbc, "finance")).hasSize(2);
        assertThat(exit(again)).contains("no new deliveries");
    }

    @Test
    void registryWorkbookStagesTierAndLevelCodesAndPrefectureCodes() throws Exception {
        IntakeFixtures.drop(Feed.REGISTRY, "registry-2026-11-26.xlsx");

        JobExecution execution = run(Feed.REGISTRY);

        assertThat(execution.getStatus()).as(exit(execution)).isEqualTo(BatchStatus.COMPLETED);
        var delivery = IntakeFixtures.deliveries(jdbc, "registry").get(0);
        assertThat(List.of(delivery.read(), delivery.staged(), delivery.rejected())).as(rejects(delivery.id())).containsExactly(104L, 103L, 1L);
        assertThat(jdbc.sql("select tier || ' ' || level || ' ' || region_code || ' ' || valid_until from stg_registry where uscc = ?")
                .param(code(1)).query(String.class).single()).isEqualTo("LITTLE_GIANT NATIONAL 420100 2026-07-01");
        assertThat(jdbc.sql("select tier || ' ' || region_code from stg_registry where uscc = ?")
                .param(code(8)).query(String.class).single()).isEqualTo("SINGLE_CHAMPION 420300");
        assertThat(jdbc.sql("select rule || ' ' || column_name from intake_reject where delivery_id = ?").param(delivery.id())
                .query(String.class).single()).isEqualTo("required 梯度层级");
    }

    @Test
    void theSameFileTwiceIsStagedOnce() throws Exception {
        IntakeFixtures.drop(Feed.MARKET, "market-2026-11-26.csv");
        run(Feed.MARKET);
        Path again = IntakeFixtures.drop(Feed.MARKET, "market-2026-11-26.csv");

        JobExecution second = run(Feed.MARKET);

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        var deliveries = IntakeFixtures.deliveries(jdbc, "market");
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(1).status()).isEqualTo("DUPLICATE");
        assertThat(deliveries.get(1).duplicateOf()).isEqualTo(deliveries.get(0).id());
        assertThat(deliveries.get(0).status()).isEqualTo("STAGED");
        assertThat(jdbc.sql("select count(*) from stg_market").query(Long.class).single()).isEqualTo(106);
        assertThat(Files.exists(again)).isFalse();
        assertThat(exit(second)).contains("(1 already taken)");
    }

    @Test
    void aNewerFileForTheSamePeriodSupersedesTheOlderWhichStaysArchived() throws Exception {
        IntakeFixtures.drop(Feed.MARKET, "market-2026-11-26.csv");
        run(Feed.MARKET);
        Path corrected = Files.createTempFile("market", ".csv");
        Files.write(corrected, Files.readAllBytes(IntakeFixtures.DIR.resolve("market-2026-11-26.csv")));
        Files.write(corrected, (code(999) + ",新增企业有限公司,某,有限责任公司,存续,2020-01-01,1,C3411,局,武汉,420102,否,否\r\n")
                .getBytes(java.nio.charset.Charset.forName("GB18030")), java.nio.file.StandardOpenOption.APPEND);
        IntakeFixtures.drop(Feed.MARKET, corrected, "market-20261126-corrected.csv");

        run(Feed.MARKET);

        var deliveries = IntakeFixtures.deliveries(jdbc, "market");
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(1).period()).isEqualTo("2026-11-26");
        assertThat(deliveries.get(1).status()).isEqualTo("STAGED");
        assertThat(deliveries.get(1).staged()).isEqualTo(107);
        assertThat(deliveries.get(0).status()).isEqualTo("SUPERSEDED");
        assertThat(deliveries.get(0).supersededBy()).isEqualTo(deliveries.get(1).id());
        assertThat(Files.exists(Path.of(deliveries.get(0).archivedPath()))).isTrue();
    }

    @Test
    void tooManyRejectsFailTheStepSayingHowManyWhichReasonsAndWhereToLook() throws Exception {
        StringBuilder csv = new StringBuilder("统一社会信用代码,企业名称,法定代表人,企业类型,登记状态,成立日期,注册资本(万元),行业代码,登记机关,住所,所属区划代码,列入经营异常名录,列入严重违法失信名单\n");
        for (int i = 0; i < 20; i++) {
            String uscc = i < 4 ? code(500 + i).substring(0, 17) + "0" : code(500 + i);
            String status = i >= 4 && i < 6 ? "歇业中" : "存续";
            csv.append(uscc).append(",企业").append(i).append(",某,有限责任公司,").append(status)
                    .append(",2020-01-01,1,C3411,局,武汉,420102,否,否\n");
        }
        Path file = Files.writeString(Files.createTempFile("market", ".csv"), csv);
        Path inboxCopy = IntakeFixtures.drop(Feed.MARKET, file, "market-2026-11-20.csv");

        JobExecution execution = run(Feed.MARKET);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        var delivery = IntakeFixtures.deliveries(jdbc, "market").get(0);
        assertThat(delivery.status()).isEqualTo("FAILED");
        assertThat(count("stg_market", delivery.id())).isZero();
        long invalid = jdbc.sql("select count(*) from intake_reject where delivery_id = ?").param(delivery.id()).query(Long.class).single();
        assertThat(exit(execution)).contains(invalid + " of 20 rows rejected").contains("threshold 5%")
                .contains("enum 2").contains("intake_reject where delivery_id = " + delivery.id());
        assertThat(Files.exists(inboxCopy)).isTrue();
    }

    /** The rejects of a delivery, for assertion messages. */
    private String rejects(long deliveryId) {
        return String.join("\n", jdbc.sql("select row_no || ' ' || coalesce(rule, '') || ' ' || reason from intake_reject where delivery_id = ? order by row_no")
                .param(deliveryId).query(String.class).list());
    }

    private long count(String table, long deliveryId) {
        return jdbc.sql("select count(*) from " + table + " where delivery_id = ?").param(deliveryId).query(Long.class).single();
    }
}
