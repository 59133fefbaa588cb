package cn.qeregistry.review;

import cn.qeregistry.review.rules.RuleSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Results a run keeps from an earlier one (its base) instead of evaluating them again: those of holders
 * whose {@link InputDigest} is the same in both runs, for rules that do not read the review date and
 * are in force on both dates. The base is the latest completed run of the same rule file (digest) and
 * fiscal year that recorded its digests. A night that changed 1 % of the firms evaluates the
 * date-dependent rules of every holder and all rules of the changed ones, and copies the rest inside
 * the database; its results are row for row those of a full evaluation.
 */
@Component
class CarryOver {

    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;

    CarryOver(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The run a new run may carry from, and its review date. */
    record Base(long runId, LocalDate reviewDate) {
    }

    /** Picks run {@code runId}'s base (none for a first run or a new rule file or year) and records it on the run. */
    void chooseBase(long runId, RuleSet ruleSet, LocalDate reviewDate) {
        jdbc.update("""
                update review_run r set carried_from = (
                    select p.id from review_run p
                    where p.id <> r.id and p.completed_at is not null and p.rules_digest = ?
                      and extract(year from p.review_date) = ?
                      and exists (select 1 from review_input_digest d where d.review_run_id = p.id)
                    order by p.completed_at desc, p.id desc limit 1)
                where r.id = ?""", ruleSet.digest(), reviewDate.getYear(), runId);
    }

    Optional<Base> base(long runId) {
        return jdbc.query("select p.id, p.review_date from review_run r join review_run p on p.id = r.carried_from where r.id = ?",
                (rs, n) -> new Base(rs.getLong(1), rs.getDate(2).toLocalDate()), runId).stream().findFirst();
    }

    /**
     * The firms among {@code digests} (by credit code) whose digest the base recorded too, with the base
     * row locked against deletion until the page's transaction ends (a re-run of the base's date deletes
     * it); none when the base is gone.
     */
    Set<String> unchangedFirms(long baseRunId, Map<String, byte[]> digests) {
        Set<String> unchanged = new HashSet<>();
        List<Long> held = jdbc.queryForList("select id from review_run where id = ? for key share", Long.class, baseRunId);
        if (held.isEmpty()) {
            return unchanged;
        }
        jdbc.query("select uscc, digest from review_input_digest where review_run_id = ? and uscc = any(?::char(18)[])",
                rs -> {
                    String uscc = rs.getString(1).trim();
                    if (Arrays.equals(rs.getBytes(2), digests.get(uscc))) {
                        unchanged.add(uscc);
                    }
                }, baseRunId, digests.keySet().toArray(String[]::new));
        return unchanged;
    }

    /** Copies the base's results of {@code rules} for firms {@code codes} into run {@code runId}; returns the rows copied. */
    int carry(long runId, long baseRunId, String[] codes, String[] rules) {
        if (codes.length == 0 || rules.length == 0) {
            return 0;
        }
        return jdbc.update("""
                insert into review_result (review_run_id, uscc, tier, level, rule_id, outcome, observed, threshold, period, detail, lineage)
                select ?, uscc, tier, level, rule_id, outcome, observed, threshold, period, detail, lineage
                from review_result where review_run_id = ? and uscc = any(?::char(18)[]) and rule_id = any(?::text[])""",
                runId, baseRunId, codes, rules);
    }

    /** Records the digest of each firm reviewed in run {@code runId}. */
    void record(long runId, Map<String, byte[]> digests) {
        if (digests.isEmpty()) {
            return;
        }
        String[] codes = new String[digests.size()];
        String[] hex = new String[digests.size()];
        int i = 0;
        for (Map.Entry<String, byte[]> entry : digests.entrySet()) {
            codes[i] = entry.getKey();
            hex[i++] = HEX.formatHex(entry.getValue());
        }
        jdbc.update("""
                insert into review_input_digest (review_run_id, uscc, digest)
                select ?, code, decode(hex, 'hex') from unnest(?::char(18)[], ?::text[]) as d (code, hex)""", runId, codes, hex);
    }

    /** Holders of run {@code runId} whose inputs were unchanged since its base: the run's carried share, for its summary. */
    long unchangedHolders(long runId) {
        return jdbc.queryForObject("""
                select count(*) from review_run r
                join review_input_digest d on d.review_run_id = r.id
                join review_input_digest p on p.review_run_id = r.carried_from and p.uscc = d.uscc and p.digest = d.digest
                where r.id = ?""", Long.class, runId);
    }
}
