package cn.qeregistry.console.deliveries;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads what arrived per feed ({@code delivery}) and the rows held back from each ({@code intake_reject}). */
@Component
public class DeliveryQueries {

    public static final int PAGE = 200;

    private final JdbcClient jdbc;

    public DeliveryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Delivery(long id, String feed, String fileName, String sourceKind, String sha256, long sizeBytes,
                           String period, OffsetDateTime receivedAt, String status, long rowsRead, long rowsStaged,
                           long rowsRejected, Long jobExecutionId, String message) {
    }

    public record Reject(long id, String category, String uscc, String sheet, int rowNo, String column, String value,
                         String reason, String problems, String rawCells) {
    }

    private static final String SELECT = """
            select id, feed, file_name, source_kind, sha256, size_bytes, period, received_at, status, rows_read,
                   rows_staged, rows_rejected, job_execution_id, message from delivery""";

    public List<Delivery> list(String feed, String status, int page) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where true");
        List<Object> params = new ArrayList<>();
        if (feed != null && !feed.isBlank()) {
            sql.append(" and feed = ?");
            params.add(feed);
        }
        if (status != null && !status.isBlank()) {
            sql.append(" and status = ?");
            params.add(status);
        }
        sql.append(" order by received_at desc, id desc limit ? offset ?");
        params.add(PAGE);
        params.add(Math.max(page, 0) * PAGE);
        return jdbc.sql(sql.toString()).params(params).query(DeliveryQueries::delivery).list();
    }

    public Optional<Delivery> find(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(DeliveryQueries::delivery).optional();
    }

    public List<Reject> rejects(long deliveryId, int page) {
        return jdbc.sql("""
                        select id, category, uscc, sheet, row_no, column_name, value, reason, problems::text, raw_cells::text
                        from intake_reject where delivery_id = ? order by sheet nulls first, row_no limit ? offset ?""")
                .params(deliveryId, PAGE, Math.max(page, 0) * PAGE)
                .query((rs, i) -> new Reject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)))
                .list();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getString("feed"), rs.getString("file_name"), rs.getString("source_kind"),
                rs.getString("sha256"), rs.getLong("size_bytes"), rs.getString("period"),
                rs.getObject("received_at", OffsetDateTime.class), rs.getString("status"), rs.getLong("rows_read"),
                rs.getLong("rows_staged"), rs.getLong("rows_rejected"), (Long) rs.getObject("job_execution_id"),
                rs.getString("message"));
    }
}
