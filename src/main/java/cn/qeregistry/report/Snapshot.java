package cn.qeregistry.report;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A read-only, repeatable-read view of the database for one report, so the summary counts and the
 * streamed rows agree. Rows are read through a server-side cursor (autocommit off, fetch size) and
 * handed over one at a time.
 */
final class Snapshot implements AutoCloseable {

    static final int FETCH_SIZE = 1000;

    interface RowHandler {
        void handle(ResultSet row) throws Exception;
    }

    private final Connection connection;

    Snapshot(DataSource dataSource) throws SQLException {
        connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Streams the rows of {@code sql}; returns how many there were. */
    long stream(String sql, List<Object> params, RowHandler handler) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            long rows = 0;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                    rows++;
                }
            }
            return rows;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
        } finally {
            connection.close();
        }
    }
}
