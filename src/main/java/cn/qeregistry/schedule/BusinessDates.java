package cn.qeregistry.schedule;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/**
 * The business date of a fire: the date, in the schedule's time zone, of the latest time the cron
 * expression names at or before the fire. For an on-time fire that is the fire itself; for a
 * "fire once now" catch-up (Quartz moves the fire to the moment of recovery) it is the missed night,
 * e.g. the 01:30 fire of the 26th caught up at 00:40 on the 27th still runs the 26th.
 */
final class BusinessDates {

    /** Search windows, smallest first, so dense crons stay cheap and sparse ones are still found. */
    private static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofHours(1),
            Duration.ofDays(1), Duration.ofDays(8), Duration.ofDays(32), Duration.ofDays(367));

    private BusinessDates() {
    }

    static LocalDate ofFire(String cron, TimeZone zone, Instant fire) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a cron expression: " + cron, e);
        }
        expression.setTimeZone(zone);
        Instant latest = latestFireAtOrBefore(expression, fire);
        return latest.atZone(zone.toZoneId()).toLocalDate();
    }

    private static Instant latestFireAtOrBefore(CronExpression expression, Instant fire) {
        Date limit = Date.from(fire.plusMillis(1)); // cron resolution is one second; include the fire itself
        for (Duration window : WINDOWS) {
            Date latest = null;
            Date next = expression.getNextValidTimeAfter(Date.from(fire.minus(window)));
            while (next != null && next.before(limit)) {
                latest = next;
                next = expression.getNextValidTimeAfter(next);
            }
            if (latest != null) {
                return latest.toInstant();
            }
        }
        return fire; // a cron that named no time in the past year: the fire is its own date
    }
}
