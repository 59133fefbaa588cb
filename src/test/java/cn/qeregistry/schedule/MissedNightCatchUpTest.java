package cn.qeregistry.schedule;

import cn.qeregistry.runs.JobRunner;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nights missed while no scheduler ran are caught up once, when a server starts, for the last missed
 * night's business date (not the date of the catch-up moment).
 */
class MissedNightCatchUpTest {

    static final String CONFIG = "src/test/resources/schedule/catchup";
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("catchup", Schedules.SCHEDULE_GROUP);

    @Test
    void nightsMissedWhileEveryNodeWasDownRunOnceAtStartUpForTheLastMissedNight() throws Exception {
        LocalDate today = JobRunner.today();
        LocalDate yesterday = today.minusDays(1);
        try (ConfigurableApplicationContext before = TestNode.start(CONFIG, "node-before", false,
                "qe.schedule.load-at-start-up=false")) {
            before.getBean(Scheduler.class).unscheduleJob(TRIGGER);
            TestNode.forgetJob(before.getBean(JdbcClient.class), "catchup");
        }
        try (ConfigurableApplicationContext down = TestNode.start(CONFIG, "node-down", false)) {
            // the trigger has been due since three nights ago: every node was down since then
            ZonedDateTime threeNightsAgo = ZonedDateTime.of(today.minusDays(3), LocalTime.of(23, 59, 59), JobRunner.ZONE);
            int updated = down.getBean(JdbcClient.class)
                    .sql("update qrtz_triggers set next_fire_time = ? where trigger_name = ? and trigger_group = ?")
                    .params(threeNightsAgo.toInstant().toEpochMilli(), TRIGGER.getName(), TRIGGER.getGroup())
                    .update();
            assertThat(updated).isEqualTo(1);
        }

        try (ConfigurableApplicationContext server = TestNode.start(CONFIG, "node-up", true)) {
            JdbcClient jdbc = server.getBean(JdbcClient.class);
            long deadline = System.currentTimeMillis() + 30_000;
            while (fires(jdbc).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
            }
            Thread.sleep(3000); // time for a second (wrong) catch-up fire to show

            assertThat(fires(jdbc)).containsExactly("RAN " + yesterday);
            assertThat(jdbc.sql("""
                            select p.parameter_value || ' ' || e.status
                              from batch_job_execution e
                              join batch_job_instance i using (job_instance_id)
                              join batch_job_execution_params p on p.job_execution_id = e.job_execution_id and p.parameter_name = 'date'
                             where i.job_name = 'catchup'""").query(String.class).list())
                    .containsExactly(yesterday + " COMPLETED");
            Trigger trigger = server.getBean(Scheduler.class).getTrigger(TRIGGER);
            assertThat(trigger.getNextFireTime().toInstant())
                    .isEqualTo(ZonedDateTime.of(today, LocalTime.of(23, 59, 59), JobRunner.ZONE).toInstant());
        }
    }

    private static List<String> fires(JdbcClient jdbc) {
        return jdbc.sql("select outcome || ' ' || business_date from schedule_fire where job_name = 'catchup'")
                .query(String.class).list();
    }
}
