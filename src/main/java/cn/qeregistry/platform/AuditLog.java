package cn.qeregistry.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The audit trail of operator actions: who did what to which target, when and from where. */
@Component
public class AuditLog {

    /** The actor recorded for actions taken from the command line of the server itself. */
    public static final String COMMAND_LINE = "cli:" + System.getProperty("user.name", "unknown");

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String target, String detail, String remoteAddr) {
        jdbc.sql("insert into audit_log (actor, action, target, detail, remote_addr) values (?, ?, ?, ?, ?)")
                .params(actor, action, target, detail, remoteAddr)
                .update();
    }
}
