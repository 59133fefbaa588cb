package cn.qeregistry.console.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Set;

/**
 * On the first start of the console (no user at all) creates {@code admin} with the password from
 * {@code QE_ADMIN_PASSWORD}, or a random one written to the log this once and never again.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AdminBootstrap implements ApplicationRunner {

    static final String PASSWORD_VARIABLE = "QE_ADMIN_PASSWORD";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final AppUsers users;
    private final Environment environment;
    private final Auditor auditor;

    AdminBootstrap(AppUsers users, Environment environment, Auditor auditor) {
        this.users = users;
        this.environment = environment;
        this.auditor = auditor;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!users.isEmpty()) {
            return;
        }
        String given = environment.getProperty(PASSWORD_VARIABLE);
        boolean random = given == null || given.isBlank();
        String password = random ? randomPassword() : given;
        if (!users.create("admin", "Administrator", password, Set.of("ADMIN"), null)) {
            return; // another node created it first
        }
        auditor.record("system", "USER_CREATED", "admin", "first start", null);
        if (random) {
            log.warn("Created console user 'admin' with password {} — shown only this once; change it after signing in",
                    password);
        } else {
            log.info("Created console user 'admin' with the password from {}", PASSWORD_VARIABLE);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
