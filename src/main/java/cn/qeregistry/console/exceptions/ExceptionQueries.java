package cn.qeregistry.console.exceptions;

import cn.qeregistry.console.security.RegionScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the exception register, filtered by region (always narrowed to the user's), status, category and tier. */
@Component
public class ExceptionQueries {

    public static final int PAGE = 200;
    public static final List<String> STATUSES = List.of("OPEN", "IN_FOLLOW_UP", "RESOLVED", "WAIVED");
    public static final List<String> CATEGORIES = List.of("INTAKE_REJECT", "DUPLICATE", "UNMATCHED", "CONFLICT",
            "REVIEW_FAIL", "REVIEW_WARN", "DATA_GAP");

    private final JdbcClient jdbc;

    public ExceptionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The register's filters; {@code region} is already narrowed to what the user may see. */
    public record Filter(RegionScope region, String status, String category, String tier) {
    }

    public record Item(long id, String category, String severity, String uscc, String name, String regionCode,
                       String feed, String ruleId, String field, String period, String observed, String expected,
                       String detail, OffsetDateTime firstSeen, OffsetDateTime lastSeen, int consecutiveRuns,
                       String status, OffsetDateTime statusChangedAt, String statusChangedBy, String note) {
    }

    public record FollowUp(String fromStatus, String toStatus, String actor, OffsetDateTime at, String note) {
    }

    private static final String SELECT = """
            select x.id, x.category, x.severity, x.uscc, x.name, x.region_code, x.feed, x.rule_id, x.field, x.period,
                   x.observed, x.expected, x.detail, x.first_seen, x.last_seen, x.consecutive_runs, x.status,
                   x.status_changed_at, x.status_changed_by, x.note
            from exception_item x""";

    public List<Item> list(Filter filter, int page) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> params = new ArrayList<>();
        where(filter, sql, params);
        sql.append(" order by x.id limit ? offset ?");
        params.add(PAGE);
        params.add(Math.max(page, 0) * PAGE);
        return jdbc.sql(sql.toString()).params(params).query(ExceptionQueries::item).list();
    }

    public long count(Filter filter) {
        StringBuilder sql = new StringBuilder("select count(*) from exception_item x");
        List<Object> params = new ArrayList<>();
        where(filter, sql, params);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    public Optional<Item> find(long id) {
        return jdbc.sql(SELECT + " where x.id = ?").param(id).query(ExceptionQueries::item).optional();
    }

    public List<FollowUp> followUps(long id) {
        return jdbc.sql("select from_status, to_status, actor, at, note from exception_follow_up where exception_id = ? order by at, id")
                .param(id)
                .query((rs, i) -> new FollowUp(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getString(5)))
                .list();
    }

    private static void where(Filter filter, StringBuilder sql, List<Object> params) {
        sql.append(" where true");
        if (!filter.region().unlimited()) {
            sql.append(" and coalesce(x.region_code, '') like ?");
            params.add(filter.region().likePattern());
        }
        if (present(filter.status())) {
            sql.append(" and x.status = ?");
            params.add(filter.status());
        }
        if (present(filter.category())) {
            sql.append(" and x.category = ?");
            params.add(filter.category());
        }
        if (present(filter.tier())) {
            sql.append(" and exists (select 1 from tier_holding t where t.uscc = x.uscc and t.tier = ?)");
            params.add(filter.tier());
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static Item item(ResultSet rs, int row) throws SQLException {
        String region = rs.getString(6);
        return new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                region == null ? null : region.trim(), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class), rs.getInt(16),
                rs.getString(17), rs.getObject(18, OffsetDateTime.class), rs.getString(19), rs.getString(20));
    }
}
