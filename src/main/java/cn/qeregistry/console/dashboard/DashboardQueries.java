package cn.qeregistry.console.dashboard;

import cn.qeregistry.console.security.RegionScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The morning's numbers: the last nightly run, open exceptions by category and 市州, and a 30-night trend. */
@Component
public class DashboardQueries {

    public static final int NIGHTS = 30;

    private final JdbcClient jdbc;
    private final String nightly;

    public DashboardQueries(JdbcClient jdbc, @Value("${qe.console.dashboard-job:nightly}") String nightly) {
        this.jdbc = jdbc;
        this.nightly = nightly;
    }

    public record Count(String key, long count) {
    }

    /** One night of the trend: review outcomes of the live run and how long the nightly took. */
    public record Night(LocalDate date, long fail, long warn, long dataGap, Long minutes) {
    }

    public Optional<Long> lastNightly() {
        return jdbc.sql("""
                        select e.job_execution_id from batch_job_execution e
                        join batch_job_instance i on i.job_instance_id = e.job_instance_id
                        where i.job_name = ? order by e.job_execution_id desc limit 1""")
                .param(nightly).query(Long.class).optional();
    }

    /** Unfinished exceptions (OPEN, IN_FOLLOW_UP) per category. */
    public List<Count> openByCategory(RegionScope scope) {
        return jdbc.sql("""
                        select category, count(*) from exception_item
                        where status in ('OPEN', 'IN_FOLLOW_UP') and coalesce(region_code, '') like ?
                        group by category order by count(*) desc""")
                .param(scope.likePattern()).query((rs, i) -> new Count(rs.getString(1), rs.getLong(2))).list();
    }

    /** Unfinished exceptions per 市州 (counties rolled up; 4290xx stand alone; no region = empty key). */
    public List<Count> openByRegion(RegionScope scope) {
        return jdbc.sql("""
                        select case when region_code is null then ''
                                    when region_code like '4290%' then region_code
                                    else left(region_code, 4) || '00' end as prefecture, count(*)
                        from exception_item
                        where status in ('OPEN', 'IN_FOLLOW_UP') and coalesce(region_code, '') like ?
                        group by 1 order by 2 desc""")
                .param(scope.likePattern()).query((rs, i) -> new Count(rs.getString(1), rs.getLong(2))).list();
    }

    /** The last {@link #NIGHTS} live review runs, oldest first, with outcome counts in the user's region. */
    public List<Night> trend(RegionScope scope) {
        return jdbc.sql("""
                        with nights as (
                            select id, review_date, job_execution_id from review_run where live
                            order by review_date desc, id desc limit ?)
                        select n.review_date,
                               count(*) filter (where r.outcome = 'FAIL' and coalesce(en.region_code, '') like ?),
                               count(*) filter (where r.outcome = 'WARN' and coalesce(en.region_code, '') like ?),
                               count(*) filter (where r.outcome = 'DATA_GAP' and coalesce(en.region_code, '') like ?),
                               (select extract(epoch from (e.end_time - e.start_time)) / 60 from batch_job_execution e
                                 where e.job_execution_id = n.job_execution_id)
                        from nights n
                        left join review_result r on r.review_run_id = n.id
                        left join enterprise en on en.uscc = r.uscc
                        group by n.id, n.review_date, n.job_execution_id
                        order by n.review_date, n.id""")
                .params(NIGHTS, scope.likePattern(), scope.likePattern(), scope.likePattern())
                .query((rs, i) -> new Night(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5) == null ? null : Math.round(rs.getDouble(5))))
                .list();
    }
}
