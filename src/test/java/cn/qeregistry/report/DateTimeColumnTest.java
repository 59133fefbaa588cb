package cn.qeregistry.report;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A reused timestamp text is the one Cells.dateTime gives for every row, repeats, nulls and changes included. */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class DateTimeColumnTest {

    @Autowired DataSource dataSource;

    @Test
    void givesWhatCellsGivesForEveryRow() throws Exception {
        List<String> reused = new ArrayList<>();
        List<String> direct = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select v from (values (1, timestamptz '2026-11-25 18:05:09+00'), (2, timestamptz '2026-11-25 18:05:09+00'),
                                           (3, null), (4, timestamptz '2026-11-25 18:05:09+00'), (5, timestamptz '2026-11-26 02:05:09+08'),
                                           (6, timestamptz '2026-11-25 16:00:00.5+00'), (7, timestamptz '2026-11-25 16:00:00.5+00'))
                                           t(n, v) order by n""")) {
            DateTimeColumn column = new DateTimeColumn("v");
            while (rs.next()) {
                reused.add(column.value(rs));
                direct.add(Cells.dateTime(rs, "v"));
            }
        }
        assertThat(reused).isEqualTo(direct);
        assertThat(reused).containsExactly("2026-11-26T02:05:09", "2026-11-26T02:05:09", null, "2026-11-26T02:05:09",
                "2026-11-26T02:05:09", "2026-11-26T00:00:00", "2026-11-26T00:00:00");
    }
}
