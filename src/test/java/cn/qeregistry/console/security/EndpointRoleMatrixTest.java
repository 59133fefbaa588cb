package cn.qeregistry.console.security;

import cn.qeregistry.console.ConsoleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * The role × endpoint matrix, generated from the controllers: every request mapping the application
 * serves must have a row in {@link #EXPECTED} (method + path pattern → the least role that may call
 * it, or public), so a new endpoint without a rule fails this test. For every row: anonymous callers
 * get 401 (API) or the login redirect (pages), a role just below gets 403, the least role gets
 * neither — and every answer carries the security headers.
 */
@ConsoleTest
class EndpointRoleMatrixTest {

    enum Access { PUBLIC, STAFF, OPERATOR, ADMIN }

    /** "METHOD pattern" → who may call it. ANY = a mapping without a method condition. */
    static final Map<String, Access> EXPECTED = Map.ofEntries(
            Map.entry("GET /login", Access.PUBLIC),
            Map.entry("GET /api/openapi", Access.PUBLIC),
            Map.entry("ANY /error", Access.PUBLIC),
            Map.entry("GET /", Access.STAFF),
            Map.entry("GET /dashboard", Access.STAFF),
            Map.entry("GET /dashboard/trend", Access.STAFF),
            Map.entry("GET /runs", Access.STAFF),
            Map.entry("GET /runs/{id}", Access.STAFF),
            Map.entry("GET /runs/{id}/live", Access.STAFF),
            Map.entry("GET /runs/{id}/{action:restart|stop|abandon|recover}", Access.OPERATOR),
            Map.entry("POST /runs/{id}/{action:restart|stop|abandon|recover}", Access.OPERATOR),
            Map.entry("GET /runs/launch", Access.OPERATOR),
            Map.entry("POST /runs/launch", Access.OPERATOR),
            Map.entry("GET /deliveries", Access.STAFF),
            Map.entry("GET /deliveries/{id}", Access.STAFF),
            Map.entry("GET /deliveries/upload", Access.OPERATOR),
            Map.entry("POST /deliveries/upload", Access.OPERATOR),
            Map.entry("GET /enterprises", Access.STAFF),
            Map.entry("GET /enterprises/{uscc}", Access.STAFF),
            Map.entry("GET /exceptions", Access.STAFF),
            Map.entry("GET /exceptions/{id}", Access.STAFF),
            Map.entry("GET /exceptions/download", Access.STAFF),
            Map.entry("POST /exceptions/status", Access.STAFF),
            Map.entry("POST /exceptions/{id}/status", Access.STAFF),
            Map.entry("GET /schedules", Access.STAFF),
            Map.entry("POST /schedules/{job}/{action:pause|resume}", Access.ADMIN),
            Map.entry("POST /schedules/{job}/run", Access.OPERATOR),
            Map.entry("GET /users", Access.ADMIN),
            Map.entry("GET /audit", Access.ADMIN),
            Map.entry("POST /users", Access.ADMIN),
            Map.entry("POST /users/{username}/password", Access.ADMIN),
            Map.entry("POST /users/{username}/enabled", Access.ADMIN),

            Map.entry("GET /api/runs", Access.STAFF),
            Map.entry("GET /api/runs/{id}", Access.STAFF),
            Map.entry("POST /api/runs", Access.OPERATOR),
            Map.entry("POST /api/runs/{id}/{action:restart|stop|abandon|recover}", Access.OPERATOR),
            Map.entry("GET /api/deliveries", Access.STAFF),
            Map.entry("GET /api/enterprises/{uscc}", Access.STAFF),
            Map.entry("GET /api/exceptions", Access.STAFF),
            Map.entry("GET /api/exceptions/{id}", Access.STAFF),
            Map.entry("PATCH /api/exceptions/{id}", Access.STAFF),
            Map.entry("GET /api/reports/{kind}", Access.STAFF),
            Map.entry("GET /api/schedules", Access.STAFF),
            Map.entry("POST /api/schedules/{job}/pause", Access.ADMIN),
            Map.entry("POST /api/schedules/{job}/resume", Access.ADMIN),
            Map.entry("POST /api/schedules/{job}/run", Access.OPERATOR));

    /** Values for path variables: ids that do not exist, names that name nothing, so no test acts on real data. */
    static final Map<String, String> SAMPLES = Map.of("id", "987654321", "uscc", "91420000757013137P", "kind", "exceptions",
            "job", "no-such-job", "username", "no-such-user");

