package cn.qeregistry.reliability;

import cn.qeregistry.core.CreditCode;
import cn.qeregistry.platform.EmbeddedDatabase;
import cn.qeregistry.platform.QeHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as operators run it — a separate JVM on its own home and embedded PostgreSQL —
 * killed with SIGKILL in the middle of a 300,000-row market file, and its database shut down under
 * a running step; each time the operator's {@code recover ID} marks the dead execution FAILED and
 * {@code restart ID} resumes it in a new process, and the delivery ends with exact counts.
 */
@Tag("slow")
class CrashRestartTest {

    static final int ROWS = 300_000;
    static final int REJECT_EVERY = 97;   // a wrong check character
    static final int REPEAT_EVERY = 211;  // the previous row again, exactly
    static final Path HOME = Path.of("target/crash-home").toAbsolutePath();
    static final ChildJvm APP = new ChildJvm(HOME);
    static final String[] HEADER = "统一社会信用代码,企业名称,法定代表人,企业类型,登记状态,成立日期,注册资本(万元),行业代码,登记机关,住所,所属区划代码,列入经营异常名录,列入严重违法失信名单".split(",");

    @BeforeAll
    static void freshHome() throws IOException {
        stopDatabase();
        IntakeState.empty(HOME);
        Files.createDirectories(HOME);
    }

    @AfterAll
    static void stopTheDatabase() {
        stopDatabase();
    }

    @Test
    void killedMidFileThenRecoveredAndRestartedStagesEveryRowExactlyOnce() throws Exception {
        Path file = marketFile("market-2026-11-26.csv", 0);
        Process ingest = APP.start("ingest", "--feed=market", "--date=2026-11-26", file.toString());
        APP.waitFor("a few chunks of market-2026-11-26.csv committed", () -> commits("intake.market") >= 3, ingest);
        ingest.destroyForcibly().waitFor();

        long execution = APP.single("select max(job_execution_id) from batch_job_execution");
        assertThat(APP.text("select status from batch_job_execution where job_execution_id = " + execution)).isEqualTo("STARTED");
        long stagedAtKill = stagedFrom("market-2026-11-26.csv");
        assertThat(stagedAtKill).as("killed in the middle of the file").isBetween(1L, (long) ROWS - 1);

        recoverAndRestart(execution);

        assertExactlyOnce("market-2026-11-26.csv", 0);
        assertThat(APP.text("select status from batch_job_execution where job_execution_id = " + execution))
                .as("the dead execution was recovered").isEqualTo("FAILED");
        CrashFigures.record("kill -9 during intake", ROWS, stagedFrom("market-2026-11-26.csv"), stagedAtKill, 1);
    }

    @Test
    void databaseShutDownUnderARunningStepEndsTheProcessAndARestartCompletes() throws Exception {
        Path file = marketFile("market-2026-11-27.csv", 500_000);
        Process ingest = APP.start("ingest", "--feed=market", "--date=2026-11-27", file.toString());
        APP.waitFor("a few chunks of market-2026-11-27.csv committed", () -> commits("intake.market") >= 3, ingest);
        long execution = APP.single("select max(job_execution_id) from batch_job_execution");
        long stagedAtStop = stagedFrom("market-2026-11-27.csv");
        stopDatabase();

        assertThat(ingest.waitFor(180, TimeUnit.SECONDS)).as("the process ends instead of hanging").isTrue();
        assertThat(ingest.exitValue()).as("the run reports failure").isNotZero();
        assertThat(APP.log(ingest)).as("the failure names the lost database").containsIgnoringCase("connection");

        EmbeddedDatabase.forHome(new QeHome(HOME)); // the database back up, as an operator would start it

        recoverAndRestart(execution);
        assertExactlyOnce("market-2026-11-27.csv", 500_000);
        CrashFigures.record("database stopped during intake", ROWS, stagedFrom("market-2026-11-27.csv"), stagedAtStop, 1);
    }

    @Test
    void killedDuringTheMasterStepThenRestartedBuildsEachEnterpriseOnce() throws Exception {
        String jobs = "-Dqe.jobs-dir=src/test/resources/reliability/jobs";
        Path file = marketFile("market-2026-11-28.csv", 600_000);
        assertThat(APP.finish(APP.start(jobs, "ingest", "--feed=market", "--date=2026-11-28", file.toString()))).isZero();
        Process master = APP.start(jobs, "run", "master-only", "--date=2026-11-28");
        APP.waitFor("the master step running", () -> stepRunningFor("master", Duration.ofSeconds(3)), master);
        master.destroyForcibly().waitFor();
        long execution = APP.single("select max(job_execution_id) from batch_job_execution");
        long enterprisesAtKill = APP.single("select count(*) from enterprise");

        recoverAndRestart(execution, jobs);

        long firms = APP.single("select count(distinct s.uscc) from stg_market s join delivery d on d.id = s.delivery_id "
                + "where d.status = 'STAGED'");
        assertThat(APP.single("select count(*) from enterprise")).as("one golden record per staged firm").isEqualTo(firms);
        assertThat(APP.single("select count(*) from (select uscc from enterprise group by uscc having count(*) > 1) d")).isZero();
        CrashFigures.record("kill -9 during the master step", firms, APP.single("select count(*) from enterprise"), enterprisesAtKill, 1);
    }

    /** What the runbook tells the operator: {@code recover ID} (refused unless its process is dead), then {@code restart ID}. */
    static void recoverAndRestart(long execution, String... options) throws Exception {
        recoverAndRestart(APP, execution, options);
    }

