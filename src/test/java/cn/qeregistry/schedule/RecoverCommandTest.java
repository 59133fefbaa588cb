package cn.qeregistry.schedule;

import cn.qeregistry.cli.CommandSpec;
import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.Command;
import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code recover EXECUTION_ID}: a run left STARTED by a dead node becomes FAILED (and its run guard
 * claim is released) so {@code restart} can resume it; a run whose node still beats is refused with
 * exit 1 and is left running, as are finished and unknown executions.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class RecoverCommandTest {

    static final String JOB = "recover-cmd";
    static final String DEAD_NODE = "gone-host:5151:deadbeef";
    static final String LIVE_NODE = "busy-host:5252:a1ive000";

    @Autowired JobRepository repository;
    @Autowired JobRunner runner;
    @Autowired JdbcClient jdbc;
    @Autowired Command recover;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout;
    PrintStream stderr;

    @BeforeEach
    void captureOutput() {
        TestNode.forgetJob(jdbc, JOB);
        jdbc.sql("delete from schedule_node where node_id in (?, ?)").params(DEAD_NODE, LIVE_NODE).update();
        jdbc.sql("insert into schedule_node (node_id, host, pid, mode) values (?, 'busy-host', 5252, 'serve')").param(LIVE_NODE).update();
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(stdout);
        System.setErr(stderr);
        TestNode.forgetJob(jdbc, JOB);
        jdbc.sql("delete from schedule_node where node_id in (?, ?)").params(DEAD_NODE, LIVE_NODE).update();
    }

    @Test
    void runOfADeadNodeIsRecoveredToFailedAndItsClaimReleased() {
        LocalDate date = LocalDate.of(2026, 4, 1);
        long id = OrphanedRun.leftStarted(repository, jdbc, JOB, "recover-cmd.step", date, DEAD_NODE, 10);
        jdbc.sql("insert into schedule_run_guard (job_name, business_date, state, node_id) values (?, ?, 'CLAIMED', ?)")
                .params(JOB, date, DEAD_NODE).update();

        assertThat(run(String.valueOf(id))).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Command.OK);

        JobExecution recovered = runner.execution(id);
        assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(recovered.getStepExecutions()).extracting(StepExecution::getStatus).containsExactly(BatchStatus.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("execution " + id, DEAD_NODE, "restart " + id);
        assertThat(jdbc.sql("select state from schedule_run_guard where job_name = ? and business_date = ?")
                .params(JOB, date).query(String.class).single()).isEqualTo("RELEASED");
        assertThat(jdbc.sql("select count(*) from schedule_execution_owner where job_execution_id = ?").param(id)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'run.recover' and target = ?").param("execution " + id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void runOfALiveNodeIsRefusedWithExitOneAndLeftRunning() {
        long id = OrphanedRun.leftStarted(repository, jdbc, JOB, "recover-cmd.step", LocalDate.of(2026, 4, 2), LIVE_NODE, 10);

        assertThat(run(String.valueOf(id))).isEqualTo(Command.FAILED);

        assertThat(runner.execution(id).getStatus()).isEqualTo(BatchStatus.STARTED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("recover refused", "execution " + id, LIVE_NODE, "alive", "stop " + id);
    }

    @Test
    void finishedRunIsRefusedAndPointsAtRestart() {
        long id = OrphanedRun.leftStarted(repository, jdbc, JOB, "recover-cmd.step", LocalDate.of(2026, 4, 3), DEAD_NODE, 10);
        assertThat(run(String.valueOf(id))).isEqualTo(Command.OK);
        err.reset();

        assertThat(run(String.valueOf(id))).isEqualTo(Command.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is FAILED, not left running", "restart " + id);
    }

    @Test
    void unknownExecutionIsRefused() {
        assertThat(run("987654321")).isEqualTo(Command.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no job execution with id 987654321");
    }

    @Test
    void allOrphansRecoversTheDeadNodesRunsOnly() {
        long dead = OrphanedRun.leftStarted(repository, jdbc, JOB, "recover-cmd.step", LocalDate.of(2026, 4, 4), DEAD_NODE, 10);
        long live = OrphanedRun.leftStarted(repository, jdbc, JOB, "recover-cmd.step", LocalDate.of(2026, 4, 5), LIVE_NODE, 10);

        assertThat(run("--all-orphans")).isEqualTo(Command.OK);

        assertThat(runner.execution(dead).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(runner.execution(live).getStatus()).isEqualTo(BatchStatus.STARTED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("execution " + dead).doesNotContain("execution " + live + " ");
    }

    private int run(String... words) {
        try {
            return recover.run(Arguments.parse(List.of(words), CommandSpec.RECOVER.options()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
