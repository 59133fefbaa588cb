package cn.qeregistry.intake;

import cn.qeregistry.intake.mapping.FeedMapping;
import cn.qeregistry.intake.read.BadFileException;
import cn.qeregistry.intake.read.ColumnLayout;
import cn.qeregistry.intake.read.MappedRows;
import cn.qeregistry.intake.read.RawRow;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A streaming cursor over the exchange table's rows with watermark in (from, to], in watermark
 * order, on its own connection. Each row becomes a raw row whose cells follow the mapping's fields
 * and whose row number is the watermark value.
 */
final class ExchangeExtract implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final ColumnLayout layout;
    private final String sheet;
    private final int columnCount;
    private long last;

    ExchangeExtract(ExchangeDatabase database, FeedMapping mapping, long from, long to) {
        FeedMapping.JdbcExtract jdbc = mapping.jdbc();
        this.sheet = database.qualified(jdbc.table());
        List<String> selected = new ArrayList<>();
        int[] columns = new int[mapping.fields().size()];
        BigDecimal[] factors = new BigDecimal[mapping.fields().size()];
        Arrays.fill(columns, -1);
        for (int f = 0; f < mapping.fields().size(); f++) {
            String field = mapping.fields().get(f).name();
            String column = jdbc.columns().get(field);
            if (column != null) {
                columns[f] = selected.size();
                selected.add(column);
                String unit = jdbc.units().get(field);
                factors[f] = unit != null ? mapping.units().get(unit) : mapping.fields().get(f).unit();
            }
        }
        this.columnCount = selected.size();
        this.layout = new ColumnLayout(sheet, 0, columns, factors, List.copyOf(selected));
        this.last = from;
        try {
            connection = database.dataSource().getConnection();
            connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            connection.setReadOnly(true);
            statement = connection.prepareStatement("select " + jdbc.watermark() + ", " + String.join(", ", selected)
                    + " from " + sheet + " where " + jdbc.watermark() + " > ? and " + jdbc.watermark() + " <= ? order by "
                    + jdbc.watermark());
            statement.setFetchSize(1000);
            statement.setLong(1, from);
            statement.setLong(2, to);
            rows = statement.executeQuery();
        } catch (SQLException e) {
            close();
            throw new BadFileException("cannot read " + sheet + " from the exchange database: " + e.getMessage(), e);
        }
    }

    /** The highest watermark value in the table now (the upper bound of a new extract). */
    static long currentMax(ExchangeDatabase database, FeedMapping mapping) {
        FeedMapping.JdbcExtract jdbc = mapping.jdbc();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select coalesce(max(" + jdbc.watermark() + "), 0) from " + database.qualified(jdbc.table()));
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new BadFileException("cannot read " + database.qualified(jdbc.table()) + " from the exchange database ("
                    + database + "): " + e.getMessage(), e);
        }
    }

    MappedRows.Row next() {
        try {
            if (!rows.next()) {
                return null;
            }
            last = rows.getLong(1);
            String[] cells = new String[columnCount];
            for (int c = 0; c < columnCount; c++) {
                Object value = rows.getObject(c + 2);
                cells[c] = value == null ? null : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
            }
            return new MappedRows.Row(new RawRow(sheet, Math.toIntExact(last), cells, false), layout);
        } catch (SQLException e) {
            throw new BadFileException("reading " + sheet + " failed after " + last + ": " + e.getMessage(), e);
        }
    }

    long last() {
        return last;
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.close();
            }
        } catch (SQLException ignored) {
            // read-only cursor: nothing to lose
        }
    }
}