    static void recoverAndRestart(ChildJvm app, long execution, String... options) throws Exception {
        List<String> recover = new ArrayList<>(List.of(options));
        recover.addAll(List.of("recover", String.valueOf(execution)));
        Process recovered = app.start(recover.toArray(String[]::new));
        assertThat(app.finish(recovered)).as(app.log(recovered)).isZero();
        assertThat(app.text("select status from batch_job_execution where job_execution_id = " + execution)).isEqualTo("FAILED");
        List<String> restart = new ArrayList<>(List.of(options));
        restart.addAll(List.of("restart", String.valueOf(execution)));
        Process restarted = app.start(restart.toArray(String[]::new));
        assertThat(app.finish(restarted)).as(app.log(restarted)).isZero();
    }

    static long stagedFrom(String fileName) throws SQLException {
        return APP.single("select count(*) from stg_market s join delivery d on d.id = s.delivery_id where d.file_name = '" + fileName + "'");
    }

    /** True once the step has been STARTED for at least the given time. */
    static boolean stepRunningFor(String step, Duration time) {
        try {
            return APP.single("select count(*) from batch_step_execution where step_name = '" + step + "' and status = 'STARTED' "
                    + "and start_time < localtimestamp - make_interval(secs => " + time.toSeconds() + ")") > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** read = staged + rejected + repeated with the exact numbers the file was built with; no row twice. */
    private static void assertExactlyOnce(String fileName, int codeOffset) throws SQLException {
        assertExactlyOnce(APP, fileName, codeOffset);
    }

    static void assertExactlyOnce(ChildJvm app, String fileName, int codeOffset) throws SQLException {
        long expectedRejects = 0;
        long expectedRepeats = 0;
        for (int i = 1; i <= ROWS; i++) {
            boolean repeat = i % REPEAT_EVERY == 0;
            boolean rejected = repeat ? (i - 1) % REJECT_EVERY == 0 : i % REJECT_EVERY == 0;
            if (rejected) {
                expectedRejects++; // a bad row given twice is rejected twice: only staged rows repeat
            } else if (repeat) {
                expectedRepeats++;
            }
        }
        long staged = ROWS - expectedRejects - expectedRepeats;
        String delivery = "(select id from delivery where file_name = '" + fileName + "' and status = 'STAGED')";
        assertThat(app.text("select rows_read || ' ' || rows_staged || ' ' || rows_rejected || ' ' || rows_repeated from delivery where id = " + delivery))
                .isEqualTo(ROWS + " " + staged + " " + expectedRejects + " " + expectedRepeats);
        assertThat(app.single("select count(*) from stg_market where delivery_id = " + delivery)).isEqualTo(staged);
        assertThat(app.single("select count(distinct uscc) from stg_market where delivery_id = " + delivery)).as("no firm staged twice").isEqualTo(staged);
        assertThat(app.single("select count(*) from intake_reject where delivery_id = " + delivery)).isEqualTo(expectedRejects);
        assertThat(app.single("select count(distinct row_no) from intake_reject where delivery_id = " + delivery)).isEqualTo(expectedRejects);
        assertThat(app.single("select count(*) from delivery where file_name = '" + fileName + "'")).as("one delivery for the file").isEqualTo(1);
        assertThat(app.single("select min(uscc_n) from (select substring(uscc, 12, 6)::int - " + codeOffset
                + " as uscc_n from stg_market where delivery_id = " + delivery + ") s")).isEqualTo(1);
    }

    /** A GB18030 market file of codes offset+1…offset+ROWS (offset + ROWS < 10^6): every 97th row a bad check character, every 211th the one before again. */
    static Path marketFile(String name, int codeOffset) throws IOException {
        return marketFile(HOME.resolve(name), codeOffset);
    }

    static Path marketFile(Path file, int codeOffset) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, Charset.forName("GB18030"))) {
            out.write(String.join(",", HEADER) + "\r\n");
            String previous = null;
            for (int i = 1; i <= ROWS; i++) {
                String row;
                if (i % REPEAT_EVERY == 0) {
                    row = previous;
                } else {
                    String code = code(codeOffset + i);
                    if (i % REJECT_EVERY == 0) {
                        code = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
                    }
                    row = code + ",十堰崩溃测试" + i + "有限公司,张三,有限责任公司,存续,2015-03-01,100,C3670,十堰市市场监督管理局,十堰市,420302,否,否";
                }
                out.write(row + "\r\n");
                previous = row;
            }
        }
        return file;
    }

    static String code(int n) {
        String body = "91420300MC4" + String.format("%06d", n);
        return body + (char) CreditCode.checkCharFor(body);
    }

    /** Commits of the running execution of a step (0 while the database or the step is not there yet). */
    static long commits(String step) {
        return APP.singleOr("select coalesce(max(commit_count), 0) from batch_step_execution where step_name = '" + step
                + "' and status = 'STARTED'", 0);
    }

    /** Fast shutdown of the home's PostgreSQL (SIGINT to the postmaster, as pg_ctl stop -m fast). */
    static void stopDatabase() {
        stopDatabase(HOME);
    }

    static void stopDatabase(Path home) {
        Path pidFile = home.resolve("db/postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).start().waitFor();
            Instant deadline = Instant.now().plusSeconds(60);
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new IllegalStateException("cannot stop the database of " + home, e);
        }
    }
}
