package cn.qeregistry.review;

import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every column of review_result, lineage included, is exactly what the reference implementation wrote
 * for the same firms (the golden {@code review/golden-results.txt.gz}, written by the review as it was
 * before its speed-ups): live runs on two dates, a what-if of the 2026 draft and a what-if of a rule
 * set using every word of the rule language, over firms with missing, zero, negative, fractional and
 * huge values, several holdings, and lineage whose sheet names need JSON escaping.
 *
 * <p>The actual results are written to {@code target/review-results-actual.txt} for a diff. When results
 * change on purpose (a rule or text changes), {@code -Dqe.review.write-golden=true} rewrites the golden
 * from the actual results before comparing; the evaluation version must then be raised and recorded
 * ({@link #theGoldenResultsAreRecordedUnderTheCurrentEvaluationVersion}).
 */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false",
        "qe.review.page-size=40", "qe.review.partitions=2"})
class ReviewResultsUnchangedTest {

    static final String PREFIX = "9142GOLD";
    static final int FIRMS = 150;
    static final LocalDate D1 = LocalDate.parse("2036-03-31");
    static final LocalDate LEAP_DAY = LocalDate.parse("2036-02-29");
    static final LocalDate NEXT_DAY = D1.plusDays(1);
    static final Path GOLDEN = Path.of("src/test/resources/review/golden-results.txt.gz");
    /** Each line "version sha256": an evaluation version and the digest of the golden results it wrote. */
    static final Path EVALUATIONS = Path.of("src/test/resources/review/golden-results.evaluations");
    static final Path ACTUAL = Path.of("target/review-results-actual.txt");
    static final Pattern DELIVERY = Pattern.compile("\"delivery_id\": (\\d+)");

    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;
    @Autowired CarryOver carryOver;

    long registry;
    long tax;
    long market;

