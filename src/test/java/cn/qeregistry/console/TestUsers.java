package cn.qeregistry.console;

import cn.qeregistry.console.security.AppUsers;
import cn.qeregistry.console.security.ConsoleUser;

import java.util.Set;

/** Users the console tests sign in as (created once per database; passwords are test-only). */
public final class TestUsers {

    public static final String PASSWORD = "test-password-1";

    private TestUsers() {
    }

    public static void ensure(AppUsers users) {
        users.create("t-admin", "Test admin", PASSWORD, Set.of("ADMIN"), null);
        users.create("t-operator", "Test operator", PASSWORD, Set.of("OPERATOR"), null);
        users.create("t-staff", "Test staff", PASSWORD, Set.of("STAFF"), null);
        users.create("t-wuhan", "Staff of Wuhan", PASSWORD, Set.of("STAFF"), "420100");
    }

    /** A signed-in principal as the user store would load it (for requests made with {@code user(...)}). */
    public static ConsoleUser console(String username, String region, String... roles) {
        return ConsoleUser.of(username, region, roles);
    }
}
