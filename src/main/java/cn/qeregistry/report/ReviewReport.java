package cn.qeregistry.report;

import cn.qeregistry.exceptions.ExceptionCategory;
import cn.qeregistry.exceptions.Region;

import java.util.ArrayList;
import java.util.List;

/**
 * Results of one review run: the latest live run, or the run a given job execution made. A firm's
 * region is its master record's, else the registry's.
 */
final class ReviewReport {

    static final List<Column> COLUMNS = List.of(
            Column.text("uscc", "统一社会信用代码", 21),
            Column.text("name", "企业名称", 32),
            Column.text("region_code", "所属区划代码", 10),
            Column.text("tier", "梯度层级", 20),
            Column.text("level", "级别", 8),
            Column.text("rule_id", "复核规则", 30),
            Column.text("outcome", "复核结果", 10),
            Column.text("observed", "实际值", 18),
            Column.text("threshold", "标准值", 18),
            Column.text("rule_set", "规则集", 16),
            Column.text("period", "所属期间", 10));

    long write(Snapshot db, ReportRequest request, TableWriter out, Labels labels) throws Exception {
        out.startSheet(labels.lang() == Lang.ZH ? "复核结果" : "review", COLUMNS);
        Long run = run(db, request.executionId());
        if (run == null) {
            return 0;
        }
        List<Object> params = new ArrayList<>();
        params.add(run);
        StringBuilder sql = new StringBuilder("""
                select r.uscc, e.name, coalesce(e.region_code, h.region_code) as region_code,
                       r.tier, r.level, r.rule_id, r.outcome, r.observed, r.threshold,
                       rr.rule_set || '@' || rr.rule_set_version as rule_set, r.period
                from review_result r
                join review_run rr on rr.id = r.review_run_id
                left join enterprise e on e.uscc = r.uscc
                left join tier_holding h on h.uscc = r.uscc and h.tier = r.tier
                where r.review_run_id = ?""");
        if (request.region() != null) {
            sql.append(" and coalesce(e.region_code, h.region_code) like ?");
            params.add(Region.likePattern(request.region()));
        }
        if (request.tier() != null) {
            sql.append(" and r.tier = ?");
            params.add(request.tier().name());
        }
        if (request.category() != null) {
            sql.append(" and r.outcome = ?");
            params.add(outcome(request.category()));
        }
        sql.append(" order by r.uscc, r.tier, r.rule_id");
        return db.stream(sql.toString(), params, rs -> out.row(
                labels.uscc(Cells.text(rs, "uscc")),
                rs.getString("name"),
                Cells.text(rs, "region_code"),
                labels.tier(rs.getString("tier")),
                labels.level(rs.getString("level")),
                rs.getString("rule_id"),
                labels.outcome(rs.getString("outcome")),
                rs.getString("observed"),
                rs.getString("threshold"),
                rs.getString("rule_set"),
                rs.getString("period")));
    }

    private static String outcome(ExceptionCategory category) {
        return switch (category) {
            case REVIEW_FAIL -> "FAIL";
            case REVIEW_WARN -> "WARN";
            default -> "DATA_GAP";
        };
    }

    private static Long run(Snapshot db, Long executionId) throws Exception {
        Long[] found = {null};
        if (executionId == null) {
            db.stream("select id from review_run where live and completed_at is not null order by review_date desc, id desc limit 1", List.of(), rs -> found[0] = rs.getLong(1));
            return found[0];
        }
        db.stream("select id from review_run where job_execution_id = ? order by id desc limit 1", List.of(executionId),
                rs -> found[0] = rs.getLong(1));
        if (found[0] == null) {
            throw new IllegalArgumentException("job execution " + executionId + " made no review run");
        }
        return found[0];
    }
}
