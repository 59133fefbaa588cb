package cn.qeregistry.schedule;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one database, both schedulers running, a trigger every two seconds: every fire is
 * executed by exactly one node, and the job runs once for its business date however often it fires.
 */
class ClusteredScheduleTest {

    static final String CONFIG = "src/test/resources/schedule/cluster";

    @Test
    void twoNodesExecuteEachFireExactlyOnceAndRunEachDateOnce() throws Exception {
        List<String> instances;
        try (ConfigurableApplicationContext clean = TestNode.start(CONFIG, "node-clean", false,
                "qe.schedule.load-at-start-up=false")) {
            clean.getBean(org.quartz.Scheduler.class).unscheduleJob(org.quartz.TriggerKey.triggerKey("tick", Schedules.SCHEDULE_GROUP));
            TestNode.forgetJob(clean.getBean(JdbcClient.class), "tick");
        }
        try (ConfigurableApplicationContext a = TestNode.start(CONFIG, "node-a", true);
             ConfigurableApplicationContext b = TestNode.start(CONFIG, "node-b", true)) {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            Thread.sleep(14_000);
            instances = jdbc.sql("select instance_name from qrtz_scheduler_state order by 1").query(String.class).list();
            a.getBean(Schedules.class).pause("tick", "test", null); // no fire starts while the nodes shut down
        }
        assertThat(instances).contains("node-a", "node-b");

        try (ConfigurableApplicationContext check = TestNode.start(CONFIG, "node-check", false,
                "qe.schedule.load-at-start-up=false")) {
            JdbcClient jdbc = check.getBean(JdbcClient.class);
            List<Map<String, Object>> fires = jdbc.sql("""
                            select scheduled_fire_time, count(*) as executions
                              from schedule_fire where job_name = 'tick'
                             group by scheduled_fire_time order by scheduled_fire_time""")
                    .query().listOfRows();
            assertThat(fires).hasSizeGreaterThanOrEqualTo(4);
            assertThat(fires).allSatisfy(fire -> assertThat(fire.get("executions")).isEqualTo(1L));
            Timestamp first = (Timestamp) fires.get(0).get("scheduled_fire_time");
            Timestamp last = (Timestamp) fires.get(fires.size() - 1).get("scheduled_fire_time");
            assertThat(fires).as("no fire between the first and the last was lost")
                    .hasSize((int) ((last.getTime() - first.getTime()) / 2000) + 1);

            long dates = jdbc.sql("select count(distinct business_date) from schedule_fire where job_name = 'tick'")
                    .query(Long.class).single();
            assertThat(jdbc.sql("select count(*) from batch_job_instance where job_name = 'tick'").query(Long.class).single())
                    .isEqualTo(dates);
            assertThat(jdbc.sql("select count(*) from batch_job_execution e join batch_job_instance i using (job_instance_id)"
                    + " where i.job_name = 'tick'").query(Long.class).single()).isEqualTo(dates);
            assertThat(jdbc.sql("select count(*) from schedule_fire where job_name = 'tick' and outcome = 'RAN'")
                    .query(Long.class).single()).isEqualTo(dates);
            assertThat(jdbc.sql("select state from schedule_run_guard where job_name = 'tick'").query(String.class).list())
                    .hasSize((int) dates).containsOnly("COMPLETED");
            assertThat(jdbc.sql("select count(*) from schedule_fire where job_name = 'tick' and outcome = 'SKIPPED'")
                    .query(Long.class).single()).isEqualTo(fires.size() - dates);
        }
    }
}
