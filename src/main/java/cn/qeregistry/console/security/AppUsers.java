package cn.qeregistry.console.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console's users in {@code app_user} / {@code app_user_role}, passwords as BCrypt hashes.
 * Also the lockout bookkeeping: {@code maxFailures} bad passwords in a row lock the account for
 * {@code lockout}.
 */
@Component
public class AppUsers implements UserDetailsService {

    public static final Set<String> ROLES = Set.of("ADMIN", "OPERATOR", "STAFF");
    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");
    private static final Pattern REGION = Pattern.compile("42\\d{4}");

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder = new BCryptPasswordEncoder();
    private final int maxFailures;
    private final Duration lockout;

    public AppUsers(JdbcClient jdbc,
                    @Value("${qe.console.lockout.max-failures:5}") int maxFailures,
                    @Value("${qe.console.lockout.duration:15m}") Duration lockout) {
        this.jdbc = jdbc;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    public PasswordEncoder encoder() {
        return encoder;
    }

    @Override
    public ConsoleUser loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException(username));
    }

    public Optional<ConsoleUser> find(String username) {
        return jdbc.sql("""
                        select u.username, u.password_hash, u.region_code, u.enabled, u.locked_until,
                               coalesce(string_agg(r.role, ',' order by r.role), '') as roles
                        from app_user u left join app_user_role r on r.user_id = u.id
                        where u.username = ? group by u.id""")
                .param(username)
                .query((rs, i) -> new ConsoleUser(rs.getString("username"), rs.getString("password_hash"),
                        roles(rs.getString("roles")), trim(rs.getString("region_code")), rs.getBoolean("enabled"),
                        instant(rs.getTimestamp("locked_until"))))
                .optional();
    }

    /** One row of the users page. */
    public record Row(String username, String displayName, String roles, String regionCode, boolean enabled,
                      int failedLogins, OffsetDateTime lockedUntil, OffsetDateTime createdAt) {
        public boolean locked() {
            return lockedUntil != null && lockedUntil.toInstant().isAfter(Instant.now());
        }
    }

    public List<Row> list() {
        return jdbc.sql("""
                        select u.username, u.display_name, coalesce(string_agg(r.role, ',' order by r.role), '') roles,
                               u.region_code, u.enabled, u.failed_logins, u.locked_until, u.created_at
                        from app_user u left join app_user_role r on r.user_id = u.id
                        group by u.id order by u.username""")
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), trim(rs.getString(4)),
                        rs.getBoolean(5), rs.getInt(6), rs.getObject(7, OffsetDateTime.class),
                        rs.getObject(8, OffsetDateTime.class)))
                .list();
    }

    public boolean isEmpty() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single() == 0;
    }

    /** Creates a user; returns false when the name is taken. Throws on invalid input with the reason. */
    @Transactional
    public boolean create(String username, String displayName, String password, Set<String> roles, String regionCode) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("user.error.username");
        }
        checkPassword(password);
        if (roles == null || roles.isEmpty() || !ROLES.containsAll(roles)) {
            throw new IllegalArgumentException("user.error.roles");
        }
        String region = regionCode == null || regionCode.isBlank() ? null : regionCode.trim();
        if (region != null && !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("user.error.region");
        }
        Long id = jdbc.sql("""
                        insert into app_user (username, password_hash, display_name, region_code) values (?, ?, ?, ?)
                        on conflict (username) do nothing returning id""")
                .params(username, encoder.encode(password), blankToNull(displayName), region)
                .query(Long.class).optional().orElse(null);
        if (id == null) {
            return false;
        }
        for (String role : new LinkedHashSet<>(roles)) {
            jdbc.sql("insert into app_user_role (user_id, role) values (?, ?)").params(id, role).update();
        }
        return true;
    }

    /** Sets a new password and lifts any lockout. */
    public boolean resetPassword(String username, String password) {
        checkPassword(password);
        return jdbc.sql("update app_user set password_hash = ?, failed_logins = 0, locked_until = null where username = ?")
                .params(encoder.encode(password), username).update() == 1;
    }

    public boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("update app_user set enabled = ? where username = ?").params(enabled, username).update() == 1;
    }

    /** Counts a bad password; returns true when this failure locked the account. */
    public boolean recordFailure(String username) {
        Timestamp until = Timestamp.from(Instant.now().plus(lockout));
        return jdbc.sql("""
                        update app_user set failed_logins = failed_logins + 1,
                               locked_until = case when failed_logins + 1 >= ? then ? else locked_until end
                        where username = ? returning failed_logins""")
                .params(maxFailures, until, username)
                .query(Integer.class).optional().map(n -> n == maxFailures).orElse(false);
    }

    public void recordSuccess(String username) {
        jdbc.sql("update app_user set failed_logins = 0, locked_until = null where username = ? and failed_logins > 0")
                .param(username).update();
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("user.error.password");
        }
    }

    private static Set<String> roles(String joined) {
        return joined.isEmpty() ? Set.of() : Set.of(joined.split(","));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