    @BeforeEach
    void firms() {
        removeOurFirms();
        registry = delivery("registry");
        tax = delivery("tax");
        market = delivery("market");
        jdbc.sql("""
                insert into enterprise (uscc, name, registration_status, established_on, industry_code, region_code,
                                        abnormal_operations, serious_dishonest, hnte_valid_until, class1_ip, invention_patents,
                                        rd_staff, total_staff, provincial_rd_centre, listing_status)
                select ? || lpad(n::text, 10, '0'), '金样企业' || n,
                       case when n = 13 then E'存续 "引号" \\\\ 反斜杠' when n % 7 = 0 then '吊销' when n % 7 = 1 then null else '存续' end,
                       case when n % 13 = 0 then null else date '2005-02-28' + n * 37 end,
                       (array['C3510', 'C3620', 'C2710', 'I6510', null])[1 + n % 5],
                       case when n % 4 = 0 then '420100' else '42' || lpad((n % 100)::text, 4, '0') end,
                       case when n % 6 = 0 then null else n % 11 = 0 end,
                       case when n % 19 = 0 then null else n % 17 = 0 end,
                       case when n % 3 = 0 then null else date '2035-01-01' + n * 5 end,
                       case when n % 9 = 0 then null else n % 6 end,
                       case when n % 10 = 0 then null else n % 8 end,
                       case when n % 23 = 0 then null else n % 50 end,
                       case when n % 29 = 0 then 0 else 40 + n % 70 end,
                       case when n % 5 = 0 then null else n % 2 = 0 end,
                       (array['主板', '创业板', '科创板 "A"', '新三板', '未上市', null])[1 + n % 6]
                  from generate_series(1, ?) n""").params(PREFIX, FIRMS).update();
        jdbc.sql("""
                insert into enterprise_year_fact (uscc, fiscal_year, revenue, main_business_revenue, rd_expense,
                                                  total_assets, total_liabilities, tax_paid, tax_credit_grade, equity_financing)
                select uscc, y, revenue, round(revenue * (50 + n % 45) / 100, 2), rd, assets, liabilities, paid, grade, financing
                  from (select ? || lpad(n::text, 10, '0') uscc, n, y,
                               case when n % 31 = 0 then 123456789012345.67 when n % 15 = 0 then 0 when n % 15 = 1 then -5000
                                    when n % 15 = 2 then null else 1000000 * (n % 120) + (n % 100) * 0.01 + y end revenue,
                               30000 * n + y - 2030 + case when n % 3 = 0 then 0.5 else 0 end rd,
                               case when n % 21 = 0 then 0 else 80000000 + n * 1234.56 end assets,
                               case when n % 37 = 0 then -100 else 40000000 + n * 10000 - y end liabilities,
                               case when n % 4 = 0 then null else n * 1000.1 end paid,
                               case when n % 13 = 2 then null else substr('ABMCD', 1 + n % 5, 1) end grade,
                               case when n % 3 = 0 then 5000000 + n end financing
                          from generate_series(1, ?) n cross join generate_series(2032, 2035) y
                         where not (n % 11 = 4 and y = 2034)) f""").params(PREFIX, FIRMS).update();
        jdbc.sql("""
                insert into tier_holding (uscc, tier, level, recognised_year, valid_until, region_code, delivery_id, row_no)
                select ? || lpad(n::text, 10, '0'), tier,
                       case n % 3 when 0 then 'NATIONAL' when 1 then 'PROVINCIAL' end,
                       case when n % 6 = 0 then null else 2025 + n % 10 end,
                       case when n % 8 = 0 then null else date '2036-03-31' + (n % 200) - 100 end,
                       '420100', case when n % 10 = 0 then null else ? end, case when n % 20 = 1 then null else n end
                  from generate_series(1, ? + 5) n
                 cross join lateral (select (array['INNOVATIVE_SME', 'SRDI_SME', 'LITTLE_GIANT', 'SINGLE_CHAMPION', 'CHAIN_LEADER'])[1 + n % 5] tier
                                     union all
                                     select case when n % 5 = 1 then 'LITTLE_GIANT' else 'SRDI_SME' end where n % 4 = 0) t""")
                .params(PREFIX, registry, FIRMS).update();
        jdbc.sql("""
                insert into master_lineage (uscc, fiscal_year, feed, delivery_id, sheet, row_no, as_of, attributes)
                select ? || lpad(n::text, 10, '0'), 0, 'market', ?, null, n, date '2036-01-15' + n,
                       array['established_on', 'industry_code', 'region_code', 'registration_status', 'listing_status']
                  from generate_series(1, ?) n where n % 5 <> 0""").params(PREFIX, market, FIRMS).update();
        jdbc.sql("""
                insert into master_lineage (uscc, fiscal_year, feed, delivery_id, sheet, row_no, as_of, attributes)
                select ? || lpad(n::text, 10, '0'), y, 'tax', ?,
                       (array['2035年度', E'Sheet "1" \\\\ </x>', E'tab\\there\\nnew\\rline', E'ctrl\\u0001\\u001f\\b\\f é 😀'])[1 + n % 4],
                       case when n % 7 = 0 then null else n * 10 + y - 2030 end,
                       case when n % 2 = 0 then null else make_date(y + 1, 5, 31) end,
                       array['rd_expense', 'revenue', 'tax_credit_grade', 'tax_paid', 'total_assets', 'total_liabilities']
                  from generate_series(1, ?) n cross join generate_series(2032, 2035) y where n % 5 <> 0""")
                .params(PREFIX, tax, FIRMS).update();
        jdbc.sql("""
                insert into master_lineage (uscc, fiscal_year, feed, delivery_id, sheet, row_no, as_of, attributes)
                select uscc, 0, 'registry', ?, '名单', 1000 + row_number() over (order by uscc, tier), null, array['tier:' || tier]
                  from tier_holding where uscc like ? and right(uscc, 3)::int % 3 = 0""").params(registry, PREFIX + "%").update();
    }

