package cn.qeregistry.console;

import cn.qeregistry.console.runs.BackgroundRuns;
import cn.qeregistry.console.runs.RunQueries;
import cn.qeregistry.console.security.AppUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Operators launch, restart, stop, abandon and recover runs from the pages and the API; each is audited. */
@ConsoleTest
class RunsConsoleTest {

    static final Pattern EXECUTION = Pattern.compile("/runs/(\\d+)$");

    @Autowired MockMvc mvc;
    @Autowired RunQueries runs;
    @Autowired AppUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired BackgroundRuns background;

    @BeforeEach
    void setUp() {
        TestUsers.ensure(users);
    }

    @AfterEach
    void mappingFixed() {
        ConsoleTestJobs.writeMapping("ok");
    }

    @Test
    void aFailedRunIsRestartedFromThePagesAndOnlyItsUnfinishedStepRunsAgain() throws Exception {
        ConsoleTestJobs.writeMapping("broken");
        MvcResult launched = mvc.perform(post("/runs/launch").with(operator()).with(csrf())
                        .param("job", ConsoleTestJobs.JOB).param("date", "2031-03-01"))
                .andExpect(status().isFound()).andReturn();
        long failed = executionOf(launched);
        assertThat(awaitEnd(failed).status()).isEqualTo("FAILED");

        mvc.perform(get("/runs/" + failed).with(staff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("<details>")))
                .andExpect(content().string(containsString("Unable to process chunk")))
                .andExpect(content().string(containsString("at org.springframework.batch.core.step.item.ChunkOrientedStep")))
                .andExpect(content().string(not(containsString("id=\"restart\""))));
        mvc.perform(get("/runs/" + failed).with(operator())).andExpect(content().string(containsString("id=\"restart\"")));
        mvc.perform(get("/dashboard").with(staff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("失败于 console.load")))
                .andExpect(content().string(containsString("href=\"/runs/" + failed + "\"")));
        mvc.perform(get("/runs/" + failed + "/restart").with(operator())).andExpect(status().isOk())
                .andExpect(content().string(containsString("<li>console.load</li>")))
                .andExpect(content().string(not(containsString("<li>console.prepare</li>"))));

        ConsoleTestJobs.writeMapping("ok");
        MvcResult restarted = mvc.perform(post("/runs/" + failed + "/restart").with(operator()).with(csrf()))
                .andExpect(status().isFound()).andReturn();
        long second = executionOf(restarted);
        assertThat(second).isNotEqualTo(failed);
        RunQueries.Run done = awaitEnd(second);
        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThat(runs.steps(second)).extracting(RunQueries.StepRun::name).containsExactly("console.load");
        assertThat(runs.steps(second).get(0).read()).isEqualTo(ConsoleTestJobs.ITEMS - 30);
        assertThat(audited("RUN_LAUNCH", "execution " + failed)).isEqualTo(1);
        assertThat(audited("RUN_RESTART", "execution " + failed)).isEqualTo(1);

        mvc.perform(post("/runs/" + second + "/restart").with(operator()).with(csrf()))
                .andExpect(status().isFound());
        assertThat(runs.list(new RunQueries.Filter(ConsoleTestJobs.JOB, null, java.time.LocalDate.of(2031, 3, 1)), 0))
                .hasSize(2);
    }

