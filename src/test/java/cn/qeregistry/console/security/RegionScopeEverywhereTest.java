package cn.qeregistry.console.security;

import cn.qeregistry.console.ConsoleTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Region scoping on every list, detail and download, generated from the GET mappings: a firm of 宜昌
 * (420506) with a tier, a review result and an exception is asked for by every way the endpoints allow
 * (its id, its code, its name, region=420500, every report kind and format). Staff of 武汉 (420100)
 * never get a byte of it — they get their own region or 403 — while province staff do see it.
 */
@ConsoleTest
class RegionScopeEverywhereTest {

    static final String FIRM = "91420506SCOPE0001X";
    static final String NAME = "宜昌越界测试企业";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    long item;

    @BeforeEach
    void yichangFirm() {
        jdbc.sql("delete from exception_item where identity_key = 'console-scope:yichang'").update();
        jdbc.sql("delete from review_run where rule_set = 'console-scope'").update();
        jdbc.sql("delete from tier_holding where uscc = ?").param(FIRM).update();
        jdbc.sql("delete from enterprise_year_fact where uscc = ?").param(FIRM).update();
        jdbc.sql("delete from enterprise where uscc = ?").param(FIRM).update();
        jdbc.sql("insert into enterprise (uscc, name, region_code, registration_status) values (?, ?, '420506', '存续')")
                .params(FIRM, NAME).update();
        jdbc.sql("insert into enterprise_year_fact (uscc, fiscal_year, revenue) values (?, 2025, 1000000)").param(FIRM).update();
        jdbc.sql("insert into tier_holding (uscc, tier, level, valid_until, region_code) values (?, 'SRDI_SME', 'PROVINCIAL', '2027-12-31', '420506')")
                .param(FIRM).update();
        long run = jdbc.sql("insert into review_run (review_date, rule_set, rule_set_version, live) values ('2031-02-01', 'console-scope', '1', true) returning id")
                .query(Long.class).single();
        jdbc.sql("insert into review_result (review_run_id, uscc, tier, level, rule_id, outcome, observed, threshold) values (?, ?, 'SRDI_SME', 'PROVINCIAL', 'common.tax_credit', 'FAIL', 'D', 'A|B|M')")
                .params(run, FIRM).update();
        item = jdbc.sql("""
                insert into exception_item (identity_key, category, severity, uscc, name, region_code, rule_id, detail, first_seen, last_seen)
                values ('console-scope:yichang', 'REVIEW_FAIL', 'ERROR', ?, ?, '420506', 'common.tax_credit', 'scope test', now(), now()) returning id""")
                .params(FIRM, NAME).query(Long.class).single();
    }

    @Test
    void wuhanStaffNeverReceiveAYichangFirmThroughAnyReadEndpoint() throws Exception {
        List<String> leaks = new ArrayList<>();
        Set<String> provinceSees = new TreeSet<>();
        int requests = 0;
        for (RequestSamples.Endpoint endpoint : RequestSamples.getEndpoints(mappings)) {
            for (String url : urls(endpoint.pattern())) {
                for (boolean askForYichang : new boolean[] {true, false}) {
                    for (String format : new String[] {"xlsx", "csv"}) {
                        MockHttpServletResponse wuhan = mvc.perform(request(url, endpoint, askForYichang, format)
                                .with(user(ConsoleUser.of("scope-wuhan", "420100", "STAFF")))).andReturn().getResponse();
                        requests++;
                        String body = RequestSamples.text(wuhan);
                        if (wuhan.getStatus() != 403 && (body.contains(FIRM) || body.contains(NAME))) {
                            leaks.add(url + " region=" + (askForYichang ? "420500" : "-") + " format=" + format + " → " + wuhan.getStatus());
                        }
                        MockHttpServletResponse province = mvc.perform(request(url, endpoint, askForYichang, format)
                                .with(user(ConsoleUser.of("scope-province", null, "STAFF")))).andReturn().getResponse();
                        String all = RequestSamples.text(province);
                        if (all.contains(FIRM) || all.contains(NAME)) {
                            provinceSees.add(endpoint.pattern() + (url.contains("/api/reports/") ? " " + url : ""));
                        }
                    }
                }
            }
        }
        assertThat(leaks).as("responses to 武汉 staff holding the 宜昌 firm (of %d requests)", requests).isEmpty();
        assertThat(provinceSees).as("the same requests show the firm to province staff, so the test can see a leak")
                .contains("/enterprises", "/enterprises/{uscc}", "/api/enterprises/{uscc}", "/exceptions", "/exceptions/{id}",
                        "/api/exceptions", "/api/exceptions/{id}", "/exceptions/download",
                        "/api/reports/{kind} /api/reports/exceptions", "/api/reports/{kind} /api/reports/review",
                        "/api/reports/{kind} /api/reports/master");
    }

    private List<String> urls(String pattern) {
        if (pattern.contains("{kind}")) {
            return List.of("exceptions", "review", "master").stream().map(k -> pattern.replace("{kind}", k)).toList();
        }
        String url = pattern.replace("{uscc}", FIRM).replace("{id}", String.valueOf(item))
                .replaceAll("\\{action:([^|}]+)[^}]*}", "$1").replace("{username}", "scope-wuhan").replace("{job}", "console-test");
        return List.of(url);
    }

    private static MockHttpServletRequestBuilder request(String url, RequestSamples.Endpoint endpoint, boolean askForYichang,
                                                         String format) {
        MockHttpServletRequestBuilder request = get(url);
        if (endpoint.parameters().contains("q")) {
            request.param("q", NAME.substring(0, 4));
        }
        if (endpoint.parameters().contains("format")) {
            request.param("format", format);
        }
        if (askForYichang && endpoint.parameters().contains("region")) {
            request.param("region", "420500");
        }
        return request;
    }
}
