package cn.qeregistry.console.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Counts failed logins towards the lockout and audits sign-ins, sign-outs, failures and lockouts. */
@Component
class LoginEvents {

    private final AppUsers users;
    private final Auditor auditor;

    LoginEvents(AppUsers users, Auditor auditor) {
        this.users = users;
        this.auditor = auditor;
    }

    @EventListener
    void badPassword(AuthenticationFailureBadCredentialsEvent event) {
        String name = event.getAuthentication().getName();
        boolean locked = users.recordFailure(name);
        auditor.record(name, "LOGIN_FAILED", name, null, remote(event.getAuthentication()));
        if (locked) {
            auditor.record(name, "ACCOUNT_LOCKED", name, "too many failed logins", remote(event.getAuthentication()));
        }
    }

    @EventListener
    void lockedOut(AuthenticationFailureLockedEvent event) {
        String name = event.getAuthentication().getName();
        auditor.record(name, "LOGIN_REFUSED_LOCKED", name, null, remote(event.getAuthentication()));
    }

    @EventListener
    void success(AuthenticationSuccessEvent event) {
        users.recordSuccess(event.getAuthentication().getName());
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        String name = event.getAuthentication().getName();
        auditor.record(name, "LOGIN", name, null, remote(event.getAuthentication()));
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        String name = event.getAuthentication().getName();
        auditor.record(name, "LOGOUT", name, null, remote(event.getAuthentication()));
    }

    private static String remote(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
