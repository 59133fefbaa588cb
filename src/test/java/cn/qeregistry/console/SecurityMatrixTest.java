package cn.qeregistry.console;

import cn.qeregistry.console.security.AppUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Who may do what: sign-in, lockout, 401 vs 403 on the API, roles per action, CSRF, headers, language. */
@ConsoleTest
class SecurityMatrixTest {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void firstStartCreatedTheAdminWithThePasswordFromTheEnvironment() throws Exception {
        mvc.perform(formLogin("/login").user("admin").password("first-admin-secret"))
                .andExpect(authenticated().withRoles("ADMIN"));
    }

    @Test
    void pagesRedirectAnonymousUsersToTheLoginForm() throws Exception {
        mvc.perform(get("/dashboard")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void apiAnswers401AsJsonWithoutCredentialsAndForWrongOnes() throws Exception {
        mvc.perform(get("/api/runs")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(header().doesNotExist("Location"))
                .andExpect(header().doesNotExist("Set-Cookie"));
        mvc.perform(get("/api/runs").with(httpBasic("t-staff", "wrong-password"))).andExpect(status().isUnauthorized());
    }

    @Test
    void apiAnswers403ForARoleThatMayNotAct() throws Exception {
        mvc.perform(get("/api/runs").with(httpBasic("t-staff", TestUsers.PASSWORD))).andExpect(status().isOk());
        mvc.perform(post("/api/runs/1/restart").with(httpBasic("t-staff", TestUsers.PASSWORD)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.status").value(403));
        mvc.perform(post("/api/runs").with(httpBasic("t-staff", TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"job\":\"console-test\",\"date\":\"2020-01-01\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void basicAuthenticatedScriptsNeedNoCsrfTokenButSessionsDo() throws Exception {
        // an operator's script reaches the action (404: no such execution), without a CSRF token
        mvc.perform(post("/api/runs/999999/stop").with(httpBasic("t-operator", TestUsers.PASSWORD)))
                .andExpect(status().isNotFound());
        MockHttpSession session = login("t-operator");
        mvc.perform(post("/api/runs/999999/stop").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/api/runs/999999/stop").session(session).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void staffCannotRestartStopAbandonRecoverOrLaunchFromThePages() throws Exception {
        MockHttpSession staff = login("t-staff");
        for (String action : new String[] {"restart", "stop", "abandon", "recover"}) {
            mvc.perform(get("/runs/1/" + action).session(staff)).andExpect(status().isForbidden());
            mvc.perform(post("/runs/1/" + action).session(staff).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(get("/runs/launch").session(staff)).andExpect(status().isForbidden());
        mvc.perform(post("/deliveries/upload").session(staff).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/runs").session(staff)).andExpect(status().isOk());
    }

    @Test
    void operatorCannotManageUsersOrReadTheAuditLog() throws Exception {
        MockHttpSession operator = login("t-operator");
        mvc.perform(get("/users").session(operator)).andExpect(status().isForbidden());
        mvc.perform(post("/users").session(operator).with(csrf()).param("username", "sneaky")
                .param("password", "long-enough-pw").param("roles", "ADMIN")).andExpect(status().isForbidden());
        mvc.perform(get("/audit").session(operator)).andExpect(status().isForbidden());
        assertThat(users.find("sneaky")).isEmpty();
        mvc.perform(get("/runs/launch").session(operator)).andExpect(status().isOk());
    }

    @Test
    void formPostsWithoutCsrfTokenAreRefused() throws Exception {
        MockHttpSession admin = login("t-admin");
        mvc.perform(post("/users").session(admin).param("username", "no-token-user")
                .param("password", "long-enough-pw").param("roles", "STAFF")).andExpect(status().isForbidden());
        assertThat(users.find("no-token-user")).isEmpty();
        mvc.perform(post("/logout").session(admin)).andExpect(status().isForbidden());
    }

    @Test
    void fiveBadPasswordsLockTheAccountEvenAgainstTheRightPassword() throws Exception {
        users.create("t-locked", null, TestUsers.PASSWORD, java.util.Set.of("STAFF"), null);
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user("t-locked").password("bad-" + i)).andExpect(unauthenticated())
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin("/login").user("t-locked").password(TestUsers.PASSWORD)).andExpect(unauthenticated());
        mvc.perform(get("/api/runs").with(httpBasic("t-locked", TestUsers.PASSWORD))).andExpect(status().isUnauthorized());
        assertThat(audited("t-locked", "ACCOUNT_LOCKED")).isEqualTo(1);
        assertThat(audited("t-locked", "LOGIN_FAILED")).isEqualTo(5);

        users.resetPassword("t-locked", "a-new-password");
        mvc.perform(formLogin("/login").user("t-locked").password("a-new-password")).andExpect(authenticated());
    }

    @Test
    void signingInChangesTheSessionIdAndIsAudited() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();
        MvcResult result = mvc.perform(post("/login").param("username", "t-staff").param("password", TestUsers.PASSWORD)
                        .with(csrf()).session(session)).andExpect(authenticated()).andReturn();
        assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
        assertThat(audited("t-staff", "LOGIN")).isPositive();
        long logouts = audited("t-staff", "LOGOUT");
        mvc.perform(post("/logout").session((MockHttpSession) result.getRequest().getSession()).with(csrf()))
                .andExpect(redirectedUrl("/login?logout"));
        assertThat(audited("t-staff", "LOGOUT")).isEqualTo(logouts + 1);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/login", "/api/openapi"}) {
            mvc.perform(get(path))
                    .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
                    .andExpect(header().string("X-Frame-Options", "DENY"))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("Referrer-Policy", "same-origin"));
        }
    }

    @Test
    void openApiDescribesTheContractPathsWithoutSigningIn() throws Exception {
        mvc.perform(get("/api/openapi")).andExpect(status().isOk())
                .andExpect(jsonPath("$.openapi").value("3.0.3"))
                .andExpect(jsonPath("$.paths['/api/runs'].post").exists())
                .andExpect(jsonPath("$.paths['/api/runs/{id}/recover'].post").exists())
                .andExpect(jsonPath("$.paths['/api/enterprises/{uscc}'].get").exists())
                .andExpect(jsonPath("$.paths['/api/exceptions'].get").exists());
    }

    @Test
    void pagesAreInChineseByDefaultAndInEnglishOnRequest() throws Exception {
        MockHttpSession session = login("t-staff");
        mvc.perform(get("/dashboard").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("总览")))
                .andExpect(content().string(containsString("近 30 晚趋势")));
        mvc.perform(get("/dashboard").session(session).param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Last 30 nights")))
                .andExpect(header().string("Set-Cookie", containsString("qe-lang=en")));
    }

    @Test
    void adminCreatesAUserWithARegionResetsItsPasswordAndDisablesIt() throws Exception {
        MockHttpSession admin = login("t-admin");
        mvc.perform(post("/users").session(admin).with(csrf()).param("username", "yichang-staff")
                        .param("displayName", "宜昌").param("password", "yichang-password").param("roles", "STAFF")
                        .param("region", "420500"))
                .andExpect(redirectedUrl("/users"));
        assertThat(users.find("yichang-staff")).hasValueSatisfying(u -> {
            assertThat(u.regionCode()).isEqualTo("420500");
            assertThat(u.roles()).containsExactly("STAFF");
            assertThat(u.passwordHash()).startsWith("$2");
        });
        mvc.perform(post("/users/yichang-staff/password").session(admin).with(csrf()).param("password", "another-password"))
                .andExpect(redirectedUrl("/users"));
        mvc.perform(get("/api/runs").with(httpBasic("yichang-staff", "another-password"))).andExpect(status().isOk());
        mvc.perform(post("/users/yichang-staff/enabled").session(admin).with(csrf()).param("enabled", "false"))
                .andExpect(redirectedUrl("/users"));
        mvc.perform(get("/api/runs").with(httpBasic("yichang-staff", "another-password"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/users").session(admin)).andExpect(status().isOk()).andExpect(content().string(containsString("yichang-staff")));
        assertThat(audited("t-admin", "USER_CREATED")).isPositive();
        assertThat(audited("t-admin", "USER_DISABLED")).isPositive();
        mvc.perform(get("/audit").session(admin).param("action", "USER_DISABLED")).andExpect(status().isOk())
                .andExpect(content().string(containsString("yichang-staff")));
    }

    @Test
    void aShortPasswordIsRefusedWithTheReason() throws Exception {
        MockHttpSession admin = login("t-admin");
        mvc.perform(post("/users").session(admin).with(csrf()).param("username", "short-pw")
                .param("password", "short").param("roles", "STAFF")).andExpect(redirectedUrl("/users"));
        assertThat(users.find("short-pw")).isEmpty();
    }

    private MockHttpSession login(String username) throws Exception {
        MvcResult result = mvc.perform(formLogin("/login").user(username).password(TestUsers.PASSWORD))
                .andExpect(authenticated()).andReturn();
        return (MockHttpSession) result.getRequest().getSession();
    }

    private long audited(String actor, String action) {
        return jdbc.sql("select count(*) from audit_log where actor = ? and action = ?").params(actor, action)
                .query(Long.class).single();
    }
}
