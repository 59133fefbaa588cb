package cn.qeregistry.console.exceptions;

import cn.qeregistry.console.security.ConsoleUser;
import cn.qeregistry.console.security.CurrentUser;
import cn.qeregistry.exceptions.Actor;
import cn.qeregistry.exceptions.ExceptionItem;
import cn.qeregistry.exceptions.ExceptionStatus;
import cn.qeregistry.exceptions.FollowUpRefused;
import cn.qeregistry.exceptions.FollowUpService;
import cn.qeregistry.console.web.FilterValues;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Status changes made by the signed-in user through {@link FollowUpService}, which checks the
 * transition, the user's role and region, keeps the history and writes the audit log.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class FollowUps {

    /** What a bulk change did: how many items changed and why the others did not. */
    record Outcome(int changed, List<String> refusals) {
    }

    private final FollowUpService service;

    FollowUps(FollowUpService service) {
        this.service = service;
    }

    ExceptionItem change(long id, String status, String note) {
        return service.change(id, target(status), note, actor(), remoteAddress());
    }

    /** Changes each item on its own: one refused item (other region, not allowed) does not hold back the rest. */
    Outcome changeAll(List<Long> ids, String status, String note) {
        ExceptionStatus to = target(status);
        Actor actor = actor();
        String remote = remoteAddress();
        int changed = 0;
        List<String> refusals = new ArrayList<>();
        for (long id : new LinkedHashSet<>(ids)) {
            try {
                service.change(id, to, note, actor, remote);
                changed++;
            } catch (FollowUpRefused e) {
                refusals.add(e.getMessage());
            }
        }
        return new Outcome(changed, refusals);
    }

    private static ExceptionStatus target(String status) {
        ExceptionStatus to = FilterValues.code(ExceptionStatus.class, "status", status);
        if (to == null) {
            throw new FilterValues.Invalid("status is required (one of OPEN, IN_FOLLOW_UP, RESOLVED, WAIVED)");
        }
        return to;
    }

    /** The user as the exceptions feature knows them: name, roles and region. */
    static Actor actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ConsoleUser user) {
            return new Actor(user.username(), user.roles(), user.regionCode());
        }
        Set<String> roles = new LinkedHashSet<>();
        if (auth != null) {
            auth.getAuthorities().forEach(a -> roles.add(a.getAuthority().replaceFirst("^ROLE_", "")));
        }
        return new Actor(CurrentUser.name(), roles, CurrentUser.scope().code());
    }

    private static String remoteAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
    }
}
