package cn.qeregistry.console.security;

import cn.qeregistry.console.ConsoleTest;
import cn.qeregistry.console.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sessions need CSRF tokens for every change, pages and API alike; scripts with HTTP Basic do not;
 * signing in replaces the session id; guessing passwords locks the account, by form and by Basic;
 * pages, API answers, errors and downloads all carry the security headers.
 */
@ConsoleTest
class CsrfSessionAndHeadersTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired AppUsers users;

    long item;

    @BeforeEach
    void item() {
        TestUsers.ensure(users);
        jdbc.sql("delete from exception_follow_up where exception_id in (select id from exception_item where identity_key = 'console-csrf:item')").update();
        jdbc.sql("delete from exception_item where identity_key = 'console-csrf:item'").update();
        item = jdbc.sql("""
                insert into exception_item (identity_key, category, severity, uscc, name, region_code, detail, first_seen, last_seen)
                values ('console-csrf:item', 'CONFLICT', 'WARN', '91420100CSRF00001X', 'csrf', '420102', 'csrf test', now(), now()) returning id""")
                .query(Long.class).single();
    }

    @Test
    void sessionFormPostsAndSessionApiChangesNeedTheTokenAndBasicScriptsDoNot() throws Exception {
        MockHttpSession session = login("t-staff");
        mvc.perform(post("/exceptions/" + item + "/status").session(session).param("status", "IN_FOLLOW_UP"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/exceptions/status").session(session).param("ids", String.valueOf(item)).param("status", "IN_FOLLOW_UP"))
                .andExpect(status().isForbidden());
        mvc.perform(patch("/api/exceptions/" + item).session(session).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"IN_FOLLOW_UP\"}")).andExpect(status().isForbidden());
        assertThat(statusOf(item)).isEqualTo("OPEN");

        mvc.perform(patch("/api/exceptions/" + item).session(session).with(csrf().asHeader())
                .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"IN_FOLLOW_UP\"}")).andExpect(status().isOk());
        mvc.perform(post("/exceptions/" + item + "/status").session(session).with(csrf()).param("status", "OPEN"))
                .andExpect(status().isFound());
        mvc.perform(patch("/api/exceptions/" + item).with(httpBasic("t-staff", TestUsers.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"IN_FOLLOW_UP\"}")).andExpect(status().isOk());
        assertThat(statusOf(item)).isEqualTo("IN_FOLLOW_UP");

        MockHttpSession admin = login("t-admin");
        mvc.perform(post("/schedules/console-test/pause").session(admin)).andExpect(status().isForbidden());
        mvc.perform(post("/api/schedules/console-test/pause").session(admin)).andExpect(status().isForbidden());
        mvc.perform(post("/users/t-staff/enabled").session(admin).param("enabled", "false")).andExpect(status().isForbidden());
        assertThat(users.find("t-staff").orElseThrow().enabled()).isTrue();
    }

    @Test
    void signingInReplacesTheSessionIdAPageVisitHandedOut() throws Exception {
        MockHttpSession planted = (MockHttpSession) mvc.perform(get("/login")).andReturn().getRequest().getSession();
        String plantedId = planted.getId();
        MvcResult signedIn = mvc.perform(post("/login").session(planted).with(csrf())
                .param("username", "t-staff").param("password", TestUsers.PASSWORD)).andExpect(authenticated()).andReturn();
        assertThat(signedIn.getRequest().getSession().getId()).isNotEqualTo(plantedId);
    }

    @Test
    void guessingPasswordsOverHttpBasicLocksTheAccountLikeTheForm() throws Exception {
        users.create("t-basic-guess", null, TestUsers.PASSWORD, Set.of("STAFF"), null);
        users.resetPassword("t-basic-guess", TestUsers.PASSWORD);
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/runs").with(httpBasic("t-basic-guess", "guess-" + i))).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/runs").with(httpBasic("t-basic-guess", TestUsers.PASSWORD))).andExpect(status().isUnauthorized());
        mvc.perform(formLogin("/login").user("t-basic-guess").password(TestUsers.PASSWORD)).andExpect(unauthenticated());
        assertThat(jdbc.sql("select count(*) from audit_log where actor = 't-basic-guess' and action = 'ACCOUNT_LOCKED'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void pagesApiErrorsAndDownloadsCarryTheSecurityHeaders() throws Exception {
        MockHttpSession staff = login("t-staff");
        for (var request : new org.springframework.test.web.servlet.RequestBuilder[] {
                get("/login"), get("/dashboard"), get("/exceptions").session(staff), get("/api/runs"),
                get("/api/exceptions").with(httpBasic("t-staff", TestUsers.PASSWORD)),
                get("/exceptions/download").param("format", "csv").session(staff),
                get("/api/reports/exceptions").param("format", "xlsx").with(httpBasic("t-staff", TestUsers.PASSWORD)),
                get("/api/exceptions").param("status", "NOPE").with(httpBasic("t-staff", TestUsers.PASSWORD))}) {
            mvc.perform(request)
                    .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                    .andExpect(header().string("X-Frame-Options", "DENY"))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("Referrer-Policy", "same-origin"))
                    .andExpect(header().string("Cache-Control", containsString("no-store")));
        }
    }

    private String statusOf(long id) {
        return jdbc.sql("select status from exception_item where id = ?").param(id).query(String.class).single();
    }

    private MockHttpSession login(String username) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(username).password(TestUsers.PASSWORD))
                .andExpect(authenticated()).andReturn().getRequest().getSession();
    }
}