    @Test
    void theApiLaunchesListsAndRestartsRunsForScripts() throws Exception {
        ConsoleTestJobs.writeMapping("broken");
        MvcResult launched = mvc.perform(post("/api/runs").with(httpBasic("t-operator", TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"job\":\"console-test\",\"date\":\"2031-04-01\"}"))
                .andExpect(status().isAccepted()).andReturn();
        long id = Long.parseLong(launched.getResponse().getHeader("Location").replaceAll("\\D", ""));
        awaitEnd(id);
        mvc.perform(get("/api/runs/" + id).with(httpBasic("t-staff", TestUsers.PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.run.status").value("FAILED"))
                .andExpect(jsonPath("$.run.date").value("2031-04-01"))
                .andExpect(jsonPath("$.steps[1].name").value("console.load"))
                .andExpect(jsonPath("$.steps[1].written").value(30))
                .andExpect(jsonPath("$.stepsToRunAgain[0]").value("console.load"));
        mvc.perform(get("/api/runs").param("job", ConsoleTestJobs.JOB).param("status", "FAILED")
                        .with(httpBasic("t-staff", TestUsers.PASSWORD)))
                .andExpect(jsonPath("$[?(@.id == " + id + ")]").exists());

        mvc.perform(post("/api/runs/" + id + "/recover").with(httpBasic("t-operator", TestUsers.PASSWORD)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.message", containsString("FAILED")));
        ConsoleTestJobs.writeMapping("ok");
        MvcResult restarted = mvc.perform(post("/api/runs/" + id + "/restart").with(httpBasic("t-operator", TestUsers.PASSWORD)))
                .andExpect(status().isAccepted()).andReturn();
        long second = Long.parseLong(restarted.getResponse().getHeader("Location").replaceAll("\\D", ""));
        assertThat(awaitEnd(second).status()).isEqualTo("COMPLETED");
        mvc.perform(post("/api/runs").with(httpBasic("t-operator", TestUsers.PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"job\":\"console-test\",\"date\":\"2031-04-01\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.message", containsString("already COMPLETED")));
        mvc.perform(post("/api/runs").with(httpBasic("t-operator", TestUsers.PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"job\":\"no-such-job\",\"date\":\"2031-04-01\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aRunningRunIsStoppedThenAbandoned() throws Exception {
        ConsoleTestJobs.writeMapping("slow");
        MvcResult launched = mvc.perform(post("/runs/launch").with(operator()).with(csrf())
                .param("job", ConsoleTestJobs.JOB).param("date", "2031-05-01")).andReturn();
        long id = executionOf(launched);
        await(() -> runs.steps(id).stream().anyMatch(s -> s.name().equals("console.load") && s.read() > 0));
        mvc.perform(post("/api/runs/" + id + "/recover").with(httpBasic("t-operator", TestUsers.PASSWORD)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.message", containsString("running in this console process")));
        mvc.perform(get("/runs/" + id + "/live").with(staff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("hx-trigger=\"every 2s\"")))
                .andExpect(content().string(containsString("id=\"progress\"")));
        mvc.perform(get("/runs/" + id + "/stop").with(operator())).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"confirm\"")));
        mvc.perform(post("/runs/" + id + "/stop").with(operator()).with(csrf())).andExpect(status().isFound());
        assertThat(awaitEnd(id).status()).isEqualTo("STOPPED");
        mvc.perform(get("/runs/" + id + "/live").with(staff()))
                .andExpect(content().string(not(containsString("hx-trigger"))));
        mvc.perform(post("/runs/" + id + "/abandon").with(operator()).with(csrf())).andExpect(status().isFound());
        assertThat(runs.run(id).orElseThrow().status()).isEqualTo("ABANDONED");
        assertThat(audited("RUN_STOP", "execution " + id)).isEqualTo(1);
        assertThat(audited("RUN_ABANDON", "execution " + id)).isEqualTo(1);
    }

    @Test
    void aRunLeftStartedByACrashIsRecoveredAndCanThenBeRestarted() throws Exception {
        ConsoleTestJobs.writeMapping("broken");
        long id = executionOf(mvc.perform(post("/runs/launch").with(operator()).with(csrf())
                .param("job", ConsoleTestJobs.JOB).param("date", "2031-06-01")).andReturn());
        awaitEnd(id);
        // what a killed node leaves behind: the execution and its last step still STARTED, no end time
        jdbc.sql("update batch_job_execution set status = 'STARTED', exit_code = 'UNKNOWN', end_time = null where job_execution_id = ?")
                .param(id).update();
        jdbc.sql("update batch_step_execution set status = 'STARTED', end_time = null where job_execution_id = ? and step_name = 'console.load'")
                .param(id).update();
        // just updated and no owner recorded: it may still be running somewhere, so recover is refused
        mvc.perform(get("/runs/" + id + "/recover").with(operator())).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"refusal\"")))
                .andExpect(content().string(not(containsString("id=\"confirm\""))));
        mvc.perform(post("/api/runs/" + id + "/recover").with(httpBasic("t-operator", TestUsers.PASSWORD)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.message", containsString("no owning node")));
        // owned by a node that beats: alive, refused
        jdbc.sql("insert into schedule_node (node_id, host, pid, mode) values ('console-test-live', 'elsewhere', 1, 'serve') on conflict (node_id) do update set heartbeat_at = now()").update();
        jdbc.sql("insert into schedule_execution_owner (job_execution_id, node_id) values (?, 'console-test-live')").param(id).update();
        mvc.perform(post("/api/runs/" + id + "/recover").with(httpBasic("t-operator", TestUsers.PASSWORD)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.message", containsString("which is alive")));
        assertThat(runs.run(id).orElseThrow().status()).isEqualTo("STARTED");
        // that node stops beating (killed): now it is dead and the run may be recovered
        jdbc.sql("update schedule_node set heartbeat_at = now() - interval '1 hour' where node_id = 'console-test-live'").update();
        mvc.perform(get("/runs/" + id + "/recover").with(operator())).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"confirm\"")));
        mvc.perform(post("/runs/" + id + "/recover").with(operator()).with(csrf())).andExpect(status().isFound());
        assertThat(jdbc.sql("select count(*) from schedule_execution_owner where job_execution_id = ?").param(id)
                .query(Long.class).single()).as("the dead node's claim on the run is released").isZero();
        assertThat(runs.run(id).orElseThrow().status()).isEqualTo("FAILED");
        ConsoleTestJobs.writeMapping("ok");
        long again = executionOf(mvc.perform(post("/runs/" + id + "/restart").with(operator()).with(csrf())).andReturn());
        assertThat(awaitEnd(again).status()).isEqualTo("COMPLETED");
    }

    @Test
    void runsListFiltersByJobStatusAndDate() throws Exception {
        ConsoleTestJobs.writeMapping("ok");
        long id = executionOf(mvc.perform(post("/runs/launch").with(operator()).with(csrf())
                .param("job", ConsoleTestJobs.JOB).param("date", "2031-07-01")).andReturn());
        awaitEnd(id);
        mvc.perform(get("/runs").with(staff()).param("job", ConsoleTestJobs.JOB).param("status", "COMPLETED")
                        .param("date", "2031-07-01"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("href=\"/runs/" + id + "\"")));
        mvc.perform(get("/runs").with(staff()).param("job", ConsoleTestJobs.JOB).param("status", "FAILED")
                        .param("date", "2031-07-01"))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("href=\"/runs/" + id + "\""))));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor operator() {
        return user(TestUsers.console("t-operator", null, "OPERATOR"));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor staff() {
        return user(TestUsers.console("t-staff", null, "STAFF"));
    }

    private static long executionOf(MvcResult result) {
        String location = result.getResponse().getRedirectedUrl();
        Matcher m = EXECUTION.matcher(String.valueOf(location));
        assertThat(m.find()).as("redirect to an execution page, was %s (flash: %s)", location,
                result.getFlashMap()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private RunQueries.Run awaitEnd(long id) {
        // until the launching thread is done too: the job's last repository update comes after the status change
        await(() -> !runs.run(id).orElseThrow().isRunning() && !background.runsHere(id));
        return runs.run(id).orElseThrow();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 60 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private long audited(String action, String target) {
        return jdbc.sql("select count(*) from audit_log where action = ? and target = ?").params(action, target)
                .query(Long.class).single();
    }
}
