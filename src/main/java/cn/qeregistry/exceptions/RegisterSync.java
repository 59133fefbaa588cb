package cn.qeregistry.exceptions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Brings the exception register up to date with the current problems, set-based in one transaction:
 * rejects and duplicates of current deliveries, the master step's issues and the non-pass results of
 * the latest live review run. Running it twice for the same execution changes nothing more.
 */
@Component
public class RegisterSync {

    /**
     * Current problems, one row per identity. Rejects without a credit code are told apart by their
     * source row. The evidence digest covers the values and reasons, not row numbers or file names,
     * so a waived problem that merely moved to another row of a new delivery stays waived.
     */
    private static final String CURRENT_PROBLEMS = """
            insert into current_problem (category, uscc, uscc_key, feed, rule_id, field, period, name, region_code,
                                         observed, expected, detail, evidence, identity_key, evidence_digest)
            select p.*,
                   p.category || '|' || p.uscc_key || '|' || coalesce(p.feed, p.rule_id, '') || '|' || p.field || '|' || p.period,
                   md5(coalesce(p.observed, '') || chr(31) || coalesce(p.expected, '') || chr(31) || coalesce(p.evidence, ''))
            from (
            select r.category, left(r.uscc, 64), r.uscc_key,
                   r.feed, null, r.field, r.period, max(r.name), null,
                   string_agg(distinct r.value, '; '), null,
                   string_agg(r.reason || ' (' || r.file_name || coalesce(' ' || r.sheet, '') || ' 第' || r.row_no || '行)', '; ' order by r.row_no),
                   string_agg(distinct r.reason, '; ')
            from (select i.category, upper(nullif(btrim(i.uscc), '')) as uscc, i.feed, coalesce(i.column_name, '') as field,
                         coalesce(d.period, '') as period, i.value, i.reason, i.sheet, i.row_no, d.file_name,
                         coalesce(i.raw_cells ->> '企业名称', i.raw_cells ->> '纳税人名称', i.raw_cells ->> '单位名称') as name,
                         coalesce(upper(nullif(btrim(i.uscc), '')), 'row:' || d.file_name || ':' || coalesce(i.sheet, '') || ':' || i.row_no) as uscc_key
                  from intake_reject i join delivery d on d.id = i.delivery_id
                  where d.status not in ('SUPERSEDED', 'DUPLICATE')) r
            group by r.category, r.uscc, r.uscc_key, r.feed, r.field, r.period
            union all
            select m.category, left(upper(btrim(m.uscc)), 64), upper(btrim(m.uscc)), m.feed, null, coalesce(m.field, ''),
                   coalesce(m.period, ''), max(m.name), max(m.region_code),
                   string_agg(distinct m.observed, '; '), string_agg(distinct m.expected, '; '), string_agg(distinct m.detail, '; '),
                   string_agg(distinct m.detail, '; ')
            from master_issue m
            group by m.category, upper(btrim(m.uscc)), m.feed, coalesce(m.field, ''), coalesce(m.period, '')
            union all
            select case r.outcome when 'FAIL' then 'REVIEW_FAIL' when 'WARN' then 'REVIEW_WARN' else 'DATA_GAP' end,
                   r.uscc, r.uscc, null, r.rule_id, r.tier, coalesce(r.period, ''), null, null,
                   r.observed, r.threshold, r.detail, r.detail
            from review_result r
            where r.review_run_id = ? and r.outcome <> 'PASS'
            ) p (category, uscc, uscc_key, feed, rule_id, field, period, name, region_code, observed, expected, detail, evidence)
            """;

    private static final String UPSERT = """
            insert into exception_item (identity_key, category, severity, uscc, name, region_code, feed, rule_id, field, period,
                                        observed, expected, detail, evidence_digest, first_seen, last_seen,
                                        first_execution_id, last_execution_id, consecutive_runs, status)
            select p.identity_key, p.category, %1$s, p.uscc, coalesce(e.name, p.name), coalesce(e.region_code, p.region_code),
                   p.feed, p.rule_id, p.field, p.period, p.observed, p.expected, p.detail, p.evidence_digest, now(), now(),
                   ?, ?, 1, 'OPEN'
            from current_problem p left join enterprise e on e.uscc = p.uscc::bpchar
            on conflict (identity_key) do update set
                severity = excluded.severity, uscc = excluded.uscc, name = excluded.name, region_code = excluded.region_code,
                feed = excluded.feed, rule_id = excluded.rule_id, field = excluded.field, period = excluded.period,
                observed = excluded.observed, expected = excluded.expected, detail = excluded.detail,
                evidence_digest = excluded.evidence_digest,
                last_seen = now(),
                last_execution_id = excluded.last_execution_id,
                consecutive_runs = case when exception_item.last_execution_id = excluded.last_execution_id then exception_item.consecutive_runs
                                        when exception_item.last_execution_id in (%4$s) then exception_item.consecutive_runs
                                        when exception_item.last_execution_id = ? then exception_item.consecutive_runs + 1
                                        else 1 end,
                status = case when %2$s then 'OPEN' else exception_item.status end,
                status_changed_at = case when %2$s then now() else exception_item.status_changed_at end,
                status_changed_by = case when %2$s then 'system' else exception_item.status_changed_by end,
                note = case when %2$s then %3$s else exception_item.note end
            """;

