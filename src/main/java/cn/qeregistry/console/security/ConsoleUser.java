package cn.qeregistry.console.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** A console user as loaded from {@code app_user}: roles, optional region, enabled and lockout state. */
public record ConsoleUser(String username, String passwordHash, Set<String> roles, String regionCode,
                          boolean enabled, Instant lockedUntil) implements UserDetails {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || lockedUntil.isBefore(Instant.now());
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    public RegionScope scope() {
        return RegionScope.of(regionCode);
    }

    public static ConsoleUser of(String username, String regionCode, String... roles) {
        return new ConsoleUser(username, "", Set.copyOf(List.of(roles)), regionCode, true, null);
    }
}
