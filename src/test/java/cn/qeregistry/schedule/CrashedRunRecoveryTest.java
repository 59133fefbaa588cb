package cn.qeregistry.schedule;

import cn.qeregistry.runs.JobRunner;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node dies in the middle of a step: its execution stays STARTED in the database forever. The next
 * server start recovers it to FAILED (and releases its run guard claim) so it can be restarted, but
 * leaves alone an execution whose node is still alive. An execution with no recorded owner counts as
 * orphaned only once it has been silent longer than the node timeout.
 */
class CrashedRunRecoveryTest {

    static final String CONFIG = "src/test/resources/schedule/recovery";
    static final LocalDate CRASHED_DATE = LocalDate.of(2026, 3, 2);
    static final LocalDate RUNNING_DATE = LocalDate.of(2026, 3, 3);
    static final LocalDate UNOWNED_STALE_DATE = LocalDate.of(2026, 3, 4);
    static final LocalDate UNOWNED_FRESH_DATE = LocalDate.of(2026, 3, 5);
    static final LocalDate RESTARTED_HOST_DATE = LocalDate.of(2026, 3, 6);
    static final String DEAD_NODE = "crashed-host:4242:deadbeef";
    static final String LIVE_NODE = "other-host:4343:a1ive000";

    @Test
    void runLeftStartedByADeadNodeIsRecoveredToFailedAtStartUpAndRestartsToCompleted() throws Exception {
        long crashed;
        long stillRunning;
        long unownedStale;
        long unownedFresh;
        long ofDeadLocalProcess;
        try (ConfigurableApplicationContext dying = TestNode.start(CONFIG, "node-dying", false,
                "qe.schedule.load-at-start-up=false")) {
            JdbcClient jdbc = dying.getBean(JdbcClient.class);
            TestNode.forgetJob(jdbc, "crashy");
            JobRepository repository = dying.getBean(JobRepository.class);
            crashed = OrphanedRun.leftStarted(repository, jdbc, "crashy", "schedule.quick", CRASHED_DATE, DEAD_NODE, 10);
            stillRunning = OrphanedRun.leftStarted(repository, jdbc, "crashy", "schedule.quick", RUNNING_DATE, LIVE_NODE, 10);
            unownedStale = OrphanedRun.leftStarted(repository, jdbc, "crashy", "schedule.quick", UNOWNED_STALE_DATE, null, 10);
            unownedFresh = OrphanedRun.leftStarted(repository, jdbc, "crashy", "schedule.quick", UNOWNED_FRESH_DATE, null, 0);
            // the previous process on this host crashed seconds ago: its heartbeat is fresh, its pid gone
            String previousProcess = dying.getBean(ClusterNodes.class).nodeId() + "-previous";
            ofDeadLocalProcess = OrphanedRun.leftStarted(repository, jdbc, "crashy", "schedule.quick", RESTARTED_HOST_DATE, previousProcess, 0);
            Process exited = new ProcessBuilder("true").start();
            exited.waitFor();
            jdbc.sql("insert into schedule_node (node_id, host, pid, mode) select ?, host, ?, 'serve' from schedule_node where node_id = ?")
                    .params(previousProcess, exited.pid(), dying.getBean(ClusterNodes.class).nodeId()).update();
            jdbc.sql("delete from schedule_node where node_id in (?, ?)").params(DEAD_NODE, LIVE_NODE).update();
            jdbc.sql("insert into schedule_node (node_id, host, pid, mode) values (?, 'other-host', 4343, 'serve')")
                    .param(LIVE_NODE).update();
            jdbc.sql("insert into schedule_run_guard (job_name, business_date, state, node_id) values ('crashy', ?, 'CLAIMED', ?)")
                    .params(CRASHED_DATE, DEAD_NODE).update();
        }

        try (ConfigurableApplicationContext server = TestNode.start(CONFIG, "node-restarted", false,
                "qe.schedule.recover-at-start-up=true")) {
            JobRunner runner = server.getBean(JobRunner.class);
            JdbcClient jdbc = server.getBean(JdbcClient.class);

            JobExecution recovered = runner.execution(crashed);
            assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(recovered.getStepExecutions()).extracting(StepExecution::getStatus).containsExactly(BatchStatus.FAILED);
            assertThat(runner.execution(stillRunning).getStatus()).as("its node is alive").isEqualTo(BatchStatus.STARTED);
            assertThat(runner.execution(unownedStale).getStatus()).as("no owner, silent for 10 minutes").isEqualTo(BatchStatus.FAILED);
            assertThat(runner.execution(unownedFresh).getStatus()).as("no owner yet, updated just now").isEqualTo(BatchStatus.STARTED);
            assertThat(runner.execution(ofDeadLocalProcess).getStatus()).as("its process on this host is gone").isEqualTo(BatchStatus.FAILED);
            assertThat(jdbc.sql("select state from schedule_run_guard where job_name = 'crashy' and business_date = ?")
                    .param(CRASHED_DATE).query(String.class).single()).isEqualTo("RELEASED");
            assertThat(server.getBean(MeterRegistry.class).counter("qe.job.failures", "job", "crashy").count()).isEqualTo(3.0);

            JobRunner.Launch restart = runner.run(runner.job("crashy").orElseThrow(), CRASHED_DATE, Map.of());
            assertThat(restart.ran()).isTrue();
            assertThat(restart.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(restart.execution().getJobInstance().getId()).isEqualTo(recovered.getJobInstance().getId());

            jdbc.sql("delete from schedule_node where node_id = ?").param(LIVE_NODE).update();
            TestNode.forgetJob(jdbc, "crashy"); // leaves no STARTED execution behind for later tests
        }
    }

    /** What a JVM killed inside the step leaves behind: job and step STARTED, last updated minutes ago. */
}
