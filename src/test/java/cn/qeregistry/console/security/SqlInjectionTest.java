package cn.qeregistry.console.security;

import cn.qeregistry.console.ConsoleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * SQL injection through every filter: each query parameter and path variable of every GET endpoint
 * (read from the mappings) gets classic payloads, as province ADMIN and as region-limited staff. No
 * answer is a 500, none leaks a password hash, and the tables are all still there, unchanged.
 */
@ConsoleTest
class SqlInjectionTest {

    static final List<String> PAYLOADS = List.of("420100' or '1'='1", "OPEN;drop table audit_log", "OPEN'; drop table audit_log; --",
            "1 union select password_hash from app_user--", "%' or 1=1 --", "\\'; delete from exception_item; --",
            "42\u00000100", "'); update app_user set enabled = false; --");
    static final List<String> TABLES = List.of("app_user", "app_user_role", "exception_item", "exception_follow_up", "enterprise",
            "delivery", "batch_job_execution");

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @Test
    void noFilterParameterOrPathVariableTakesSqlAndTheTablesStayIntact() throws Exception {
        Map<String, Long> before = counts();
        long auditBefore = jdbc.sql("select count(*) from audit_log").query(Long.class).single();
        long enabledBefore = jdbc.sql("select count(*) from app_user where enabled").query(Long.class).single();
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (RequestSamples.Endpoint endpoint : RequestSamples.getEndpoints(mappings)) {
            for (String payload : PAYLOADS) {
                List<MockHttpServletRequestBuilder> attempts = new ArrayList<>();
                for (String parameter : endpoint.parameters()) {
                    attempts.add(get(url(endpoint.pattern(), null)).param(parameter, payload));
                }
                if (endpoint.pattern().contains("{")) {
                    attempts.add(get(url(endpoint.pattern(), payload)));
                }
                for (MockHttpServletRequestBuilder attempt : attempts) {
                    for (ConsoleUser who : new ConsoleUser[] {ConsoleUser.of("sql-admin", null, "ADMIN"),
                            ConsoleUser.of("sql-wuhan", "420100", "STAFF")}) {
                        MockHttpServletResponse response;
                        try {
                            response = mvc.perform(attempt.with(user(who))).andReturn().getResponse();
                        } catch (jakarta.servlet.ServletException e) { // what a server answers with 500
                            failures.add(endpoint.pattern() + " " + payload + " as " + who.username() + " → " + e.getRootCause());
                            continue;
                        }
                        requests++;
                        String body = RequestSamples.text(response);
                        if (response.getStatus() >= 500 || body.contains("$2a$") || body.contains("$2b$")) {
                            failures.add(endpoint.pattern() + " " + payload + " as " + who.username() + " → " + response.getStatus());
                        }
                    }
                }
            }
        }
        assertThat(requests).isGreaterThan(300);
        assertThat(failures).isEmpty();
        assertThat(counts()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit_log").query(Long.class).single()).isGreaterThanOrEqualTo(auditBefore);
        assertThat(jdbc.sql("select count(*) from app_user where enabled").query(Long.class).single()).isEqualTo(enabledBefore);
    }

    @Test
    void injectedRegisterFiltersAreRefusedWith400NamingTheParameter() throws Exception {
        ConsoleUser staff = ConsoleUser.of("sql-staff", null, "STAFF");
        mvc.perform(get("/api/exceptions").param("region", "420100' or '1'='1").with(user(staff)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("region")));
        mvc.perform(get("/api/exceptions").param("status", "OPEN;drop table audit_log").with(user(staff)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("status")));
        mvc.perform(get("/exceptions").param("category", "CONFLICT' or 1=1 --").with(user(staff))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/reports/exceptions").param("tier", "x' or 1=1").with(user(staff))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/runs").param("status", "FAILED' or '1'='1").with(user(staff)))
                .andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        return counts;
    }

    /** The pattern with every variable set to {@code value} (or a harmless sample when null). */
    private static String url(String pattern, String value) {
        String url = pattern.replaceAll("\\{action:([^|}]+)[^}]*}", "$1");
        if (value == null) {
            return url.replace("{id}", "987654321").replace("{uscc}", "91420000757013137P").replace("{kind}", "exceptions");
        }
        String encoded = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return url.replaceAll("\\{\\w+}", java.util.regex.Matcher.quoteReplacement(encoded));
    }
}
