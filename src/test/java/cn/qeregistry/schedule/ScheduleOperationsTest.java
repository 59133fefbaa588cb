package cn.qeregistry.schedule;

import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.AuditLog;
import cn.qeregistry.platform.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Loading schedules.yml into the job store (new, changed, removed, disabled entries) and the operator's
 * actions on it — list, pause, resume, run now — each audited, through the service and the command.
 */
@SpringBootTest(properties = {"qe.jobs-dir=src/test/resources/schedule/operations/jobs", "spring.main.web-application-type=none",
        "spring.quartz.auto-startup=false"})
@ExtendWith(OutputCaptureExtension.class)
class ScheduleOperationsTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final TriggerKey OPS = TriggerKey.triggerKey("ops", Schedules.SCHEDULE_GROUP);

    @Autowired Schedules schedules;
    @Autowired Scheduler scheduler;
    @Autowired JdbcClient jdbc;
    @Autowired @Qualifier("schedule") Command command;

    @BeforeEach
    @AfterEach
    void emptyStore() throws Exception {
        for (String group : List.of(Schedules.SCHEDULE_GROUP, Schedules.RUN_NOW_GROUP)) {
            scheduler.unscheduleJobs(List.copyOf(scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))));
        }
        jdbc.sql("delete from audit_log where target in ('ops', 'idle')").update();
    }

    @Test
    void loadingSchedulesDailyEntryAtItsShanghaiTimeAndLeavesDisabledOneOut() {
        schedules.load();

        Schedules.Schedule ops = schedule("ops");
        assertThat(ops.state()).isEqualTo("NORMAL");
        ZonedDateTime next = ops.nextFireTime().atZone(SHANGHAI);
        assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(2, 0));
        assertThat(next).isAfter(ZonedDateTime.now(SHANGHAI)).isBefore(ZonedDateTime.now(SHANGHAI).plusDays(1));

        Schedules.Schedule idle = schedule("idle");
        assertThat(idle.enabled()).isFalse();
        assertThat(idle.state()).isEqualTo("ABSENT");
    }

    @Test
    void reloadingReplacesAChangedCronKeepsThePauseAndRemovesTriggersNoLongerInTheFile() throws Exception {
        schedules.load();
        Trigger old = TriggerBuilder.newTrigger().withIdentity(OPS).forJob(JobKey.jobKey("ops", Schedules.JOB_GROUP))
                .withSchedule(CronScheduleBuilder.cronSchedule("0 0 4 * * ?")).build();
        scheduler.rescheduleJob(OPS, old); // the file said 04:00 when the store was last loaded
        scheduler.pauseTrigger(OPS);
        TriggerKey removed = TriggerKey.triggerKey("idle", Schedules.SCHEDULE_GROUP);
        scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(removed).forJob(JobKey.jobKey("ops", Schedules.JOB_GROUP))
                .withSchedule(CronScheduleBuilder.cronSchedule("0 0 3 * * ?")).build()); // enabled before, disabled now

        schedules.load();

        assertThat(((CronTrigger) scheduler.getTrigger(OPS)).getCronExpression()).isEqualTo("0 0 2 * * ?");
        assertThat(scheduler.getTriggerState(OPS)).isEqualTo(Trigger.TriggerState.PAUSED);
        assertThat(scheduler.checkExists(removed)).isFalse();
    }

    @Test
    void pauseResumeAndRunNowActOnTheStoreAndAreAudited() throws Exception {
        schedules.load();

        schedules.pause("ops", "alice", "10.0.0.7");
        assertThat(schedule("ops").paused()).isTrue();
        schedules.resume("ops", "alice", "10.0.0.7");
        assertThat(schedule("ops").paused()).isFalse();
        LocalDate date = schedules.runNow("ops", LocalDate.of(2026, 5, 6), "bob", null);

        Set<TriggerKey> queued = scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(Schedules.RUN_NOW_GROUP));
        assertThat(queued).hasSize(1);
        Trigger oneOff = scheduler.getTrigger(queued.iterator().next());
        assertThat(oneOff.getJobKey().getName()).isEqualTo("ops");
        assertThat(oneOff.getJobDataMap().getString(ScheduledRun.DATE)).isEqualTo(date.toString()).isEqualTo("2026-05-06");
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || target || ' ' || coalesce(remote_addr, '-')"
                        + " from audit_log where target = 'ops' order by id").query(String.class).list())
                .containsExactly("alice schedule.pause ops 10.0.0.7", "alice schedule.resume ops 10.0.0.7",
                        "bob schedule.run-now ops -");
    }

    @Test
    void pausingAJobWithoutScheduleIsRefusedAndNothingIsAudited() {
        schedules.load();

        assertThatThrownBy(() -> schedules.pause("idle", "alice", null))
                .isInstanceOf(Schedules.UnknownSchedule.class).hasMessageContaining("'idle' has no schedule");
        assertThatThrownBy(() -> schedules.runNow("nope", LocalDate.of(2026, 5, 6), "alice", null))
                .isInstanceOf(Schedules.UnknownSchedule.class).hasMessageContaining("no job named 'nope'");
        assertThat(jdbc.sql("select count(*) from audit_log where target in ('ops', 'idle')").query(Long.class).single()).isZero();
    }

    @Test
    void scheduleCommandListsPausesAndReportsUnknownJobs(CapturedOutput output) throws Exception {
        schedules.load();

        assertThat(command.run(Arguments.parse(List.of("pause", "ops"), Set.of()))).isEqualTo(Command.OK);
        assertThat(command.run(Arguments.parse(List.of("list"), Set.of()))).isEqualTo(Command.OK);
        assertThat(output.getOut()).contains("已暂停 paused: ops")
                .containsPattern("ops +0 0 2 \\* \\* \\? +Asia/Shanghai +\\d{4}-\\d\\d-\\d\\d 02:00:00 \\+08:00 +已暂停 PAUSED")
                .containsPattern("idle +0 0 3 \\* \\* \\? +Asia/Shanghai +- +已停用 DISABLED");
        assertThat(jdbc.sql("select actor from audit_log where target = 'ops' and action = 'schedule.pause'")
                .query(String.class).single()).isEqualTo(AuditLog.COMMAND_LINE);

        assertThat(command.run(Arguments.parse(List.of("resume", "idle"), Set.of()))).isEqualTo(Command.FAILED);
        assertThat(output.getErr()).contains("'idle' has no schedule");
    }

    @TestConfiguration
    static class OpsStep {
        @Bean
        Step opsStep(JobRepository repository, PlatformTransactionManager transactions) {
            return new StepBuilder("schedule.ops", repository)
                    .tasklet((contribution, chunk) -> RepeatStatus.FINISHED, transactions)
                    .build();
        }
    }

    private Schedules.Schedule schedule(String job) {
        return schedules.list().stream().filter(s -> s.job().equals(job)).findFirst().orElseThrow();
    }
}
