package cn.qeregistry.review;

import cn.qeregistry.core.Level;
import cn.qeregistry.core.Tier;
import cn.qeregistry.platform.QeHome;
import cn.qeregistry.review.rules.Outcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a draft rule set would change: the results of a what-if run against the live results of the
 * same review date, per (uscc, tier, rule). For the report feature and the what-if step.
 *
 * <p>{@link Change#NEWLY_FAILING}: the draft fails and live did not; {@link Change#NEWLY_PASSING}:
 * the draft passes and live did not (WARN, FAIL or DATA_GAP); {@link Change#OTHER}: any other change
 * (e.g. PASS → WARN, a rule only one of the sets has).
 */
@Component
public class ReviewComparison {

    /** A complete review run. */
    public record Run(long id, LocalDate reviewDate, String ruleSet, String version, boolean live, String rulesFile,
                      Long jobExecutionId, Instant completedAt) {
    }

    public enum Change {
        NEWLY_FAILING("新增不通过"), NEWLY_PASSING("新增通过"), OTHER("其他变化");

        private final String chinese;

        Change(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** One (uscc, tier, rule) whose outcome differs; an outcome is null when that set has no such rule or holder. */
    public record Difference(Change change, String uscc, String name, String regionCode, String tier, String level,
                             String ruleId, Outcome liveOutcome, Outcome draftOutcome, String liveObserved,
                             String draftObserved, String draftThreshold) {
    }

    /** Counts of a comparison; {@code live} is empty when the date has no live run (then every draft result is new). */
    public record Summary(Run draft, Optional<Run> live, long newlyFailing, long newlyPassing, long other,
                          long holdersNewlyFailing, long holdersNewlyPassing) {
        public String text() {
            return "what-if " + draft.ruleSet() + " " + draft.version() + " at " + draft.reviewDate() + " vs "
                    + live.map(l -> "live " + l.ruleSet() + " " + l.version() + " (run " + l.id() + ")").orElse("no live run")
                    + ": " + newlyFailing + " results newly failing (" + holdersNewlyFailing + " holders), "
                    + newlyPassing + " newly passing (" + holdersNewlyPassing + " holders), " + other + " other changes";
        }
    }

    private static final String RUN_COLUMNS = "id, review_date, rule_set, rule_set_version, live, rules_file, job_execution_id, completed_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public ReviewComparison(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public Optional<Run> run(long id) {
        return jdbc.query("select " + RUN_COLUMNS + " from review_run where id = ? and completed_at is not null",
                ReviewComparison::run, id).stream().findFirst();
    }

    /** The live run of a review date. */
    public Optional<Run> liveRun(LocalDate reviewDate) {
        return jdbc.query("select " + RUN_COLUMNS + " from review_run where review_date = ? and live",
                ReviewComparison::run, Date.valueOf(reviewDate)).stream().findFirst();
    }

    /** The latest complete what-if run of a rule set (by its name) at a review date. */
    public Optional<Run> latestWhatIf(LocalDate reviewDate, String ruleSet) {
        return jdbc.query("select " + RUN_COLUMNS + " from review_run where review_date = ? and rule_set = ? and not live "
                        + "and completed_at is not null order by completed_at desc, id desc limit 1",
                ReviewComparison::run, Date.valueOf(reviewDate), ruleSet).stream().findFirst();
    }

    /** Streams the differences of a what-if run against the live run of its date, ordered by uscc, tier, rule. */
    public void forEachDifference(long draftRunId, Consumer<Difference> sink) {
        Run draft = run(draftRunId).orElseThrow(() -> new IllegalArgumentException("no complete review run " + draftRunId));
        long liveId = liveRun(draft.reviewDate()).map(Run::id).orElse(-1L);
        readOnly.executeWithoutResult(status -> {
            JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
            streaming.setFetchSize(1000);
            streaming.query("""
                            select coalesce(w.uscc, l.uscc) as uscc, coalesce(w.tier, l.tier) as tier,
                                   coalesce(w.level, l.level) as level, coalesce(w.rule_id, l.rule_id) as rule_id,
                                   l.outcome as live_outcome, w.outcome as draft_outcome,
                                   l.observed as live_observed, w.observed as draft_observed, w.threshold as draft_threshold,
                                   e.name, e.region_code
                              from (select * from review_result where review_run_id = ?) w
                              full join (select * from review_result where review_run_id = ?) l
                                on l.uscc = w.uscc and l.tier = w.tier and l.rule_id = w.rule_id
                              left join enterprise e on e.uscc = coalesce(w.uscc, l.uscc)
                             where l.outcome is distinct from w.outcome
                             order by 1, 2, 4""",
                    rs -> {
                        sink.accept(difference(rs));
                    }, draftRunId, liveId);
        });
    }

    public Summary summarise(long draftRunId) {
        Run draft = run(draftRunId).orElseThrow(() -> new IllegalArgumentException("no complete review run " + draftRunId));
        long[] counts = new long[5];
        String[] lastHolder = {null, null};
        forEachDifference(draftRunId, d -> {
            counts[d.change().ordinal()]++;
            String holder = d.uscc() + "/" + d.tier();
            if (d.change() == Change.NEWLY_FAILING && !holder.equals(lastHolder[0])) {
                counts[3]++;
                lastHolder[0] = holder;
            }
            if (d.change() == Change.NEWLY_PASSING && !holder.equals(lastHolder[1])) {
                counts[4]++;
                lastHolder[1] = holder;
            }
        });
        return new Summary(draft, liveRun(draft.reviewDate()), counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /** Where the what-if step writes a comparison: {@code $QE_HOME/reports/<date>/review-whatif-<ruleset>.csv}. */
    public static Path defaultCsv(LocalDate reviewDate, String ruleSet) {
        return QeHome.resolve().reports().resolve(reviewDate.toString()).resolve("review-whatif-" + ruleSet + ".csv");
    }

    /** Writes the differences as CSV (UTF-8 with BOM): Chinese headers and labels, or codes with {@code english}. */
    public Path writeCsv(long draftRunId, Path file, boolean english) {
        QeHome.ensure(file.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('\uFEFF');
            out.write(String.join(",", english ? HEADER_EN : HEADER_ZH));
            out.write("\r\n");
            forEachDifference(draftRunId, d -> {
                try {
                    out.write(csvLine(d, english));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static final List<String> HEADER_EN = List.of("change", "uscc", "name", "region_code", "tier", "level", "rule_id",
            "live_outcome", "draft_outcome", "live_observed", "draft_observed", "draft_threshold");
    private static final List<String> HEADER_ZH = List.of("变化", "统一社会信用代码", "企业名称", "所属区划代码", "梯度层级", "级别", "规则",
            "现行结果", "草案结果", "现行观测值", "草案观测值", "草案阈值");

    private static String csvLine(Difference d, boolean english) {
        List<String> cells = List.of(
                english ? d.change().name() : d.change().chinese(),
                d.uscc(), nullToEmpty(d.name()), nullToEmpty(d.regionCode()),
                english ? d.tier() : Tier.fromCode(d.tier()).map(Tier::chinese).orElse(d.tier()),
                d.level() == null ? "" : english ? d.level() : Level.valueOf(d.level()).chinese(),
                d.ruleId(), outcome(d.liveOutcome(), english), outcome(d.draftOutcome(), english),
                nullToEmpty(d.liveObserved()), nullToEmpty(d.draftObserved()), nullToEmpty(d.draftThreshold()));
        StringBuilder line = new StringBuilder();
        for (String cell : cells) {
            if (!line.isEmpty()) {
                line.append(',');
            }
            line.append(csvCell(cell));
        }
        return line.append("\r\n").toString();
    }

    /**
     * One CSV cell: quoted when needed, and inert in a spreadsheet — text starting with = + - @ tab
     * or CR gets a leading apostrophe (formula injection); plain numbers such as -0.05 stay as they are.
     */
    static String csvCell(String cell) {
        String safe = !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 && !cell.matches("[-+]?[0-9][0-9,]*(\\.[0-9]+)?")
                ? "'" + cell : cell;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static String outcome(Outcome outcome, boolean english) {
        return outcome == null ? "" : english ? outcome.name() : outcome.chinese();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Difference difference(ResultSet rs) throws SQLException {
        Outcome live = outcome(rs.getString("live_outcome"));
        Outcome draft = outcome(rs.getString("draft_outcome"));
        Change change = draft == Outcome.FAIL && live != Outcome.FAIL ? Change.NEWLY_FAILING
                : draft == Outcome.PASS && live != null && live != Outcome.PASS ? Change.NEWLY_PASSING
                : Change.OTHER;
        return new Difference(change, rs.getString("uscc").trim(), rs.getString("name"), trim(rs.getString("region_code")),
                rs.getString("tier"), rs.getString("level"), rs.getString("rule_id"), live, draft,
                rs.getString("live_observed"), rs.getString("draft_observed"), rs.getString("draft_threshold"));
    }

    private static Outcome outcome(String code) {
        return code == null ? null : Outcome.valueOf(code);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Run(rs.getLong("id"), rs.getDate("review_date").toLocalDate(), rs.getString("rule_set"),
                rs.getString("rule_set_version"), rs.getBoolean("live"), rs.getString("rules_file"),
                rs.getObject("job_execution_id", Long.class), completed == null ? null : completed.toInstant());
    }
}
