package cn.qeregistry.reliability;

import cn.qeregistry.platform.EmbeddedDatabase;
import cn.qeregistry.platform.QeHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-node installation of ops/README.md on one machine: two servers in JVMs of their own on one
 * PostgreSQL (clustered Quartz), sharing {@code QE_HOME}'s inbox, archive and reports at the same path
 * as two servers with the same {@code QE_HOME} on a shared mount do (here simply one folder; each node
 * logs to its own file). The nightly's cron fires on one node; that node is killed with
 * SIGKILL in the middle of its intake step. The surviving node's orphan watch sees the dead node's
 * heartbeat age past {@code qe.node.timeout}, recovers the execution, queues the night again, and
 * runs it to the end: one job instance, one COMPLETED execution, every row staged exactly once and
 * one golden record per firm. Test settings: heartbeat 1 s, node timeout 8 s, orphan check 2 s,
 * Quartz check-in 2 s.
 */
@Tag("slow")
class TwoNodeKillTest {

    static final Path BASE = Path.of("target/two-nodes").toAbsolutePath();
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String FILE = "market-two-nodes.csv";
    static final int CODE_OFFSET = 100_000;
    static final List<String> NODE_SETTINGS = List.of(
            "-Dserver.port=0",
            "-Dqe.jobs-dir=" + BASE.resolve("jobs"),
            "-Dqe.node.heartbeat=PT1S",
            "-Dqe.node.timeout=PT8S",
            "-Dqe.schedule.orphan-check=PT2S",
            "-Dspring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000");

    static EmbeddedDatabase database;

    @BeforeAll
    static void sharedDatabase() throws IOException {
        CrashRestartTest.stopDatabase(BASE.resolve("database"));
        IntakeState.empty(BASE);
        database = EmbeddedDatabase.forHome(new QeHome(BASE.resolve("database")));
    }

    @AfterAll
    static void stopTheDatabase() {
        CrashRestartTest.stopDatabase(BASE.resolve("database"));
    }

