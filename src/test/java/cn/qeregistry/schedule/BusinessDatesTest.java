package cn.qeregistry.schedule;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/** A fire's business date is the night it stands for, in the schedule's zone, even when it fires late. */
class BusinessDatesTest {

    static final TimeZone SHANGHAI = TimeZone.getTimeZone("Asia/Shanghai");
    static final String NIGHTLY = "0 30 1 * * ?";

    @Test
    void onTimeFireRunsForItsOwnShanghaiDate() {
        // 01:30 in Shanghai is 17:30 UTC of the day before
        assertThat(date(NIGHTLY, "2026-11-25T17:30:00Z")).isEqualTo(LocalDate.of(2026, 11, 26));
    }

    @Test
    void catchUpAfterMidnightRunsForTheMissedNightNotForTheDayOfTheCatchUp() {
        assertThat(date("0 30 23 * * ?", "2026-11-26T00:40:00+08:00")).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(date(NIGHTLY, "2026-11-27T01:29:00+08:00")).isEqualTo(LocalDate.of(2026, 11, 26));
    }

    @Test
    void catchUpOfSeveralMissedNightsRunsForTheLastOne() {
        assertThat(date(NIGHTLY, "2026-11-29T09:15:00+08:00")).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(date("0 0 6 ? * MON", "2026-11-26T09:00:00+08:00")).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    private static LocalDate date(String cron, String fire) {
        return BusinessDates.ofFire(cron, SHANGHAI, ZonedDateTime.parse(fire).toInstant());
    }
}