    static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::([^}|]+)[^}]*)?}");

    @Autowired MockMvc mvc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    /** Every "METHOD pattern" the application serves. */
    Set<String> served() {
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    served.add("ANY " + pattern);
                }
                methods.forEach(method -> served.add(method.name() + " " + pattern));
            }
        }
        return served;
    }

    @Test
    void everyServedEndpointHasARuleAndEveryRuleAnEndpoint() {
        Set<String> served = served();
        assertThat(served).as("endpoints without a row in EXPECTED (add one with the least role that may call it)")
                .isSubsetOf(EXPECTED.keySet());
        assertThat(EXPECTED.keySet()).as("rows in EXPECTED for endpoints that no longer exist").isSubsetOf(served);
    }

    @Test
    void theOpenApiDescriptionCoversEveryApiEndpoint() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(mvc.perform(get("/api/openapi")).andReturn().getResponse()
                .getContentAsByteArray()).get("paths");
        List<String> undocumented = served().stream().filter(e -> e.contains(" /api/"))
                .filter(e -> {
                    String method = e.substring(0, e.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
                    String path = e.substring(e.indexOf(' ') + 1);
                    return concrete(path).stream().anyMatch(p -> !paths.has(p) || !paths.get(p).has(method));
                }).toList();
        assertThat(undocumented).as("API endpoints missing from src/main/resources/console/openapi.json").isEmpty();
    }

    @Test
    void anonymousCallersAreSentToSignInAndTooLowRolesRefusedAndTheLeastRoleServed() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String endpoint : served()) {
            Access access = EXPECTED.get(endpoint);
            if (access == null) {
                continue; // reported by the test above
            }
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String url = url(endpoint.substring(endpoint.indexOf(' ') + 1));
            boolean api = url.startsWith("/api/");

            MockHttpServletResponse anonymous = call(method, url, null);
            if (access == Access.PUBLIC) {
                check(failures, endpoint, "anonymous", anonymous, anonymous.getStatus() != 401 && anonymous.getStatus() != 403
                        && !String.valueOf(anonymous.getRedirectedUrl()).endsWith("/login"));
                continue;
            }
            check(failures, endpoint, "anonymous", anonymous, api ? anonymous.getStatus() == 401
                    : anonymous.getStatus() == 302 && String.valueOf(anonymous.getRedirectedUrl()).endsWith("/login"));

            String below = switch (access) {
                case STAFF -> null; // a signed-in user with no role at all
                case OPERATOR -> "STAFF";
                case ADMIN -> "OPERATOR";
                default -> throw new IllegalStateException();
            };
            MockHttpServletResponse tooLow = call(method, url, below == null ? new String[0] : new String[] {below});
            check(failures, endpoint, "role " + (below == null ? "(none)" : below), tooLow, tooLow.getStatus() == 403);

            MockHttpServletResponse allowed = call(method, url, new String[] {access.name()});
            check(failures, endpoint, "role " + access, allowed, allowed.getStatus() != 401 && allowed.getStatus() != 403
                    && allowed.getStatus() < 500);
            check(failures, endpoint, "security headers", allowed, "nosniff".equals(allowed.getHeader("X-Content-Type-Options"))
                    && "DENY".equals(allowed.getHeader("X-Frame-Options"))
                    && String.valueOf(allowed.getHeader("Content-Security-Policy")).contains("default-src 'self'"));
        }
        assertThat(failures).isEmpty();
    }

    private MockHttpServletResponse call(String method, String url, String[] roles) throws Exception {
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(method.equals("ANY") ? "GET" : method), url);
        if (!method.equals("GET") && !method.equals("ANY")) {
            request.with(csrf());
            if (url.startsWith("/api/")) {
                request.contentType(MediaType.APPLICATION_JSON).content("{}");
            }
        }
        if (roles != null) {
            request.with(user(ConsoleUser.of("matrix-user", null, roles)));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static void check(List<String> failures, String endpoint, String who, MockHttpServletResponse response, boolean ok) {
        if (!ok) {
            failures.add(endpoint + " as " + who + " → " + response.getStatus()
                    + (response.getRedirectedUrl() == null ? "" : " redirect " + response.getRedirectedUrl()));
        }
    }

    /** A path with a regex-alternatives variable as the paths it stands for (as OpenAPI lists them). */
    static List<String> concrete(String path) {
        Matcher m = Pattern.compile("\\{action:([^}]*)}").matcher(path);
        if (!m.find()) {
            return List.of(path);
        }
        return Arrays.stream(m.group(1).split("\\|")).map(a -> path.substring(0, m.start()) + a + path.substring(m.end())).toList();
    }

    /** The pattern with each variable replaced by its sample (or the first allowed value of a regex variable). */
    static String url(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder url = new StringBuilder();
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : SAMPLES.get(m.group(1));
            assertThat(value).as("a sample value for {%s} in %s", m.group(1), pattern).isNotNull();
            m.appendReplacement(url, Matcher.quoteReplacement(value));
        }
        m.appendTail(url);
        return url.toString();
    }
}
