package cn.qeregistry.console.schedules;

import cn.qeregistry.console.ConsoleTest;
import cn.qeregistry.console.TestUsers;
import cn.qeregistry.console.security.AppUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Schedules from the console: ADMIN pauses and resumes, OPERATOR (and ADMIN) queue a run now, STAFF
 * only look; every action reaches Quartz's store through the schedule feature and is audited.
 */
@ConsoleTest
class ScheduleActionsTest {

    static final String JOB = "console-test";
    static final TriggerKey SCHEDULE = TriggerKey.triggerKey(JOB, "qe-schedule");

    /** Stands in for the schedule feature's Quartz job: the scheduler never starts in these tests. */
    public static class Idle implements Job {
        @Override
        public void execute(JobExecutionContext context) {
        }
    }

    @Autowired MockMvc mvc;
    @Autowired Scheduler scheduler;
    @Autowired JdbcClient jdbc;
    @Autowired AppUsers users;

    @BeforeEach
    void schedule() throws Exception {
        TestUsers.ensure(users);
        removeQuartzJob();
        scheduler.scheduleJob(JobBuilder.newJob(Idle.class).withIdentity(JobKey.jobKey(JOB, "qe")).storeDurably().build(),
                TriggerBuilder.newTrigger().withIdentity(SCHEDULE).forJob(JobKey.jobKey(JOB, "qe"))
                        .withSchedule(CronScheduleBuilder.cronSchedule("0 30 1 * * ?")).build());
    }

    @AfterEach
    void removeQuartzJob() throws Exception {
        scheduler.deleteJob(JobKey.jobKey(JOB, "qe"));
    }

    static RequestPostProcessor as(String name, String role) {
        return user(TestUsers.console(name, null, role));
    }

    @Test
    void anAdminPausesAndResumesTheScheduleFromThePage() throws Exception {
        mvc.perform(get("/schedules").with(as("t-admin", "ADMIN"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-job=\"" + JOB + "\"")))
                .andExpect(content().string(containsString("/schedules/" + JOB + "/pause")));
        mvc.perform(post("/schedules/" + JOB + "/pause").with(as("t-admin", "ADMIN")).with(csrf()))
                .andExpect(redirectedUrl("/schedules")).andExpect(flash().attribute("messageKey", "schedule.paused"));
        assertThat(scheduler.getTriggerState(SCHEDULE)).isEqualTo(Trigger.TriggerState.PAUSED);
        mvc.perform(get("/schedules").with(as("t-admin", "ADMIN")))
                .andExpect(content().string(containsString("/schedules/" + JOB + "/resume")));
        mvc.perform(post("/schedules/" + JOB + "/resume").with(as("t-admin", "ADMIN")).with(csrf()))
                .andExpect(flash().attribute("messageKey", "schedule.resumed"));
        assertThat(scheduler.getTriggerState(SCHEDULE)).isEqualTo(Trigger.TriggerState.NORMAL);
        assertThat(audited("t-admin", "schedule.pause")).isPositive();
        assertThat(audited("t-admin", "schedule.resume")).isPositive();
    }

    @Test
    void operatorsMayRunNowButNotPauseAndStaffMayDoNeither() throws Exception {
        mvc.perform(post("/schedules/" + JOB + "/pause").with(as("t-operator", "OPERATOR")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/schedules/" + JOB + "/pause").with(httpBasic("t-operator", TestUsers.PASSWORD)))
                .andExpect(status().isForbidden());
        assertThat(scheduler.getTriggerState(SCHEDULE)).isEqualTo(Trigger.TriggerState.NORMAL);
        mvc.perform(post("/schedules/" + JOB + "/run").param("date", "2031-09-01").with(as("t-staff", "STAFF")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/schedules").with(as("t-staff", "STAFF"))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/schedules/" + JOB + "/pause"))))
                .andExpect(content().string(not(containsString("/schedules/" + JOB + "/run"))));

        int before = runNowTriggers();
        mvc.perform(post("/schedules/" + JOB + "/run").param("date", "2031-09-01").with(as("t-operator", "OPERATOR")).with(csrf()))
                .andExpect(redirectedUrl("/schedules"))
                .andExpect(flash().attribute("messageArg", JOB + " 2031-09-01"));
        assertThat(runNowTriggers()).isEqualTo(before + 1);
        assertThat(audited("t-operator", "schedule.run-now")).isPositive();
    }

    @Test
    void theApiPausesResumesAndQueuesWithTheSameRolesAndNamesAnUnknownSchedule() throws Exception {
        mvc.perform(post("/api/schedules/" + JOB + "/pause").with(httpBasic("t-admin", TestUsers.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("PAUSED"));
        mvc.perform(get("/api/schedules").with(httpBasic("t-staff", TestUsers.PASSWORD))).andExpect(status().isOk());
        mvc.perform(post("/api/schedules/" + JOB + "/resume").with(httpBasic("t-admin", TestUsers.PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/schedules/no-such-job/pause").with(httpBasic("t-admin", TestUsers.PASSWORD)))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.message", containsString("no-such-job")));
        mvc.perform(post("/api/schedules/" + JOB + "/run").with(httpBasic("t-operator", TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"date\":\"2031-09-02\"}"))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.queued").value(true));
        mvc.perform(post("/api/schedules/no-such-job/run").with(httpBasic("t-operator", TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"date\":\"2031-09-02\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/schedules/" + JOB + "/run").with(httpBasic("t-operator", TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
    }

    private int runNowTriggers() throws Exception {
        return scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals("qe-run-now")).size();
    }

    private long audited(String actor, String action) {
        return jdbc.sql("select count(*) from audit_log where actor = ? and action = ?").params(actor, action)
                .query(Long.class).single();
    }
}