    /** An item seen again is reopened when it was resolved, or waived on other evidence. */
    private static final String COMES_BACK = "(exception_item.status = 'RESOLVED' or (exception_item.status = 'WAIVED'"
            + " and exception_item.evidence_digest is distinct from excluded.evidence_digest))";

    private static final String REOPEN_NOTE = "case when exception_item.status = 'RESOLVED' then 'seen again by run ' || excluded.last_execution_id"
            + " else 'evidence changed in run ' || excluded.last_execution_id end";

    /**
     * The executions of the job instance of execution {@code ?}: one night and its restarts. A restart
     * after a crash syncs again under a new execution id; it is the same night, not another one, so it
     * neither counts as a consecutive run nor serves as the previous night.
     */
    private static final String SAME_NIGHT = """
            select n.job_execution_id from batch_job_execution n
            where n.job_instance_id = (select job_instance_id from batch_job_execution where job_execution_id = ?)""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public RegisterSync(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // its own transaction: committed before the night's reports are read on other connections
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Syncs the register for job execution {@code executionId}, in a transaction of its own. */
    public SyncResult sync(long executionId) {
        return transaction.execute(status -> syncInTransaction(executionId));
    }

    private SyncResult syncInTransaction(long executionId) {
        // one sync at a time: two nodes syncing at once would both count the same night
        jdbc.sql("select pg_advisory_xact_lock(hashtext('exception_register_sync'))").query().singleValue();
        // the register's firms are looked up by key in the master (compared as bpchar, the key's own type, so
        // its index serves: 65k probes at 1M firms, 0.1 s); compared as text, or at the default random-page
        // cost, the planner sorted and merged all 1M enterprise rows instead (1 s)
        jdbc.sql("set local random_page_cost = 1.1").update();
        Long reviewRunId = jdbc.sql("select id from review_run where live and completed_at is not null order by review_date desc, id desc limit 1")
                .query(Long.class).optional().orElse(null);
        Long previous = jdbc.sql("""
                        select execution_id from exception_sync
                        where execution_id <> ? and first_synced < coalesce((select first_synced from exception_sync where execution_id = ?), now())
                          and execution_id not in (%s)
                        order by first_synced desc, execution_id desc limit 1""".formatted(SAME_NIGHT))
                .params(executionId, executionId, executionId).query(Long.class).optional().orElse(null);

        jdbc.sql("""
                create temporary table current_problem (
                    category text, uscc text, uscc_key text, feed text, rule_id text, field text, period text, name text,
                    region_code text, observed text, expected text, detail text, evidence text,
                    identity_key text, evidence_digest text) on commit drop""").update();
        int seen = jdbc.sql(CURRENT_PROBLEMS).param(reviewRunId == null ? -1L : reviewRunId).update();
        jdbc.sql("create unique index on current_problem (identity_key)").update();

        int reopened = jdbc.sql("""
                        insert into exception_follow_up (exception_id, from_status, to_status, actor, note)
                        select i.id, i.status, 'OPEN', ?, case when i.status = 'RESOLVED' then 'seen again by run ' || ?
                                                               else 'evidence changed in run ' || ? end
                        from exception_item i join current_problem p on p.identity_key = i.identity_key
                        where i.status = 'RESOLVED' or (i.status = 'WAIVED' and i.evidence_digest is distinct from p.evidence_digest)""")
                .params(Actor.SYSTEM, executionId, executionId).update();
        int opened = jdbc.sql(UPSERT.formatted(severityCase(), COMES_BACK, REOPEN_NOTE, SAME_NIGHT) + " returning (xmax = 0) as inserted")
                .params(executionId, executionId, executionId, previous == null ? -1L : previous)
                .query((rs, n) -> rs.getBoolean(1)).list().stream().mapToInt(inserted -> inserted ? 1 : 0).sum();

        String cleared = "cleared by run " + executionId;
        // the items not seen tonight, found once: their follow-up entry and their new status from one scan
        int resolved = jdbc.sql("""
                        with gone as (
                            select id, status from exception_item
                            where status in ('OPEN', 'IN_FOLLOW_UP') and last_execution_id is distinct from ?
                        ), noted as (
                            insert into exception_follow_up (exception_id, from_status, to_status, actor, note)
                            select id, status, 'RESOLVED', ?, ? from gone
                        )
                        update exception_item i set status = 'RESOLVED', status_changed_at = now(), status_changed_by = ?, note = ?
                        from gone where i.id = gone.id""")
                .params(executionId, Actor.SYSTEM, cleared, Actor.SYSTEM, cleared).update();

        jdbc.sql("""
                        insert into exception_sync (execution_id, review_run_id, seen, opened, reopened, resolved)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (execution_id) do update set last_synced = now(), review_run_id = excluded.review_run_id,
                            seen = excluded.seen, opened = exception_sync.opened + excluded.opened,
                            reopened = exception_sync.reopened + excluded.reopened, resolved = exception_sync.resolved + excluded.resolved""")
                .params(executionId, reviewRunId, seen, opened, reopened, resolved).update();
        return new SyncResult(executionId, reviewRunId, seen, opened, reopened, resolved);
    }

    private static String severityCase() {
        return Arrays.stream(ExceptionCategory.values())
                .map(c -> "when '" + c.name() + "' then '" + c.severity().name() + "'")
                .collect(Collectors.joining(" ", "case p.category ", " end"));
    }
}
