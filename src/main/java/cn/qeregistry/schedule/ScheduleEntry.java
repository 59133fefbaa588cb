package cn.qeregistry.schedule;

import java.util.TimeZone;

/** One line of {@code jobs/schedules.yml}: run {@code job} at {@code cron} in {@code timeZone}, unless disabled. */
public record ScheduleEntry(String job, String cron, TimeZone timeZone, boolean enabled) {
}
