package cn.qeregistry.intake;

import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The finance extract reads a configured second database (its own connection settings and schema). */
@SpringBootTest(properties = {"qe.exchange.url=${spring.datasource.url}", "qe.exchange.username=${spring.datasource.username}",
        "qe.exchange.schema=exchange_remote", "spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class ExchangeDatabaseTest {

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;
    @Autowired ExchangeLoader loader;
    @Autowired ExchangeDatabase exchange;

    @BeforeEach
    void emptyIntakeAndRemoteTable() throws Exception {
        IntakeFixtures.reset(jdbc);
        jdbc.sql("create schema if not exists exchange_remote").update();
        jdbc.sql("drop table if exists exchange_remote.finance_equity").update();
        jdbc.sql("""
                create table exchange_remote.finance_equity (id bigserial primary key, uscc text, name text, fiscal_year int,
                    listing_status text, stock_code text, equity_financing_wan numeric, updated_at timestamptz)""").update();
    }

    @Test
    void eachExtractTakesOnlyTheRowsAboveTheWatermark() throws Exception {
        assertThat(exchange.toString()).startsWith("jdbc:postgresql:").endsWith("schema exchange_remote");
        loader.load(IntakeFixtures.DIR);

        JobExecution first = run();
        loader.load(IntakeFixtures.DIR); // the department adds the same 63 rows again: new ids, a new extract
        JobExecution second = run();

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        var deliveries = IntakeFixtures.deliveries(jdbc, "finance");
        assertThat(deliveries).extracting(IntakeFixtures.Delivery::fileName)
                .containsExactly("exchange_remote.finance_equity id (0, 63]", "exchange_remote.finance_equity id (63, 126]");
        assertThat(deliveries).extracting(IntakeFixtures.Delivery::read).containsExactly(63L, 63L);
        assertThat(jdbc.sql("select last_value from extract_watermark where feed = 'finance' and source = 'exchange_remote.finance_equity'")
                .query(String.class).single()).isEqualTo("126");
        assertThat(jdbc.sql("select count(*) from exchange.finance_equity").query(Long.class).single()).isZero();
    }

    private JobExecution run() throws Exception {
        return runner.run(runner.job("intake.finance").orElseThrow(), LocalDate.of(2026, 11, 26),
                Map.of("test", UUID.randomUUID().toString())).execution();
    }
}
