package cn.qeregistry.exceptions;

import cn.qeregistry.platform.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff changing an item's status: checked against the allowed transitions, the actor's roles and
 * region, kept as history in exception_follow_up and recorded in the audit log, all in one transaction.
 */
@Component
public class FollowUpService {

    public static final String AUDIT_ACTION = "exception.status";

    private final JdbcClient jdbc;
    private final ExceptionRegister register;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    public FollowUpService(JdbcClient jdbc, ExceptionRegister register, AuditLog audit, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.register = register;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Moves item {@code id} to {@code to} on behalf of {@code actor} (from {@code remoteAddr}, may be
     * null) and returns the changed item.
     *
     * @throws FollowUpRefused when the item does not exist, the actor may not change it, or the
     *                         change is not allowed (transition, missing note)
     */
    public ExceptionItem change(long id, ExceptionStatus to, String note, Actor actor, String remoteAddr) {
        return transaction.execute(status -> {
            ExceptionItem item = jdbc.sql("select " + ExceptionItem.COLUMNS + " from exception_item where id = ? for update")
                    .param(id).query((rs, n) -> ExceptionItem.from(rs)).optional()
                    .orElseThrow(() -> new FollowUpRefused(FollowUpRefused.Reason.NOT_FOUND, "no exception with id " + id));
            String forbidden = actor.refusal(item.regionCode());
            if (forbidden != null) {
                throw new FollowUpRefused(FollowUpRefused.Reason.FORBIDDEN, forbidden);
            }
            if (!item.status().allowedNext().contains(to)) {
                throw new FollowUpRefused(FollowUpRefused.Reason.NOT_ALLOWED, "exception " + id + " is " + item.status()
                        + " and can be moved to " + item.status().allowedNext() + ", not to " + to);
            }
            String text = note == null || note.isBlank() ? null : note.strip();
            if (to.requiresNote() && text == null) {
                throw new FollowUpRefused(FollowUpRefused.Reason.NOT_ALLOWED, "a note is required to mark exception "
                        + id + " " + to);
            }
            jdbc.sql("update exception_item set status = ?, status_changed_at = now(), status_changed_by = ?, note = ? where id = ?")
                    .params(to.name(), actor.username(), text, id).update();
            jdbc.sql("insert into exception_follow_up (exception_id, from_status, to_status, actor, note) values (?, ?, ?, ?, ?)")
                    .params(id, item.status().name(), to.name(), actor.username(), text).update();
            audit.record(actor.username(), AUDIT_ACTION, "exception:" + id,
                    item.status() + " -> " + to + (text == null ? "" : ": " + text), remoteAddr);
            return register.find(id).orElseThrow();
        });
    }
}
