package cn.qeregistry.console.security;

import cn.qeregistry.console.ConsoleTest;
import cn.qeregistry.console.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * No password reaches the log or the audit log — with Spring Security and web logging at TRACE —
 * through sign-in (good, bad, Basic), user creation, password reset and the first admin's creation
 * from QE_ADMIN_PASSWORD. The one deliberate exception: a random first password is printed once.
 */
@ConsoleTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsTest {

    static final List<String> LOGGERS = List.of("org.springframework.security", "org.springframework.web", "cn.qeregistry");

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired Auditor auditor;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    LoggingSystem logging;

    @BeforeEach
    void verboseLogging() {
        TestUsers.ensure(users);
        logging = LoggingSystem.get(getClass().getClassLoader());
        LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.TRACE));
    }

    @AfterEach
    void quietAgain() {
        LOGGERS.forEach(logger -> logging.setLogLevel(logger, null));
    }

    @Test
    void signInsUserCreationAndPasswordResetsLogNoPassword(CapturedOutput output) throws Exception {
        String wrong = "Wrong-Secret-8d1f";
        String created = "Created-Secret-51c2";
        String reset = "Reset-Secret-77e0";
        mvc.perform(formLogin("/login").user("t-staff").password(wrong));
        mvc.perform(formLogin("/login").user("t-staff").password(TestUsers.PASSWORD));
        mvc.perform(get("/api/runs").with(httpBasic("t-staff", wrong)));
        mvc.perform(post("/users").with(user(ConsoleUser.of("t-admin", null, "ADMIN"))).with(csrf())
                .param("username", "log-check").param("password", created).param("roles", "STAFF"));
        mvc.perform(post("/users/log-check/password").with(user(ConsoleUser.of("t-admin", null, "ADMIN"))).with(csrf())
                .param("password", reset));
        mvc.perform(post("/users").with(user(ConsoleUser.of("t-admin", null, "ADMIN"))).with(csrf())
                .param("username", "log-check-short").param("password", "Short-1").param("roles", "STAFF"));

        assertThat(output.getAll()).as("the captured log is not empty, so there was something to check")
                .contains("UsersController#create", "UsersController#resetPassword");
        for (String secret : List.of(wrong, created, reset, TestUsers.PASSWORD, "Short-1")) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(jdbc.sql("select count(*) from audit_log where detail like ? or target like ?")
                    .params("%" + secret + "%", "%" + secret + "%").query(Long.class).single()).isZero();
        }
        assertThat(users.find("log-check").orElseThrow().passwordHash()).startsWith("$2").doesNotContain(reset);
    }

    @Test
    void theFirstAdminsPasswordFromTheEnvironmentIsNeverLogged(CapturedOutput output) {
        String secret = "Env-Admin-Secret-3f9a";
        firstStart(new MockEnvironment().withProperty(AdminBootstrap.PASSWORD_VARIABLE, secret), () -> {
            assertThat(users.encoder().matches(secret, users.find("admin").orElseThrow().passwordHash())).isTrue();
            assertThat(jdbc.sql("select count(*) from audit_log where detail like ?").param("%" + secret + "%")
                    .query(Long.class).single()).isZero();
        });
        assertThat(output.getAll()).contains("with the password from " + AdminBootstrap.PASSWORD_VARIABLE).doesNotContain(secret);
    }

    @Test
    void aRandomFirstPasswordIsPrintedExactlyOnceAndStoredOnlyAsAHash(CapturedOutput output) {
        String[] printed = new String[1];
        firstStart(new MockEnvironment(), () -> {
            Matcher m = Pattern.compile("with password (\\S+) ").matcher(output.getAll());
            assertThat(m.find()).isTrue();
            printed[0] = m.group(1);
            assertThat(users.encoder().matches(printed[0], users.find("admin").orElseThrow().passwordHash())).isTrue();
            assertThat(jdbc.sql("select count(*) from audit_log where detail like ?").param("%" + printed[0] + "%")
                    .query(Long.class).single()).isZero();
        });
        assertThat(output.getAll().split(Pattern.quote(printed[0]), -1)).hasSize(2);
    }

    /** A first start on an empty user table, inside a transaction rolled back so the shared users stay. */
    private void firstStart(MockEnvironment environment, Runnable check) {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.sql("delete from app_user").update();
            new AdminBootstrap(users, environment, auditor).run(new DefaultApplicationArguments());
            check.run();
            tx.setRollbackOnly();
        });
        assertThat(users.find("t-admin")).isPresent();
    }
}
