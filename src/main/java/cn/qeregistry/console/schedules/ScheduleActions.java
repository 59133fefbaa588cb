package cn.qeregistry.console.schedules;

import cn.qeregistry.console.security.CurrentUser;
import cn.qeregistry.schedule.Schedules;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.LocalDate;

/**
 * Pause, resume (ADMIN: managing schedules) and run-now (OPERATOR: it launches a run, like Launch)
 * through the schedule feature, which audits each with the signed-in user and remote address.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ScheduleActions {

    private final Schedules schedules;

    ScheduleActions(Schedules schedules) {
        this.schedules = schedules;
    }

    void pause(String job) {
        schedules.pause(job, CurrentUser.name(), remoteAddress());
    }

    void resume(String job) {
        schedules.resume(job, CurrentUser.name(), remoteAddress());
    }

    /** Queues {@code job} for {@code date}; true when a server node is alive to fire it now. */
    boolean runNow(String job, LocalDate date) {
        if (date == null) {
            throw new IllegalArgumentException("a business date is required");
        }
        schedules.runNow(job, date, CurrentUser.name(), remoteAddress());
        return schedules.serverRunning();
    }

    private static String remoteAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
    }
}
