package cn.qeregistry.exceptions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Set;

import static cn.qeregistry.exceptions.RegisterFixtures.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class FollowUpServiceTest {

    @Autowired FollowUpService followUp;
    @Autowired ExceptionRegister register;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void cleanRegister() {
        new RegisterFixtures(jdbc).clean();
    }

    @Test
    void staffOfOnePrefectureMayFollowUpItemsOfItsCountiesAndTheChangeIsKeptAndAudited() {
        long id = item("420102");
        ExceptionItem changed = followUp.change(id, ExceptionStatus.IN_FOLLOW_UP, "已电话联系企业财务", staff("420100"), "10.0.0.8");

        assertThat(changed.status()).isEqualTo(ExceptionStatus.IN_FOLLOW_UP);
        assertThat(changed.statusChangedBy()).isEqualTo("li.si");
        assertThat(changed.note()).isEqualTo("已电话联系企业财务");
        assertThat(register.history(id)).singleElement().satisfies(entry -> {
            assertThat(entry.from()).isEqualTo(ExceptionStatus.OPEN);
            assertThat(entry.to()).isEqualTo(ExceptionStatus.IN_FOLLOW_UP);
            assertThat(entry.actor()).isEqualTo("li.si");
        });
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'exception.status' and target = ? and actor = 'li.si'"
                + " and remote_addr = '10.0.0.8'").param("exception:" + id).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void statusChangeByStaffOfAnotherRegionIsRefusedAndChangesNothing() {
        long id = item("420102");
        assertRefused(() -> followUp.change(id, ExceptionStatus.IN_FOLLOW_UP, "x", staff("420500"), null),
                FollowUpRefused.Reason.FORBIDDEN);
        long direct = item("429005");
        assertRefused(() -> followUp.change(direct, ExceptionStatus.IN_FOLLOW_UP, "x", staff("429004"), null),
                FollowUpRefused.Reason.FORBIDDEN);
        long unknownRegion = item(null);
        assertRefused(() -> followUp.change(unknownRegion, ExceptionStatus.IN_FOLLOW_UP, "x", staff("420100"), null),
                FollowUpRefused.Reason.FORBIDDEN);

        assertThat(register.find(id).orElseThrow().status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(register.history(id)).isEmpty();
    }

    @Test
    void statusChangeWithoutAFollowUpRoleIsRefused() {
        long id = item("420102");
        Actor viewer = new Actor("guest", Set.of(), null);
        assertRefused(() -> followUp.change(id, ExceptionStatus.IN_FOLLOW_UP, "x", viewer, null), FollowUpRefused.Reason.FORBIDDEN);
        assertThat(register.find(id).orElseThrow().status()).isEqualTo(ExceptionStatus.OPEN);
    }

    @Test
    void closingNeedsANoteAndOnlyAllowedTransitionsAreMade() {
        long id = item("420102");
        assertRefused(() -> followUp.change(id, ExceptionStatus.WAIVED, "  ", staff(null), null), FollowUpRefused.Reason.NOT_ALLOWED);
        assertRefused(() -> followUp.change(id, ExceptionStatus.RESOLVED, null, staff(null), null), FollowUpRefused.Reason.NOT_ALLOWED);
        assertRefused(() -> followUp.change(id, ExceptionStatus.OPEN, "x", staff(null), null), FollowUpRefused.Reason.NOT_ALLOWED);
        assertRefused(() -> followUp.change(-1, ExceptionStatus.OPEN, "x", staff(null), null), FollowUpRefused.Reason.NOT_FOUND);

        followUp.change(id, ExceptionStatus.RESOLVED, "企业已补报", new Actor("admin", Set.of("ADMIN"), null), null);
        ExceptionItem reopened = followUp.change(id, ExceptionStatus.OPEN, null, staff(null), null);
        assertThat(reopened.status()).isEqualTo(ExceptionStatus.OPEN);
        assertThat(register.history(id)).extracting(FollowUpEntry::to)
                .containsExactly(ExceptionStatus.RESOLVED, ExceptionStatus.OPEN);
    }

    private static void assertRefused(Runnable change, FollowUpRefused.Reason reason) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(FollowUpRefused.class,
                refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    private long item(String region) {
        String uscc = code((int) (System.nanoTime() % 1_000_000));
        return jdbc.sql("""
                        insert into exception_item (identity_key, category, severity, uscc, region_code, rule_id, field, period,
                                                    first_seen, last_seen, status)
                        values (?, 'REVIEW_FAIL', 'ERROR', ?, ?, 'srdi.rd_expense_min', 'SRDI_SME', '2025', now(), now(), 'OPEN')
                        returning id""")
                .params("REVIEW_FAIL|" + uscc + "|srdi.rd_expense_min|SRDI_SME|2025", uscc, region)
                .query(Long.class).single();
    }

    private static Actor staff(String region) {
        return new Actor("li.si", Set.of("STAFF"), region);
    }
}
