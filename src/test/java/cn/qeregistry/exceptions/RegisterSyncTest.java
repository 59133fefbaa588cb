package cn.qeregistry.exceptions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Set;

import static cn.qeregistry.exceptions.RegisterFixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class RegisterSyncTest {

    static final String A = code(1);
    static final String B = code(2);

    @Autowired RegisterSync sync;
    @Autowired ExceptionRegister register;
    @Autowired FollowUpService followUp;
    @Autowired JdbcClient jdbc;
    RegisterFixtures fixtures;

    @BeforeEach
    void cleanRegister() {
        fixtures = new RegisterFixtures(jdbc);
        fixtures.clean();
        fixtures.enterprise(A, "武汉甲科技有限公司", "420102");
    }

    @Test
    void itemSeenOnTwoNightsKeepsItsIdAndFirstSeenAndCountsEachNightOnce() {
        long run = fixtures.reviewRun();
        fixtures.result(run, A, "SRDI_SME", "srdi.rd_ratio_min", "FAIL", "0.021", "0.03");

        sync.sync(101);
        ExceptionItem first = only(A);
        sync.sync(101);
        assertThat(only(A).consecutiveRuns()).as("a re-sync of the same execution counts once").isEqualTo(1);
        sync.sync(102);
        ExceptionItem second = only(A);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.firstSeen()).isEqualTo(first.firstSeen());
        assertThat(second.lastSeen()).isAfter(first.lastSeen());
        assertThat(second.consecutiveRuns()).isEqualTo(2);
        assertThat(second.category()).isEqualTo(ExceptionCategory.REVIEW_FAIL);
        assertThat(second.severity()).isEqualTo(Severity.ERROR);
        assertThat(second.name()).isEqualTo("武汉甲科技有限公司");
        assertThat(second.regionCode()).isEqualTo("420102");
        assertThat(second.identityKey()).isEqualTo("REVIEW_FAIL|" + A + "|srdi.rd_ratio_min|SRDI_SME|2025");
        assertThat(jdbc.sql("select last_execution_id from exception_item where id = ?").param(first.id())
                .query(Long.class).single()).isEqualTo(102L);
    }

    @Test
    void clearedProblemClosesItselfWithAHistoryRowBySystem() {
        long run = fixtures.reviewRun();
        fixtures.result(run, A, "SRDI_SME", "common.tax_credit", "WARN", "C", "A|B|M");
        sync.sync(201);
        assertThat(only(A).status()).isEqualTo(ExceptionStatus.OPEN);

        long next = fixtures.reviewRun();
        fixtures.result(next, A, "SRDI_SME", "common.tax_credit", "PASS", "B", "A|B|M");
        SyncResult result = sync.sync(202);

        ExceptionItem item = only(A);
        assertThat(item.status()).isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(item.note()).isEqualTo("cleared by run 202");
        assertThat(result.resolved()).isGreaterThanOrEqualTo(1);
        List<FollowUpEntry> history = register.history(item.id());
        assertThat(history).last().satisfies(entry -> {
            assertThat(entry.from()).isEqualTo(ExceptionStatus.OPEN);
            assertThat(entry.to()).isEqualTo(ExceptionStatus.RESOLVED);
            assertThat(entry.actor()).isEqualTo("system");
            assertThat(entry.note()).isEqualTo("cleared by run 202");
        });
    }

    @Test
    void problemComingBackAfterClearingReopensTheSameItemAndCountsAgainFromOne() {
        long run = fixtures.reviewRun();
        fixtures.result(run, A, "SRDI_SME", "srdi.years_in_niche", "FAIL", "1", "2");
        sync.sync(301);
        sync.sync(302);
        long id = only(A).id();
        fixtures.reviewRun();
        sync.sync(303);
        long again = fixtures.reviewRun();
        fixtures.result(again, A, "SRDI_SME", "srdi.years_in_niche", "FAIL", "1", "2");
        sync.sync(304);

        ExceptionItem item = only(A);
        assertThat(item.id()).isEqualTo(id);
        assertThat(item.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(item.consecutiveRuns()).isEqualTo(1);
        assertThat(register.history(id)).extracting(FollowUpEntry::note)
                .containsExactly("cleared by run 303", "seen again by run 304");
    }

    @Test
    void waivedItemStaysWaivedWhileEvidenceIsUnchangedAndReopensWhenItChanges() {
        long run = fixtures.reviewRun();
        fixtures.result(run, A, "LITTLE_GIANT", "lg.debt_ratio_max", "FAIL", "0.72", "0.70");
        sync.sync(401);
        long id = only(A).id();
        followUp.change(id, ExceptionStatus.WAIVED, "省厅同意：债务为政策性贷款", staff(null), null);

        long same = fixtures.reviewRun();
        fixtures.result(same, A, "LITTLE_GIANT", "lg.debt_ratio_max", "FAIL", "0.72", "0.70");
        sync.sync(402);
        assertThat(only(A).status()).isEqualTo(ExceptionStatus.WAIVED);

        long changed = fixtures.reviewRun();
        fixtures.result(changed, A, "LITTLE_GIANT", "lg.debt_ratio_max", "FAIL", "0.81", "0.70");
        sync.sync(403);
        ExceptionItem item = only(A);
        assertThat(item.id()).isEqualTo(id);
        assertThat(item.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(item.observed()).isEqualTo("0.81");
        assertThat(register.history(id)).last().satisfies(entry -> {
            assertThat(entry.from()).isEqualTo(ExceptionStatus.WAIVED);
            assertThat(entry.to()).isEqualTo(ExceptionStatus.OPEN);
            assertThat(entry.actor()).isEqualTo("system");
            assertThat(entry.note()).isEqualTo("evidence changed in run 403");
        });
    }

    @Test
    void rejectsOfCurrentDeliveriesAndMasterIssuesBecomeItemsWithTheirSeverity() {
        long current = fixtures.delivery("tax", "2025", "STAGED");
        long superseded = fixtures.delivery("tax", "2024", "SUPERSEDED");
        fixtures.reject(current, "INTAKE_REJECT", B, 7, "营业收入(万元)", "abc", "not a number", "乙公司");
        fixtures.reject(current, "DUPLICATE", A, 9, null, null, "same key twice", "甲");
        fixtures.reject(current, "DUPLICATE", A, 12, null, null, "same key twice", "甲");
        fixtures.reject(superseded, "INTAKE_REJECT", B, 3, "研发费用(万元)", "x", "not a number", "乙公司");
        fixtures.masterIssue("CONFLICT", A, "science", "name", "武汉甲科技公司", "武汉甲科技有限公司");
        fixtures.reviewRun();

        sync.sync(501);

        List<ExceptionItem> items = mine();
        assertThat(items).extracting(ExceptionItem::identityKey).containsExactlyInAnyOrder(
                "INTAKE_REJECT|" + B + "|tax|营业收入(万元)|2025",
                "DUPLICATE|" + A + "|tax||2025",
                "CONFLICT|" + A + "|science|name|");
        ExceptionItem reject = items.stream().filter(i -> i.uscc().equals(B)).findFirst().orElseThrow();
        assertThat(reject.name()).as("unknown firm: name from the rejected row").isEqualTo("乙公司");
        assertThat(reject.observed()).isEqualTo("abc");
        assertThat(reject.detail()).contains("not a number").contains("第7行");
        ExceptionItem duplicate = items.stream().filter(i -> i.category() == ExceptionCategory.DUPLICATE).findFirst().orElseThrow();
        assertThat(duplicate.detail()).contains("第9行").contains("第12行");
        assertThat(duplicate.name()).as("known firm: name from the master record").isEqualTo("武汉甲科技有限公司");
        ExceptionItem conflict = items.stream().filter(i -> i.category() == ExceptionCategory.CONFLICT).findFirst().orElseThrow();
        assertThat(conflict.severity()).isEqualTo(Severity.WARN);
        assertThat(conflict.expected()).isEqualTo("武汉甲科技有限公司");
    }

    private List<ExceptionItem> mine() {
        return register.list(ExceptionFilter.all(), 0, 100_000).stream()
                .filter(i -> Set.of(A, B).contains(i.uscc())).toList();
    }

    private ExceptionItem only(String uscc) {
        List<ExceptionItem> items = mine().stream().filter(i -> i.uscc().equals(uscc)).toList();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    static Actor staff(String region) {
        return new Actor("zhang.san", Set.of("STAFF"), region);
    }
}
