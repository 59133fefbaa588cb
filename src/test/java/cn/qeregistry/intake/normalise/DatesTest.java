package cn.qeregistry.intake.normalise;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DatesTest {

    static final Set<String> ALL = Dates.FORMS;

    @Test
    void theFormsDepartmentsWriteAllGiveTheSameDay() {
        LocalDate day = LocalDate.of(2022, 3, 1);
        assertThat(Dates.parse("2022-03-01", ALL, false).date()).isEqualTo(day);
        assertThat(Dates.parse("2022/3/1", ALL, false).date()).isEqualTo(day);
        assertThat(Dates.parse("2022年3月1日", ALL, false).date()).isEqualTo(day);
        assertThat(Dates.parse("20220301", ALL, false).date()).isEqualTo(day);
        assertThat(Dates.parse("44621", ALL, false).date()).isEqualTo(day);
        assertThat(Dates.parse("44621.5", ALL, false).date()).isEqualTo(day);
        assertThat(Dates.parse("43159", ALL, true).date()).isEqualTo(day);
        assertThat(Dates.parse("2022-03-01T00:00", ALL, false).date()).isEqualTo(day);
    }

    @Test
    void excel1900SerialsAroundTheFictitiousLeapDay() {
        assertThat(Dates.parse("1", ALL, false).date()).isEqualTo(LocalDate.of(1900, 1, 1));
        assertThat(Dates.parse("59", ALL, false).date()).isEqualTo(LocalDate.of(1900, 2, 28));
        assertThat(Dates.parse("60", ALL, false).problem()).contains("1900-02-29");
        assertThat(Dates.parse("61", ALL, false).date()).isEqualTo(LocalDate.of(1900, 3, 1));
        assertThat(Dates.parse("0", ALL, true).problem()).contains("outside");
    }

    @Test
    void malformedOrImpossibleDatesAreRefusedWithAReason() {
        assertThat(Dates.parse("2019-13-45", ALL, false).problem()).contains("not a calendar date");
        assertThat(Dates.parse("2022-03/01", ALL, false).problem()).contains("not a date");
        assertThat(Dates.parse("三月一日", ALL, false).problem()).contains("not a date");
        assertThat(Dates.parse("44621", Set.of("iso"), false).problem()).contains("Excel serial numbers are not accepted");
    }
}