    @Test
    void nodeKilledMidRunIsTakenOverByTheOtherAndTheNightCompletesExactlyOnce() throws Exception {
        ZonedDateTime fire = ZonedDateTime.now(ZONE).plusSeconds(50).withNano(0);
        writeJobs(fire);
        CrashRestartTest.marketFile(BASE.resolve("home/inbox/market").resolve(FILE), CODE_OFFSET);

        ChildJvm node1 = node();
        ChildJvm node2 = node();
        Process first = node1.start(settings("node1"));
        Process second = node2.start(settings("node2"));
        try {
            node1.waitFor("both nodes beating", () -> node1.singleOr(
                    "select count(*) from schedule_node where mode = 'serve' and heartbeat_at > now() - interval '5 seconds'", 0) == 2, first);
            assertThat(Instant.now()).as("both nodes up before the nightly's cron time " + fire).isBefore(fire.toInstant());

            node1.waitFor("the nightly's intake a few chunks in", () -> node1.singleOr("""
                    select coalesce(max(s.commit_count), 0) from batch_step_execution s
                      join batch_job_execution e on e.job_execution_id = s.job_execution_id
                      join batch_job_instance i on i.job_instance_id = e.job_instance_id
                     where i.job_name = 'nightly' and s.step_name = 'intake.market' and s.status = 'STARTED'""", 0) >= 3, first);
            long killed = node1.single("select max(job_execution_id) from batch_job_execution");
            long ownerPid = node1.single("select n.pid from schedule_execution_owner o join schedule_node n using (node_id)"
                    + " where o.job_execution_id = " + killed);
            Process victim = first.pid() == ownerPid ? first : second;
            Process survivor = victim == first ? second : first;
            assertThat(ownerPid).as("the run's owner is one of the two nodes").isIn(first.pid(), second.pid());
            String survivorNode = node1.text("select node_id from schedule_node where pid = " + survivor.pid());
            long stagedAtKill = node1.single("select count(*) from stg_market");
            Instant killedAt = Instant.now();
            ChildJvm.kill(victim);

            // the fire is logged once its run has ended, after the execution's status
            node1.waitFor("the night run to its end on the surviving node", () -> node1.singleOr(
                    "select count(*) from schedule_fire where job_name = 'nightly'", 0) > 0, survivor);
            Duration takeOver = Duration.between(killedAt, Instant.now());

            String date = node1.text("select p.parameter_value from batch_job_execution_params p where p.parameter_name = 'date'"
                    + " and p.job_execution_id = " + killed);
            assertThat(node1.single("select count(*) from batch_job_instance where job_name = 'nightly'")).as("one night").isEqualTo(1);
            assertThat(node1.column("select status from batch_job_execution order by job_execution_id"))
                    .as("the killed run recovered to FAILED, then one run to the end").containsExactly("FAILED", "COMPLETED");
            long completed = node1.single("select job_execution_id from batch_job_execution where status = 'COMPLETED'");
            assertThat(node1.column("select node_id || ' ' || outcome || ' ' || coalesce(execution_id::text, '-') || ' ' || business_date"
                    + " from schedule_fire where job_name = 'nightly'"))
                    .as("one fire ran it, on the survivor, for the same date")
                    .containsExactly(survivorNode + " RAN " + completed + " " + date);
            assertThat(node1.text("select state || ' ' || execution_id from schedule_run_guard where job_name = 'nightly'"))
                    .isEqualTo("COMPLETED " + completed);
            assertThat(node1.column("select step_name || ' ' || status from batch_step_execution where job_execution_id = " + completed
                    + " order by step_execution_id")).containsExactly("intake.market COMPLETED", "master COMPLETED");

            CrashRestartTest.assertExactlyOnce(node1, FILE, CODE_OFFSET);
            long firms = node1.single("select count(distinct uscc) from stg_market");
            assertThat(node1.single("select count(*) from enterprise")).as("one golden record per staged firm").isEqualTo(firms);
            assertThat(survivor.isAlive()).isTrue();
            CrashFigures.note(("two nodes, the running one killed mid-intake: rows in %d, rows staged %d (%d before the kill),"
                    + " taken over and completed by the other node %d s after the kill, restarts survived 1")
                    .formatted(CrashRestartTest.ROWS, node1.single("select rows_staged from delivery where file_name = '" + FILE + "'"),
                            stagedAtKill, takeOver.toSeconds()));
        } finally {
            stop(first);
            stop(second);
        }
    }

    private static String[] settings(String node) {
        List<String> settings = new ArrayList<>(NODE_SETTINGS);
        settings.add("-Dlogging.file.name=" + BASE.resolve(node + ".log"));
        return settings.toArray(String[]::new);
    }

    private static ChildJvm node() {
        return new ChildJvm(BASE.resolve("home"), Map.of(
                "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", EmbeddedDatabase.USER,
                "SPRING_DATASOURCE_PASSWORD", "",
                "QE_ADMIN_PASSWORD", "two-nodes-admin"));
    }

    /** The nightly in miniature (intake of the market feed, then the master) and its schedule: once, at {@code fire}. */
    private static void writeJobs(ZonedDateTime fire) throws IOException {
        Path jobs = Files.createDirectories(BASE.resolve("jobs"));
        Files.writeString(jobs.resolve("nightly.job.yml"), """
                job: nightly
                steps:
                  - intake.market
                  - master
                """, StandardCharsets.UTF_8);
        Files.writeString(jobs.resolve("schedules.yml"), """
                schedules:
                  - job: nightly
                    cron: "%d %d %d * * ?"
                    time-zone: Asia/Shanghai
                """.formatted(fire.getSecond(), fire.getMinute(), fire.getHour()), StandardCharsets.UTF_8);
    }

    /** A graceful stop (SIGTERM), as systemd stops a node. */
    private static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
