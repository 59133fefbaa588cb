package cn.qeregistry.master;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master step with a test copy of mappings/survivorship.yml (qe.mappings-dir; the feed mappings are copied unchanged): the registry
 * before the market for the region, and revenue offered by a second feed (finance's equity column,
 * standing in for any second department reporting the same figure).
 */
@SpringBootTest(properties = {"qe.mappings-dir=target/master-alternative-config/mappings", "spring.main.web-application-type=none",
        "spring.quartz.auto-startup=false"})
class AlternativeSurvivorshipTest {

    static final Path CONFIG = Path.of("target/master-alternative-config");

    static {
        try {
            String shipped = Files.readString(Path.of("mappings/survivorship.yml"), StandardCharsets.UTF_8);
            String copy = replace(replace(shipped, "region_code:          [market, registry]", "region_code:          [registry, market]"),
                    "revenue:               [tax]", "revenue:               [tax, finance.equity_financing]");
            Files.createDirectories(CONFIG.resolve("mappings"));
            for (String feed : List.of("market", "tax", "science", "finance", "registry")) {
                Files.copy(Path.of("mappings", feed + ".yml"), CONFIG.resolve("mappings").resolve(feed + ".yml"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(CONFIG.resolve("mappings/survivorship.yml"), copy, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired JdbcClient jdbc;
    @Autowired List<Step> steps;
    @Autowired JobOperator operator;
    @Autowired JobRepository repository;
    @Autowired PlatformTransactionManager transactions;
    @Autowired MasterRecords records;

    StagedFeeds feeds;
    MasterStepRunner runner;

    @BeforeEach
    void setUp() {
        feeds = new StagedFeeds(jdbc);
        runner = new MasterStepRunner(operator, repository);
    }

    @Test
    void changingTheOrderInTheFileChangesTheWinner() throws Exception {
        String firm = StagedFeeds.newCode();
        long market = feeds.delivery("market", "2026-11-26");
        feeds.market(market, 2, firm, "鄂州顺序有限公司", "420703");
        long registry = feeds.delivery("registry", "2026-11-26");
        feeds.registry(registry, 4, firm, "鄂州顺序有限公司", "SRDI_SME", "420700");

        Step shippedRules = new StepBuilder("master", repository)
                .tasklet(new MasterBuild(jdbc, () -> SurvivorshipFile.load(Path.of("mappings"))), transactions).build();
        runner.run(shippedRules);
        assertThat(records.find(firm).orElseThrow().value("region_code")).isEqualTo("420703");

        long reordered = runner.run(masterStep());

        GoldenRecord record = records.find(firm).orElseThrow();
        assertThat(record.value("region_code")).isEqualTo("420700");
        assertThat(record.attributes().get("region_code").lineage().feed()).isEqualTo("registry");
        assertThat(record.attributes().get("region_code").lineage().rowNo()).isEqualTo(4);
        assertThat(record.history()).anySatisfy(change -> {
            assertThat(change.attribute()).isEqualTo("region_code");
            assertThat(change.oldValue()).isEqualTo("420703");
            assertThat(change.newValue()).isEqualTo("420700");
            assertThat(change.jobExecutionId()).isEqualTo(reordered);
        });
    }

    @Test
    void numbersTwoFeedsReportDifferentlyBeyondTheToleranceAreConflictsWithBothSources() throws Exception {
        String close = StagedFeeds.newCode(), apart = StagedFeeds.newCode(), financeOnly = StagedFeeds.newCode();
        long market = feeds.delivery("market", "2026-11-26");
        feeds.market(market, 2, close, "十堰接近有限公司", "420302");
        feeds.market(market, 3, apart, "十堰背离有限公司", "420302");
        feeds.market(market, 4, financeOnly, "十堰融资有限公司", "420302");
        long tax = feeds.delivery("tax", "2025");
        feeds.tax(tax, 3, close, "十堰接近有限公司", 2025, "10000000", "A");
        feeds.tax(tax, 4, apart, "十堰背离有限公司", 2025, "10000000", "A");
        long finance = feeds.delivery("finance", "2026-11-26");
        feeds.finance(finance, 5, close, "十堰接近有限公司", 2025, "10050000");
        feeds.finance(finance, 6, apart, "十堰背离有限公司", 2025, "12000000");
        feeds.finance(finance, 7, financeOnly, "十堰融资有限公司", 2025, "5000000");

        runner.run(masterStep());

        assertThat(issues(close)).as("0.5% apart is within the 1% tolerance").isEmpty();
        List<Map<String, Object>> conflicts = issues(apart);
        assertThat(conflicts).singleElement().satisfies(issue -> {
            assertThat(issue).containsEntry("category", "CONFLICT").containsEntry("feed", "finance")
                    .containsEntry("field", "revenue").containsEntry("period", "2025")
                    .containsEntry("observed", "12000000.00").containsEntry("expected", "10000000.00");
            assertThat(issue.get("sources").toString())
                    .contains("\"feed\": \"tax\"", "\"delivery_id\": " + tax, "\"row_no\": 4", "\"sheet\": \"2025年度\"")
                    .contains("\"feed\": \"finance\"", "\"delivery_id\": " + finance, "\"row_no\": 6");
        });
        assertThat(records.find(apart).orElseThrow().years().get(2025).get("revenue").value())
                .as("tax stays authoritative").isEqualTo("10000000.00");
        GoldenRecord.Value fallback = records.find(financeOnly).orElseThrow().years().get(2025).get("revenue");
        assertThat(fallback.value()).isEqualTo("5000000.00");
        assertThat(fallback.lineage().feed()).isEqualTo("finance");
    }

    private Step masterStep() {
        return steps.stream().filter(s -> s.getName().equals("master")).findFirst().orElseThrow();
    }

    private List<Map<String, Object>> issues(String uscc) {
        return jdbc.sql("select category, feed, field, period, observed, expected, sources::text as sources"
                + " from master_issue where uscc = ?").param(uscc).query().listOfRows();
    }

    private static String replace(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new IllegalStateException("mappings/survivorship.yml no longer contains '" + from + "'");
        }
        return text.replace(from, to);
    }
}
