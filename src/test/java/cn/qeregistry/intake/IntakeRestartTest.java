package cn.qeregistry.intake;

import cn.qeregistry.core.Feed;
import cn.qeregistry.platform.QeHome;
import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.qeregistry.intake.IntakeFixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

/** A crash in the middle of a file, then a restart: every row staged or rejected exactly once. */
@SpringBootTest(properties = {"qe.jobs-dir=src/test/resources/intake/restart/jobs",
        "qe.intake.chunk-size=100", "spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class IntakeRestartTest {

    static final int ROWS = 1050;
    static final AtomicInteger WRITES = new AtomicInteger();
    static final AtomicInteger CRASH_AT_WRITE = new AtomicInteger();

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;
    @Autowired JobRepository repository;

    @BeforeEach
    void emptyIntake() throws Exception {
        IntakeFixtures.reset(jdbc);
    }

    @Test
    void killedMidFileAndRestartedTheDeliveryEndsWithExactCounts() throws Exception {
        IntakeFixtures.drop(Feed.MARKET, largeMarketFile(), "market-2026-01-15.csv");
        WRITES.set(0);
        CRASH_AT_WRITE.set(4); // three chunks of 100 rows commit, the fourth dies before its write
        LocalDate date = LocalDate.of(2026, 1, 15);

        JobExecution crashed = runner.run(runner.job("intake-crash").orElseThrow(), date, Map.of()).execution();

        assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
        var during = IntakeFixtures.deliveries(jdbc, "market").get(0);
        assertThat(during.status()).isEqualTo("STAGING");
        assertThat(staged(during.id()) + rejected(during.id())).isEqualTo(300);

        JobExecution restarted = runner.run(runner.job("intake-crash").orElseThrow(), date, Map.of()).execution();

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getId()).isEqualTo(crashed.getJobInstance().getId());
        var deliveries = IntakeFixtures.deliveries(jdbc, "market");
        assertThat(deliveries).hasSize(1);
        var delivery = deliveries.get(0);
        assertThat(delivery.status()).isEqualTo("STAGED");
        // 10 bad dates alone, 2 keys held back with all their copies (4 rows), 1 exact repeat
        assertThat(List.of(delivery.read(), delivery.staged(), delivery.rejected(), delivery.repeated()))
                .containsExactly((long) ROWS, (long) ROWS - 15, 14L, 1L);
        assertThat(staged(delivery.id())).isEqualTo(ROWS - 15);
        assertThat(jdbc.sql("select count(distinct row_no) from stg_market where delivery_id = ?").param(delivery.id())
                .query(Long.class).single()).isEqualTo(ROWS - 15);
        assertThat(jdbc.sql("select count(*) from intake_reject where delivery_id = ? and rule = 'date'").param(delivery.id())
                .query(Long.class).single()).isEqualTo(10);
        assertThat(jdbc.sql("select string_agg(row_no::text, ',' order by row_no) from intake_reject where delivery_id = ? and category = 'DUPLICATE'")
                .param(delivery.id()).query(String.class).single()).isEqualTo("9,52,952,1002");
        assertThat(jdbc.sql("select problems::text from intake_reject where delivery_id = ? and row_no = 9").param(delivery.id())
                .query(String.class).single()).as("the copy rejected for its date keeps that problem too")
                .contains("duplicate").contains("2020-02-30");
        assertThat(Files.list(IntakeFixtures.inbox(Feed.MARKET)).count()).isZero();
    }

    @Test
    void aRestartOnANodeThatSeesTheSharedFoldersUnderAnotherPathResumesTheSameDelivery() throws Exception {
        IntakeFixtures.drop(Feed.MARKET, largeMarketFile(), "market-2026-01-16.csv");
        WRITES.set(0);
        CRASH_AT_WRITE.set(4);
        LocalDate date = LocalDate.of(2026, 1, 16);
        JobExecution crashed = runner.run(runner.job("intake-crash").orElseThrow(), date, Map.of()).execution();
        assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
        // the dead node had the same shared folders mounted elsewhere: its recorded paths name another root
        String root = QeHome.resolve().root().toString();
        StepExecution step = crashed.getStepExecutions().iterator().next();
        ExecutionContext saved = repository.getStepExecution(step.getId()).getExecutionContext();
        for (String key : List.of("intake.inbox", "intake.archived")) {
            assertThat(saved.getString(key)).startsWith(root);
            saved.putString(key, saved.getString(key).replace(root, "/mnt/other-node/qe-home"));
        }
        step.setExecutionContext(saved);
        repository.updateExecutionContext(step);

        JobExecution restarted = runner.run(runner.job("intake-crash").orElseThrow(), date, Map.of()).execution();

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        var deliveries = IntakeFixtures.deliveries(jdbc, "market");
        assertThat(deliveries).as("the file in the inbox is the delivery being resumed, not a new one").hasSize(1);
        var delivery = deliveries.get(0);
        assertThat(List.of(delivery.read(), delivery.staged(), delivery.rejected(), delivery.repeated()))
                .containsExactly((long) ROWS, (long) ROWS - 15, 14L, 1L);
        assertThat(Files.list(IntakeFixtures.inbox(Feed.MARKET)).count()).isZero();
    }

    private long staged(long deliveryId) {
        return jdbc.sql("select count(*) from stg_market where delivery_id = ?").param(deliveryId).query(Long.class).single();
    }

    private long rejected(long deliveryId) {
        return jdbc.sql("select count(*) from intake_reject where delivery_id = ?").param(deliveryId).query(Long.class).single();
    }

    /**
     * 1,050 data rows (lines 2…1051): a bad date every 100 rows from line 9; a conflicting key at lines
     * 52/952; line 1002 a good copy of the key of line 9 (rejected for its date); line 1051 repeats line 12.
     */
    private static Path largeMarketFile() throws Exception {
        StringBuilder csv = new StringBuilder("统一社会信用代码,企业名称,法定代表人,企业类型,登记状态,成立日期,注册资本(万元),行业代码,登记机关,住所,所属区划代码,列入经营异常名录,列入严重违法失信名单\r\n");
        for (int i = 0; i < ROWS; i++) {
            int n = i == 950 ? 50 : i == 1000 ? 7 : i == ROWS - 1 ? 10 : i;
            String name = i == 950 ? "另一个名字有限公司" : "企业" + n + "有限公司";
            String date = i % 100 == 7 ? "2020-02-30" : "2020-01-01";
            csv.append(code(10000 + n)).append(',').append(name).append(",某,有限责任公司,存续,").append(date)
                    .append(",1,C3411,局,武汉,420102,否,否\r\n");
        }
        return Files.write(Files.createTempFile("market", ".csv"), csv.toString().getBytes(Charset.forName("GB18030")));
    }

    @TestConfiguration
    static class CrashingStep {

        @Bean
        Step crashingMarket(IntakeStepFactory factory) {
            return factory.build("intake.market.crashing", Feed.MARKET, new ItemWriteListener<StagedOutput>() {
                @Override
                public void beforeWrite(Chunk<? extends StagedOutput> items) {
                    if (WRITES.incrementAndGet() == CRASH_AT_WRITE.get()) {
                        throw new IllegalStateException("planned crash before write " + CRASH_AT_WRITE.get());
                    }
                }
            });
        }
    }
}
