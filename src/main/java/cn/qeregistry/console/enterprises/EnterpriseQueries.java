package cn.qeregistry.console.enterprises;

import cn.qeregistry.console.security.RegionScope;
import cn.qeregistry.core.CreditCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the master record of an enterprise and everything attached to it, always within a region scope. */
@Component
public class EnterpriseQueries {

    public static final int LIMIT = 50;
    private static final Pattern CODE_LIKE = Pattern.compile("[0-9A-Z]{4,18}");

    private final JdbcClient jdbc;

    public EnterpriseQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Hit(String uscc, String name, String regionCode, String registrationStatus, String tiers) {
    }

    /** Firms whose credit code starts with the (normalised) query, or whose name contains it. */
    public List<Hit> search(String query, RegionScope scope) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        String code = CreditCode.normalise(query);
        boolean byCode = CODE_LIKE.matcher(code).matches() && code.chars().anyMatch(Character::isDigit);
        String condition = byCode ? "e.uscc like ?" : "e.name like ?";
        String value = byCode ? code + "%" : "%" + query.strip().replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                        select e.uscc, e.name, e.region_code, e.registration_status,
                               (select string_agg(t.tier, ',' order by t.tier) from tier_holding t where t.uscc = e.uscc)
                        from enterprise e where %s and coalesce(e.region_code, '') like ?
                        order by e.uscc limit ?""".formatted(condition))
                .params(value, scope.likePattern(), LIMIT)
                .query((rs, i) -> new Hit(rs.getString(1), rs.getString(2), trim(rs.getString(3)), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    /** The golden record's columns in table order, or empty when no such firm exists. */
    public Optional<Map<String, Object>> enterprise(String uscc) {
        List<Map<String, Object>> rows = jdbc.sql("select * from enterprise where uscc = ?").param(uscc).query().listOfRows();
        return rows.isEmpty() ? Optional.empty() : Optional.of(new LinkedHashMap<>(rows.get(0)));
    }

    /** Where each attribute came from, keyed by attribute (fiscal_year 0) or attribute:year. */
    public Map<String, Map<String, Object>> lineage(String uscc) {
        Map<String, Map<String, Object>> byAttribute = new LinkedHashMap<>();
        jdbc.sql("""
                        select l.attribute, l.fiscal_year, l.feed, l.delivery_id, d.file_name, l.sheet, l.row_no, l.as_of
                        from attribute_lineage l left join delivery d on d.id = l.delivery_id
                        where l.uscc = ? order by l.attribute, l.fiscal_year""")
                .param(uscc).query().listOfRows()
                .forEach(row -> {
                    int year = ((Number) row.get("fiscal_year")).intValue();
                    byAttribute.put(year == 0 ? (String) row.get("attribute") : row.get("attribute") + ":" + year, row);
                });
        return byAttribute;
    }

    public List<Map<String, Object>> history(String uscc) {
        return jdbc.sql("""
                        select attribute, fiscal_year, old_value, new_value, job_execution_id, changed_at
                        from attribute_history where uscc = ? order by changed_at desc, id desc limit 500""")
                .param(uscc).query().listOfRows();
    }

    public List<Map<String, Object>> yearFacts(String uscc) {
        return jdbc.sql("select * from enterprise_year_fact where uscc = ? order by fiscal_year desc")
                .param(uscc).query().listOfRows();
    }

    public List<Map<String, Object>> tiers(String uscc) {
        return jdbc.sql("""
                        select tier, level, recognised_year, batch, valid_until, region_code, main_product, delivery_id, row_no
                        from tier_holding where uscc = ? order by tier""")
                .param(uscc).query().listOfRows();
    }

    /** The results of the newest live review run that reviewed this firm. */
    public List<Map<String, Object>> reviewResults(String uscc) {
        return jdbc.sql("""
                        select r.tier, r.level, r.rule_id, r.outcome, r.observed, r.threshold, r.period, r.detail,
                               rr.review_date, rr.rule_set, rr.rule_set_version
                        from review_result r join review_run rr on rr.id = r.review_run_id
                        where r.uscc = ? and rr.id = (
                            select max(rr2.id) from review_run rr2 join review_result r2 on r2.review_run_id = rr2.id
                            where rr2.live and rr2.completed_at is not null and r2.uscc = ?)
                        order by r.tier, r.rule_id""")
                .params(uscc, uscc).query().listOfRows();
    }

    public List<Map<String, Object>> exceptions(String uscc) {
        return jdbc.sql("""
                        select id, category, severity, feed, rule_id, field, period, observed, expected, detail,
                               first_seen, last_seen, status, note
                        from exception_item where uscc = ? order by status, category, id""")
                .param(uscc).query().listOfRows();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
