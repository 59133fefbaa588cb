package cn.qeregistry.ops;

import cn.qeregistry.console.security.AppUsers;
import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Actuator health, the Prometheus scrape and their access rules, on the whole application. The first
 * web context on the shared test database creates the admin user: with the console tests' password
 * (SecurityMatrixTest signs in with it), whichever of them starts first.
 */
@SpringBootTest(properties = {"qe.jobs-dir=src/test/resources/ops/jobs", "spring.quartz.auto-startup=false",
        "qe.ops.nightly.job=ops-nightly", "qe.ops.metrics.refresh=PT0S", "QE_ADMIN_PASSWORD=first-admin-secret"})
@AutoConfigureMockMvc
@Import(OpsTestJobs.class)
class OpsEndpointsTest {

    static final String PASSWORD = "ops-test-password";
    static final String TAG = "ops-test-";

    @Autowired MockMvc mvc;
    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;
    @Autowired AppUsers users;
    @Autowired NightlyStatus nightly;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void usersAndNoFailurePlanned() {
        users.create("ops-operator", "Ops test operator", PASSWORD, Set.of("OPERATOR"), null);
        users.create("ops-staff", "Ops test staff", PASSWORD, Set.of("STAFF"), null);
        OpsTestJobs.FAIL.set(false);
    }

    @AfterEach
    void removeOwnRows() {
        jdbc.sql("delete from exception_item where identity_key like ?").param(TAG + "%").update();
        jdbc.sql("delete from delivery where file_name like ?").param(TAG + "%").update();
    }

