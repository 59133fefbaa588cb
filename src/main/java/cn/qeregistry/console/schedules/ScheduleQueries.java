package cn.qeregistry.console.schedules;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Reads Quartz's triggers from its tables: what fires when, and whether it is paused. */
@Component
public class ScheduleQueries {

    private final JdbcClient jdbc;

    public ScheduleQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One trigger; fire times in the business time zone (Asia/Shanghai). */
    public record Trigger(String name, String group, String job, String description, String state, String cron,
                          String timeZone, LocalDateTime nextFire, LocalDateTime previousFire) {
    }

    public List<Trigger> triggers(ZoneId zone) {
        return jdbc.sql("""
                        select t.trigger_name, t.trigger_group, t.job_name, t.description, t.trigger_state,
                               c.cron_expression, c.time_zone_id, t.next_fire_time, t.prev_fire_time
                        from qrtz_triggers t left join qrtz_cron_triggers c
                          on c.sched_name = t.sched_name and c.trigger_name = t.trigger_name and c.trigger_group = t.trigger_group
                        order by t.job_name, t.trigger_name""")
                .query((rs, i) -> new Trigger(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), time(rs.getLong(8), rs.wasNull(), zone),
                        time(rs.getLong(9), rs.wasNull(), zone)))
                .list();
    }

    private static LocalDateTime time(long millis, boolean wasNull, ZoneId zone) {
        return wasNull || millis <= 0 ? null : LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
    }
}
