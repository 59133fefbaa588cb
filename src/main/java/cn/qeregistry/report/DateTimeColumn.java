package cn.qeregistry.report;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A timestamp column of a streamed result in the form {@link Cells#dateTime} gives, formatted again
 * only when the database sends a different value than the row before: a night's register items share
 * their sync times, and parsing, converting and formatting every one was a tenth of the report's time.
 */
final class DateTimeColumn {

    private final String column;
    private String lastRaw;
    private String lastFormatted;

    DateTimeColumn(String column) {
        this.column = column;
    }

    String value(ResultSet rs) throws SQLException {
        String raw = rs.getString(column);
        if (raw == null) {
            return null;
        }
        if (!raw.equals(lastRaw)) {
            lastFormatted = Cells.dateTime(rs, column);
            lastRaw = raw;
        }
        return lastFormatted;
    }
}