    @AfterEach
    void removeOurFirms() {
        jdbc.sql("delete from review_run where review_date in (?, ?, ?)").params(D1, LEAP_DAY, NEXT_DAY).update();
        jdbc.sql("delete from master_lineage where uscc like '" + PREFIX + "%'").update();
        jdbc.sql("delete from tier_holding where uscc like '" + PREFIX + "%'").update();
        jdbc.sql("delete from enterprise_year_fact where uscc like '" + PREFIX + "%'").update();
        jdbc.sql("delete from enterprise where uscc like '" + PREFIX + "%'").update();
    }

    @Test
    void everyColumnOfEveryResultIsWhatTheReferenceImplementationWrote() throws Exception {
        List<String> actual = new ArrayList<>();
        actual.addAll(results("live " + D1, D1, Map.of()));
        actual.addAll(results("live " + LEAP_DAY, LEAP_DAY, Map.of()));
        actual.addAll(results("what-if miit-2026-draft " + D1, D1, Map.of("rules", "miit-2026-draft.yml")));
        actual.addAll(results("what-if every-word " + D1, D1,
                Map.of("rules", Path.of("src/test/resources/review/every-word.yml").toAbsolutePath().toString())));
        Files.createDirectories(ACTUAL.getParent());
        Files.write(ACTUAL, actual, StandardCharsets.UTF_8);

        assertThat(actual).as("results of our firms").hasSizeGreaterThan(3000);
        assertThat(actual).as("lineage with sheet names that JSON escapes, and sources of every feed")
                .anyMatch(line -> line.contains("</x>")).anyMatch(line -> line.contains("😀")).anyMatch(line -> line.contains("there"))
                .anyMatch(line -> line.contains("\"delivery_id\": \"registry\""))
                .anyMatch(line -> line.contains("\"delivery_id\": \"tax\""))
                .anyMatch(line -> line.contains("\"delivery_id\": \"market\""));
        if (Boolean.getBoolean("qe.review.write-golden")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(GOLDEN))) {
                out.write(String.join("\n", actual).concat("\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        List<String> golden;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(GOLDEN))) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(actual).hasSameSizeAs(golden);
        for (int i = 0; i < golden.size(); i++) {
            assertThat(actual.get(i)).as("line %d of %s", i + 1, ACTUAL).isEqualTo(golden.get(i));
        }
    }

    /**
     * Carried results are only as current as the evaluation that wrote them: when the golden results
     * change, {@link InputDigest#EVALUATION} must change too, so that the first night after an upgrade
     * evaluates everything again. Every golden the project had is recorded with its version; a version
     * may not stand for two goldens.
     */
    @Test
    void theGoldenResultsAreRecordedUnderTheCurrentEvaluationVersion() throws Exception {
        String digest;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(GOLDEN))) {
            digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
        String current = InputDigest.EVALUATION + " " + digest;
        List<String> recorded = Files.readAllLines(EVALUATIONS, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        assertThat(recorded).as("versions recorded in %s", EVALUATIONS)
                .filteredOn(line -> line.startsWith(InputDigest.EVALUATION + " "))
                .as("the golden results differ from those recorded for evaluation version %d: raise InputDigest.EVALUATION "
                        + "to %d and append \"%d %s\" to %s", InputDigest.EVALUATION, InputDigest.EVALUATION + 1,
                        InputDigest.EVALUATION + 1, digest, EVALUATIONS)
                .containsExactly(current);
        assertThat(recorded.get(recorded.size() - 1)).as("the last line of %s", EVALUATIONS).isEqualTo(current);
    }

    /**
     * The next night, after one firm's revenue, another's holding level and a third's tax lineage changed,
     * carries the other 147 holders' date-free results from the first night and evaluates the rest; the
     * outcome is line for line what evaluating that night from scratch gives.
     */
    @Test
    void aNightCarryingUnchangedHoldersGivesExactlyTheResultsOfAFullEvaluation() throws Exception {
        List<String> first = results("live " + D1, D1, Map.of("attempt", "carry-first"));
        jdbc.sql("update enterprise_year_fact set revenue = revenue * 3 where uscc = ? and fiscal_year = 2035").param(firm(12)).update();
        jdbc.sql("update tier_holding set level = case when level = 'NATIONAL' then 'PROVINCIAL' else 'NATIONAL' end where uscc = ?")
                .param(firm(14)).update();
        jdbc.sql("update master_lineage set row_no = row_no + 1 where uscc = ? and feed = 'tax'").param(firm(16)).update();

        List<String> carried = results("carried " + NEXT_DAY, NEXT_DAY, Map.of("attempt", "carry-next"));
        long carriedRun = liveRun(NEXT_DAY);
        assertThat(carryOver.base(carriedRun)).map(CarryOver.Base::reviewDate).contains(D1);
        assertThat(carryOver.unchangedHolders(carriedRun)).as("holders with unchanged inputs, ours and other tests'").isGreaterThanOrEqualTo(FIRMS - 3);
        assertThat(jdbc.sql("""
                        select count(*) from review_run r
                        join review_input_digest d on d.review_run_id = r.id
                        join review_input_digest p on p.review_run_id = r.carried_from and p.uscc = d.uscc and p.digest = d.digest
                        where r.id = ? and d.uscc like ?""").params(carriedRun, PREFIX + "%").query(Long.class).single())
                .as("our holders with unchanged inputs").isEqualTo(FIRMS - 3);
        assertThat(carried).as("the changed tax lineage shows in a date-free rule's result")
                .anyMatch(line -> line.startsWith(firm(16)) && line.contains("common.tax_credit") && !first.contains(line));

        jdbc.sql("delete from review_run where review_date in (?, ?)").params(D1, NEXT_DAY).update();
        List<String> fresh = results("fresh " + NEXT_DAY, NEXT_DAY, Map.of("attempt", "carry-fresh"));
        assertThat(carryOver.base(liveRun(NEXT_DAY))).as("nothing of ours to carry from").isEmpty();
        assertThat(carried.subList(1, carried.size())).hasSizeGreaterThan(1000).isEqualTo(fresh.subList(1, fresh.size()));
    }

    private static String firm(int n) {
        return PREFIX + String.format("%010d", n);
    }

    private long liveRun(LocalDate date) {
        return jdbc.sql("select id from review_run where review_date = ? and live").param(date).query(Long.class).single();
    }

    /** One line per result of our firms: every column but the ids, delivery ids replaced by their feed's name. */
    private List<String> results(String label, LocalDate date, Map<String, String> parameters) throws Exception {
        JobRunner.Launch launch = runner.run(runner.job("review").orElseThrow(), date, parameters);
        assertThat(launch.ran()).as(String.valueOf(launch.refusal())).isTrue();
        assertThat(launch.execution().getStatus()).as(label).isEqualTo(BatchStatus.COMPLETED);
        long run = jdbc.sql("select max(id) from review_run where review_date = ? and completed_at is not null")
                .param(date).query(Long.class).single();
        List<String> lines = new ArrayList<>();
        lines.add("# " + label);
        Map<String, String> feeds = Map.of(String.valueOf(registry), "registry", String.valueOf(tax), "tax",
                String.valueOf(market), "market");
        jdbc.sql("""
                        select uscc, tier, level, rule_id, outcome, observed, threshold, period, detail, lineage::jsonb::text
                          from review_result where review_run_id = ? and uscc like ? order by uscc, tier, rule_id""")
                .params(run, PREFIX + "%")
                .query(rs -> {
                    StringBuilder line = new StringBuilder();
                    for (int c = 1; c <= 10; c++) {
                        line.append(c == 1 ? "" : "|").append(escaped(rs.getString(c)));
                    }
                    lines.add(DELIVERY.matcher(line).replaceAll(m -> "\"delivery_id\": \"" + feeds.get(m.group(1)) + "\""));
                });
        return lines;
    }

    private static String escaped(String value) {
        return value == null ? "\\N" : value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("|", "\\|");
    }

    private long delivery(String feed) {
        return jdbc.sql("insert into delivery (feed, file_name, sha256, size_bytes, status) values (?, ?, ?, 1, 'STAGED') returning id")
                .params(feed, feed + "-gold.xlsx", String.format("%064x", System.nanoTime())).query(Long.class).single();
    }
}