    @Test
    void scrapeShowsTheJobAndStepMetricsOfARun() throws Exception {
        JobExecution run = runner.run(runner.job("ops-probe").orElseThrow(), LocalDate.of(2031, 2, 4), Map.of()).execution();
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        String scrape = scrape();
        assertThat(sample(scrape, "qe_job_duration_seconds_count{job=\"ops-probe\",status=\"COMPLETED\"}")).isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "qe_job_running{job=\"ops-probe\"}")).isZero();
        assertThat(sample(scrape, "spring_batch_step_seconds_count{error=\"none\",spring_batch_step_job_name=\"ops-probe\","
                + "spring_batch_step_name=\"ops.count\",spring_batch_step_status=\"COMPLETED\","
                + "spring_batch_step_type=\"org.springframework.batch.core.step.item.ChunkOrientedStep\"}")).isGreaterThanOrEqualTo(1);
        // 40 items in chunks of 10: four chunk writes per run
        assertThat(sample(scrape, "spring_batch_chunk_write_seconds_count{error=\"none\",spring_batch_chunk_write_job_name=\"ops-probe\","
                + "spring_batch_chunk_write_status=\"SUCCESS\",spring_batch_chunk_write_step_name=\"ops.count\"}") % 4).isZero();
    }

    @Test
    void registryGaugesFollowTheDatabase() throws Exception {
        String before = scrape();
        delivery("science", 200, 190, 10);
        exception("CONFLICT", "OPEN");
        exception("CONFLICT", "OPEN");
        exception("CONFLICT", "IN_FOLLOW_UP");
        exception("CONFLICT", "RESOLVED");
        String after = scrape();

        assertThat(sample(after, "qe_feed_rows{feed=\"science\",kind=\"read\"}")).isEqualTo(200);
        assertThat(sample(after, "qe_feed_rows{feed=\"science\",kind=\"staged\"}")).isEqualTo(190);
        assertThat(sample(after, "qe_feed_rows{feed=\"science\",kind=\"rejected\"}")).isEqualTo(10);
        assertThat(sample(after, "qe_feed_reject_ratio{feed=\"science\"}")).isEqualTo(0.05);
        assertThat(sample(after, "qe_deliveries{status=\"FAILED\"}") - sample(before, "qe_deliveries{status=\"FAILED\"}")).isEqualTo(1);
        String open = "qe_exceptions_open{category=\"CONFLICT\",status=\"OPEN\"}";
        String followUp = "qe_exceptions_open{category=\"CONFLICT\",status=\"IN_FOLLOW_UP\"}";
        assertThat(sample(after, open) - sample(before, open)).isEqualTo(2);
        assertThat(sample(after, followUp) - sample(before, followUp)).isEqualTo(1);
        assertThat(sample(after, "qe_exceptions_open{category=\"DATA_GAP\",status=\"OPEN\"}")).isNotNaN();
    }

    @Test
    void aFailedNightlyIsDownWithItsCauseButTheNodeStaysServingAndTheRestartBringsItUp() throws Exception {
        LocalDate date = LocalDate.of(2031, 2, 3);
        OpsTestJobs.FAIL.set(true);
        JobExecution failed = runner.run(runner.job("ops-nightly").orElseThrow(), date, Map.of()).execution();
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

        JsonNode health = health("/actuator/health", 503);
        JsonNode lastNightly = health.at("/components/lastNightly");
        assertThat(lastNightly.at("/status").asString()).isEqualTo("DOWN");
        assertThat(lastNightly.at("/details/execution").asLong()).isEqualTo(failed.getId());
        assertThat(lastNightly.at("/details/date").asString()).isEqualTo("2031-02-03");
        assertThat(lastNightly.at("/details/failedStep").asString()).isEqualTo("ops.verdict");
        assertThat(lastNightly.at("/details/exitDescription").asString()).contains(OpsTestJobs.FAILURE);
        assertThat(sample(scrape(), "qe_nightly_last_failed")).isEqualTo(1);

        JsonNode node = health("/actuator/health/node", 200);
        assertThat(node.at("/status").asString()).isEqualTo("UP");
        assertThat(names(node.at("/components"))).containsExactlyInAnyOrder("db", "diskSpace", "ping");

        OpsTestJobs.FAIL.set(false);
        JobExecution restarted = runner.run(runner.job("ops-nightly").orElseThrow(), date, Map.of()).execution();
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(health("/actuator/health", 200).at("/components/lastNightly/status").asString()).isEqualTo("UP");
        String scrape = scrape();
        assertThat(sample(scrape, "qe_nightly_last_failed")).isZero();
        assertThat(sample(scrape, "qe_nightly_last_completed_time_seconds"))
                .isCloseTo(System.currentTimeMillis() / 1000.0, offset(120.0));

        // the same completion, seen 37 h later, is stale
        Clock later = Clock.offset(Clock.systemDefaultZone(), Duration.ofHours(37));
        Health stale = new LastNightlyHealthIndicator(nightly, Duration.ofHours(36), Duration.ofHours(4), later).health();
        assertThat(stale.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(stale.getDetails()).containsEntry("execution", restarted.getId());
    }

    @Test
    void aNightlyThatNeverRanIsUnknown() {
        NightlyStatus never = new NightlyStatus(jdbc, "ops-never-ran");
        Health health = new LastNightlyHealthIndicator(never, Duration.ofHours(36), Duration.ofHours(4), Clock.systemDefaultZone()).health();
        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void healthShowsOnlyTheStatusToAnonymousCallersAndTheComponentsToSignedInOnes() throws Exception {
        JsonNode anonymous = json.readTree(mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString());
        assertThat(anonymous.has("status")).isTrue();
        assertThat(anonymous.has("components")).isFalse();

        JsonNode staff = json.readTree(mvc.perform(get("/actuator/health").with(httpBasic("ops-staff", PASSWORD)))
                .andReturn().getResponse().getContentAsString());
        assertThat(names(staff.at("/components"))).contains("db", "diskSpace", "lastNightly", "ping");
        assertThat(staff.at("/components/diskSpace/details/path").asString()).contains("qe-home-test");
        assertThat(staff.at("/components/diskSpace/details/threshold").asLong()).isPositive();
    }

    @Test
    void scrapeNeedsAnOperatorUnlessItComesFromTheNodeItself() throws Exception {
        assertThat(status(get("/actuator/prometheus"))).isEqualTo(200); // MockMvc's caller is 127.0.0.1
        assertThat(status(remote(get("/actuator/prometheus")))).isEqualTo(401);
        assertThat(status(remote(get("/actuator/prometheus")).with(httpBasic("ops-staff", PASSWORD)))).isEqualTo(403);
        assertThat(status(remote(get("/actuator/prometheus")).with(httpBasic("ops-operator", PASSWORD)))).isEqualTo(200);
        assertThat(status(remote(get("/actuator/metrics")))).isEqualTo(401);
        assertThat(status(remote(get("/actuator/metrics")).with(httpBasic("ops-operator", PASSWORD)))).isEqualTo(200);
        assertThat(status(remote(get("/actuator/health")))).isIn(200, 503);
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardUseIsExported() throws Exception {
        OpsTestJobs.FAIL.set(true); // a failure registers qe_job_failures_total
        runner.run(runner.job("ops-nightly").orElseThrow(), LocalDate.of(2031, 2, 5), Map.of());
        runner.run(runner.job("ops-probe").orElseThrow(), LocalDate.of(2031, 2, 6), Map.of());
        Set<String> exported = scrape().lines().filter(line -> !line.startsWith("#"))
                .map(line -> line.split("[{ ]")[0]).collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        used.addAll(metricNamesOfRules(Path.of("ops/prometheus/alerts.yml")));
        used.addAll(metricNamesOfDashboard(Path.of("ops/grafana/qe-registry.json")));
        used.remove("up"); // Prometheus's own, per scrape target

        assertThat(used).contains("qe_nightly_last_failed", "qe_nightly_last_completed_time_seconds", "qe_feed_reject_ratio",
                "disk_free_bytes", "qe_exceptions_open", "qe_job_failures_total", "spring_batch_step_seconds_count");
        assertThat(exported).containsAll(used);
    }

    /** Metric names in the rules' expressions (every selector names the scrape job: name{job="qe-registry"}). */
    private static Set<String> metricNamesOfRules(Path file) throws IOException {
        Map<String, List<Map<String, List<Map<String, Object>>>>> rules = new Yaml().load(Files.readString(file));
        return metricNames(rules.get("groups").stream().flatMap(group -> group.get("rules").stream())
                .map(rule -> (String) rule.get("expr")));
    }

    private Set<String> metricNamesOfDashboard(Path file) throws IOException {
        List<String> expressions = new ArrayList<>();
        json.readTree(file.toFile()).get("panels").forEach(panel -> {
            if (panel.has("targets")) {
                panel.get("targets").forEach(target -> expressions.add(target.get("expr").asString()));
            }
        });
        return metricNames(expressions.stream());
    }

    private static Set<String> metricNames(Stream<String> expressions) {
        Pattern selector = Pattern.compile("([a-z_]+)\\{");
        Set<String> names = new TreeSet<>();
        expressions.forEach(expression -> {
            Matcher matcher = selector.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        });
        return names;
    }

    private String scrape() throws Exception {
        return mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString();
    }

    private static double sample(String scrape, String series) {
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        String labels = series.contains("{") ? series.substring(series.indexOf('{')) : "";
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> labels.isEmpty() || line.startsWith(name + labels) || line.startsWith(name + labels.substring(0, labels.length() - 1) + ","))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(series + " not in the scrape"));
    }

    private JsonNode health(String path, int expectedStatus) throws Exception {
        var response = mvc.perform(get(path).with(httpBasic("ops-operator", PASSWORD))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(expectedStatus);
        return json.readTree(response.getContentAsString());
    }

    private static Set<String> names(JsonNode object) {
        return new TreeSet<>(object.propertyNames());
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private static MockHttpServletRequestBuilder remote(MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setRemoteAddr("10.20.30.40");
            return r;
        });
    }

    private void delivery(String feed, long read, long staged, long rejected) {
        jdbc.sql("""
                        insert into delivery (feed, file_name, sha256, size_bytes, status, rows_read, rows_staged, rows_rejected)
                        values (?, ?, ?, 1, 'FAILED', ?, ?, ?)""")
                .params(feed, TAG + UUID.randomUUID(), (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""),
                        read, staged, rejected)
                .update();
    }

    private void exception(String category, String status) {
        jdbc.sql("""
                        insert into exception_item (identity_key, category, severity, first_seen, last_seen, status)
                        values (?, ?, 'WARN', now(), now(), ?)""")
                .params(TAG + UUID.randomUUID(), category, status)
                .update();
    }
}
