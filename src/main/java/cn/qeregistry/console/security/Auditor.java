package cn.qeregistry.console.security;

import cn.qeregistry.platform.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Writes console actions to the audit log with the signed-in user and the request's remote address. */
@Component
public class Auditor {

    private final AuditLog log;

    public Auditor(AuditLog log) {
        this.log = log;
    }

    public void record(String action, String target, String detail) {
        record(CurrentUser.name(), action, target, detail, remoteAddress());
    }

    public void record(String actor, String action, String target, String detail, String remoteAddress) {
        log.record(actor, action, target, detail, remoteAddress);
    }

    static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
