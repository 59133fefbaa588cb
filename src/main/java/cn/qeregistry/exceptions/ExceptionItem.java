package cn.qeregistry.exceptions;

import java.time.OffsetDateTime;

/** One item of the exception register, as listed to staff. */
public record ExceptionItem(long id, String identityKey, ExceptionCategory category, Severity severity, String uscc,
                            String name, String regionCode, String feed, String ruleId, String field, String period,
                            String observed, String expected, String detail, OffsetDateTime firstSeen,
                            OffsetDateTime lastSeen, int consecutiveRuns, ExceptionStatus status,
                            OffsetDateTime statusChangedAt, String statusChangedBy, String note) {

    /** The column list matching {@link #from}. */
    static final String COLUMNS = "id, identity_key, category, severity, uscc, name, region_code, feed, rule_id, field, period,"
            + " observed, expected, detail, first_seen, last_seen, consecutive_runs, status, status_changed_at,"
            + " status_changed_by, note";

    static ExceptionItem from(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ExceptionItem(rs.getLong("id"), rs.getString("identity_key"),
                ExceptionCategory.valueOf(rs.getString("category")), Severity.valueOf(rs.getString("severity")),
                rs.getString("uscc"), rs.getString("name"), trim(rs.getString("region_code")), rs.getString("feed"),
                rs.getString("rule_id"), rs.getString("field"), rs.getString("period"), rs.getString("observed"),
                rs.getString("expected"), rs.getString("detail"), rs.getObject("first_seen", OffsetDateTime.class),
                rs.getObject("last_seen", OffsetDateTime.class), rs.getInt("consecutive_runs"),
                ExceptionStatus.valueOf(rs.getString("status")), rs.getObject("status_changed_at", OffsetDateTime.class),
                rs.getString("status_changed_by"), rs.getString("note"));
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
