package cn.qeregistry.schedule;

import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Run now" queues a one-off trigger in the store; a running server fires it for the requested date,
 * through the run guard, so asking again for a date already done launches nothing.
 */
class RunNowTest {

    static final LocalDate DATE = LocalDate.of(2026, 6, 1);

    @Test
    void runNowIsFiredByARunningServerAndADoneDateIsNotRunAgain() throws Exception {
        try (ConfigurableApplicationContext server = TestNode.start(MissedNightCatchUpTest.CONFIG, "node-run-now", true)) {
            JdbcClient jdbc = server.getBean(JdbcClient.class);
            TestNode.forgetJob(jdbc, "catchup");
            Schedules schedules = server.getBean(Schedules.class);

            schedules.runNow("catchup", DATE, "carol", null);
            awaitFires(jdbc, 1);
            schedules.runNow("catchup", DATE, "carol", null);
            awaitFires(jdbc, 2);

            assertThat(fires(jdbc)).containsExactly("RAN " + DATE + " COMPLETED", "SKIPPED " + DATE + " already COMPLETED");
            assertThat(jdbc.sql("select count(*) from batch_job_instance where job_name = 'catchup'").query(Long.class).single())
                    .isEqualTo(1);
            assertThat(server.getBean(Scheduler.class).getTriggerKeys(
                    GroupMatcher.triggerGroupEquals(Schedules.RUN_NOW_GROUP))).as("one-off triggers are gone")
                    .isEmpty();
        }
    }

    private static void awaitFires(JdbcClient jdbc, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (fires(jdbc).size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    private static List<String> fires(JdbcClient jdbc) {
        return jdbc.sql("""
                        select outcome || ' ' || business_date || ' ' || split_part(detail, ' by ', 1)
                          from schedule_fire where job_name = 'catchup' order by id""")
                .query(String.class).list();
    }
}
