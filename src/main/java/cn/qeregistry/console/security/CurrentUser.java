package cn.qeregistry.console.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is asking, and which region they may see (every list, detail and download is filtered by it). */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static String name() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "anonymous" : auth.getName();
    }

    /** The region of a {@link ConsoleUser}; any other principal (none in production) sees the province. */
    public static RegionScope scope() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ConsoleUser user) {
            return user.scope();
        }
        return RegionScope.PROVINCE;
    }
}
