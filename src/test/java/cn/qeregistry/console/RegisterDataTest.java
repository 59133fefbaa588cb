package cn.qeregistry.console;

import cn.qeregistry.platform.QeHome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Read-only views over the shared tables (deliveries, rejects, enterprises, exceptions, dashboard) and
 * uploads, with region scoping: staff of 武汉 (420100) see 武汉's counties and nothing of 宜昌 (420500).
 */
@ConsoleTest
class RegisterDataTest {

    static final String WUHAN_FIRM = "91420000757013137P";
    static final String YICHANG_FIRM = "91420684MA4927PJ7B";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    long delivery;
    long wuhanItem;
    long yichangItem;

    @BeforeEach
    void data() {
        jdbc.sql("delete from exception_item where identity_key like 'console-test:%'").update();
        jdbc.sql("delete from review_result where uscc in (?, ?)").params(WUHAN_FIRM, YICHANG_FIRM).update();
        jdbc.sql("delete from review_run where rule_set = 'console-test'").update();
        jdbc.sql("delete from tier_holding where uscc in (?, ?)").params(WUHAN_FIRM, YICHANG_FIRM).update();
        jdbc.sql("delete from attribute_lineage where uscc in (?, ?)").params(WUHAN_FIRM, YICHANG_FIRM).update();
        jdbc.sql("delete from attribute_history where uscc in (?, ?)").params(WUHAN_FIRM, YICHANG_FIRM).update();
        jdbc.sql("delete from enterprise_year_fact where uscc in (?, ?)").params(WUHAN_FIRM, YICHANG_FIRM).update();
        jdbc.sql("delete from enterprise where uscc in (?, ?)").params(WUHAN_FIRM, YICHANG_FIRM).update();
        jdbc.sql("delete from intake_reject where delivery_id in (select id from delivery where file_name = 'console-tax-2025.xlsx')").update();
        jdbc.sql("delete from delivery where file_name = 'console-tax-2025.xlsx'").update();

        delivery = jdbc.sql("""
                insert into delivery (feed, file_name, sha256, size_bytes, period, status, rows_read, rows_staged, rows_rejected)
                values ('tax', 'console-tax-2025.xlsx', repeat('ab', 32), 4096, '2025', 'STAGED', 3, 2, 1) returning id""")
                .query(Long.class).single();
        jdbc.sql("""
                insert into intake_reject (delivery_id, feed, uscc, sheet, row_no, column_name, value, reason, raw_cells)
                values (?, 'tax', '913100000184182424', '2025年度', 7, '纳税人识别号', '913100000184182424',
                        'check character should be 1', '{"纳税人识别号":"913100000184182424","纳税人名称":"上海某公司"}')""")
                .param(delivery).update();
        enterprise(WUHAN_FIRM, "武汉光谷精密制造有限公司", "420111");
        enterprise(YICHANG_FIRM, "宜昌三峡装备有限公司", "420506");
        jdbc.sql("""
                insert into enterprise_year_fact (uscc, fiscal_year, revenue, rd_expense, tax_credit_grade)
                values (?, 2025, 123456789.00, 4567890.00, 'A')""").param(WUHAN_FIRM).update();
        jdbc.sql("""
                insert into attribute_lineage (uscc, attribute, fiscal_year, feed, delivery_id, sheet, row_no, as_of)
                values (?, 'revenue', 2025, 'tax', ?, '2025年度', 5, '2026-01-31'),
                       (?, 'industry_code', 0, 'tax', ?, '2025年度', 5, '2026-01-31')""")
                .params(WUHAN_FIRM, delivery, WUHAN_FIRM, delivery).update();
        jdbc.sql("insert into attribute_history (uscc, attribute, old_value, new_value) values (?, 'registration_status', '在业', '存续')")
                .param(WUHAN_FIRM).update();
        jdbc.sql("insert into tier_holding (uscc, tier, level, valid_until, region_code) values (?, 'LITTLE_GIANT', 'NATIONAL', '2027-06-30', '420111')")
                .param(WUHAN_FIRM).update();
        long reviewRun = jdbc.sql("insert into review_run (review_date, rule_set, rule_set_version, live, completed_at) values ('2031-01-02', 'console-test', '1', true, now()) returning id")
                .query(Long.class).single();
        jdbc.sql("insert into review_result (review_run_id, uscc, tier, level, rule_id, outcome, observed, threshold) values (?, ?, 'LITTLE_GIANT', 'NATIONAL', 'lg.debt_ratio_max', 'FAIL', '0.82', '0.70')")
                .params(reviewRun, WUHAN_FIRM).update();
        wuhanItem = item("console-test:wuhan", "REVIEW_FAIL", WUHAN_FIRM, "420111", "lg.debt_ratio_max");
        yichangItem = item("console-test:yichang", "CONFLICT", YICHANG_FIRM, "420506", null);
    }

    private void enterprise(String uscc, String name, String region) {
        jdbc.sql("insert into enterprise (uscc, name, region_code, registration_status, industry_code) values (?, ?, ?, '存续', 'C3670')")
                .params(uscc, name, region).update();
    }

    private long item(String key, String category, String uscc, String region, String rule) {
        return jdbc.sql("""
                insert into exception_item (identity_key, category, severity, uscc, name, region_code, rule_id, detail, first_seen, last_seen)
                values (?, ?, 'ERROR', ?, 'n', ?, ?, 'console test item', now(), now()) returning id""")
                .params(key, category, uscc, region, rule).query(Long.class).single();
    }

    static RequestPostProcessor wuhanStaff() {
        return user(TestUsers.console("t-wuhan", "420100", "STAFF"));
    }

    static RequestPostProcessor staff() {
        return user(TestUsers.console("t-staff", null, "STAFF"));
    }

    static RequestPostProcessor operator() {
        return user(TestUsers.console("t-operator", null, "OPERATOR"));
    }

    @Test
    void deliveriesShowWhatArrivedAndTheRejectedRowsWithTheirRawCells() throws Exception {
        mvc.perform(get("/deliveries").param("feed", "tax").with(staff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("console-tax-2025.xlsx")));
        mvc.perform(get("/deliveries/" + delivery).with(staff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("check character should be 1")))
                .andExpect(content().string(containsString("上海某公司")));
        mvc.perform(get("/api/deliveries").param("feed", "tax").with(staff()))
                .andExpect(jsonPath("$[?(@.fileName == 'console-tax-2025.xlsx')].rowsRejected").value(1));
        mvc.perform(get("/deliveries/" + delivery).with(wuhanStaff())).andExpect(status().isForbidden());
    }

    @Test
    void regionLimitedStaffSeeTheirCountiesButNotAnotherPrefecturesEnterprise() throws Exception {
        mvc.perform(get("/enterprises/" + WUHAN_FIRM).with(wuhanStaff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("武汉光谷精密制造有限公司")))
                .andExpect(content().string(containsString("lg.debt_ratio_max")))
                .andExpect(content().string(containsString("console-tax-2025.xlsx")))
                .andExpect(content().string(containsString("123456789.00")));
        mvc.perform(get("/enterprises/" + YICHANG_FIRM).with(wuhanStaff())).andExpect(status().isForbidden());
        mvc.perform(get("/api/enterprises/" + YICHANG_FIRM).with(wuhanStaff())).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(get("/api/enterprises/" + YICHANG_FIRM.toLowerCase()).with(staff())).andExpect(status().isOk())
                .andExpect(jsonPath("$.enterprise.name").value("宜昌三峡装备有限公司"));
        mvc.perform(get("/api/enterprises/" + WUHAN_FIRM).with(staff()))
                .andExpect(jsonPath("$.lineage['revenue:2025'].feed").value("tax"))
                .andExpect(jsonPath("$.tiers[0].tier").value("LITTLE_GIANT"))
                .andExpect(jsonPath("$.history[0].new_value").value("存续"));
        mvc.perform(get("/api/enterprises/91110000600037341L").with(staff())).andExpect(status().isNotFound());
    }

    @Test
    void searchFindsByCodeOrNameWithinTheRegion() throws Exception {
        mvc.perform(get("/enterprises").param("q", "９１４２００００７５７").with(staff()))
                .andExpect(content().string(containsString(WUHAN_FIRM)))
                .andExpect(content().string(not(containsString(YICHANG_FIRM))));
        mvc.perform(get("/enterprises").param("q", "有限公司").with(wuhanStaff()))
                .andExpect(content().string(containsString(WUHAN_FIRM)))
                .andExpect(content().string(not(containsString(YICHANG_FIRM))));
    }

    @Test
    void theRegisterIsNarrowedToTheUsersRegionWhateverTheFilterAsks() throws Exception {
        mvc.perform(get("/api/exceptions").param("region", "420500").with(wuhanStaff()))
                .andExpect(jsonPath("$[?(@.id == " + yichangItem + ")]").isEmpty())
                .andExpect(jsonPath("$[?(@.id == " + wuhanItem + ")]").exists());
        mvc.perform(get("/api/exceptions").param("region", "420500").with(staff()))
                .andExpect(jsonPath("$[?(@.id == " + yichangItem + ")]").exists())
                .andExpect(jsonPath("$[?(@.id == " + wuhanItem + ")]").isEmpty());
        mvc.perform(get("/exceptions").with(wuhanStaff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-id=\"" + wuhanItem + "\"")))
                .andExpect(content().string(not(containsString("data-id=\"" + yichangItem + "\""))));
        mvc.perform(get("/exceptions/" + yichangItem).with(wuhanStaff())).andExpect(status().isForbidden());
        mvc.perform(get("/exceptions/" + wuhanItem).with(wuhanStaff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("console test item")));
    }

    @Test
    void theRegisterFiltersByStatusCategoryAndTier() throws Exception {
        mvc.perform(get("/api/exceptions").param("tier", "LITTLE_GIANT").param("category", "REVIEW_FAIL")
                        .param("status", "OPEN").with(staff()))
                .andExpect(jsonPath("$[?(@.id == " + wuhanItem + ")]").exists())
                .andExpect(jsonPath("$[?(@.id == " + yichangItem + ")]").isEmpty());
        mvc.perform(get("/api/exceptions").param("status", "RESOLVED").with(staff()))
                .andExpect(jsonPath("$[?(@.id == " + wuhanItem + ")]").isEmpty());
    }

    @Test
    void theDashboardCountsOpenExceptionsByCategoryAndPrefectureAndServesTheTrend() throws Exception {
        mvc.perform(get("/dashboard").with(wuhanStaff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("复核不通过")))
                .andExpect(content().string(containsString("武汉市")))
                .andExpect(content().string(not(containsString("宜昌市"))))
                .andExpect(content().string(containsString("/webjars/echarts/5.3.1/dist/echarts.min.js")));
        mvc.perform(get("/dashboard/trend").with(wuhanStaff())).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.date == '2031-01-02')].fail").value(1));
        mvc.perform(get("/webjars/echarts/5.3.1/dist/echarts.min.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx.org/2.0.4/dist/htmx.min.js")).andExpect(status().isOk());
    }

    @Test
    void anUploadLandsInTheFeedsInboxUnderASafeNameAndIsAudited() throws Exception {
        byte[] xlsx = {0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4};
        mvc.perform(multipart("/deliveries/upload").file(new MockMultipartFile("file", "../../税务 2025.xlsx", null, xlsx))
                        .param("feed", "tax").with(operator()).with(csrf()))
                .andExpect(status().isFound()).andExpect(flash().attribute("uploaded", "税务 2025.xlsx"));
        Path stored = QeHome.resolve().inbox("tax").resolve("税务 2025.xlsx");
        assertThat(stored).exists().hasBinaryContent(xlsx);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'DELIVERY_UPLOAD' and target = 'tax/税务 2025.xlsx'")
                .query(Long.class).single()).isEqualTo(1);
        Files.delete(stored);
    }

    @Test
    void anUploadWhoseContentIsNotItsTypeIsRefusedAndNothingIsLeftInTheInbox() throws Exception {
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 9, 9};
        mvc.perform(multipart("/deliveries/upload").file(new MockMultipartFile("file", "market.csv", null, zip))
                        .param("feed", "market").with(operator()).with(csrf()))
                .andExpect(flash().attribute("errorKey", "upload.error.mismatch"));
        byte[] binary = {0, 1, 2, 3, 4, 5};
        mvc.perform(multipart("/deliveries/upload").file(new MockMultipartFile("file", "market.csv", null, binary))
                        .param("feed", "market").with(operator()).with(csrf()))
                .andExpect(flash().attribute("errorKey", "upload.error.type"));
        mvc.perform(multipart("/deliveries/upload").file(new MockMultipartFile("file", "market.exe", null,
                        "a,b".getBytes(StandardCharsets.UTF_8))).param("feed", "market").with(operator()).with(csrf()))
                .andExpect(flash().attribute("errorKey", "upload.error.extension"));
        mvc.perform(multipart("/deliveries/upload").file(new MockMultipartFile("file", "market.csv", null,
                        "a,b".getBytes(StandardCharsets.UTF_8))).param("feed", "../etc").with(operator()).with(csrf()))
                .andExpect(flash().attribute("errorKey", "upload.error.feed"));
        Path inbox = QeHome.resolve().inbox("market");
        if (Files.isDirectory(inbox)) {
            try (var files = Files.list(inbox)) {
                assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("market.csv")
                        .noneMatch(name -> name.endsWith(".part"));
            }
        }
        mvc.perform(multipart("/deliveries/upload").file(new MockMultipartFile("file", "market.csv", null,
                        "a,b".getBytes(StandardCharsets.UTF_8))).param("feed", "market").with(operator()))
                .andExpect(status().isForbidden());
    }

    @Test
    void schedulesShowEachTriggersCronAndNextFireTimeInBeijingTime() throws Exception {
        jdbc.sql("delete from qrtz_cron_triggers where trigger_name = 'console-test-trigger'").update();
        jdbc.sql("delete from qrtz_triggers where trigger_name = 'console-test-trigger'").update();
        jdbc.sql("delete from qrtz_job_details where job_name = 'console-test-job'").update();
        jdbc.sql("""
                insert into qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable, is_nonconcurrent,
                                              is_update_data, requests_recovery)
                values ('console', 'console-test-job', 'qe', 'x.Job', true, true, false, false)""").update();
        long next = java.time.ZonedDateTime.of(2031, 1, 3, 1, 30, 0, 0, java.time.ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
        jdbc.sql("""
                insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time,
                                           trigger_state, trigger_type, start_time)
                values ('console', 'console-test-trigger', 'qe', 'console-test-job', 'qe', ?, 'PAUSED', 'CRON', 0)""")
                .param(next).update();
        jdbc.sql("""
                insert into qrtz_cron_triggers (sched_name, trigger_name, trigger_group, cron_expression, time_zone_id)
                values ('console', 'console-test-trigger', 'qe', '0 30 1 * * ?', 'Asia/Shanghai')""").update();
        mvc.perform(get("/schedules").with(staff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("0 30 1 * * ?")))
                .andExpect(content().string(containsString("2031-01-03 01:30")))
                .andExpect(content().string(containsString("已暂停")));
    }

    @Test
    void everyPageRendersForStaff() throws Exception {
        for (String page : new String[] {"/dashboard", "/runs", "/deliveries", "/enterprises", "/enterprises?q=武汉",
                "/exceptions", "/exceptions?status=OPEN&category=CONFLICT&tier=SRDI_SME&region=420100", "/schedules"}) {
            mvc.perform(get(page).with(staff())).andExpect(status().isOk());
        }
        for (String page : new String[] {"/users", "/audit", "/runs/launch", "/deliveries/upload"}) {
            mvc.perform(get(page).with(user(TestUsers.console("t-admin", null, "ADMIN")))).andExpect(status().isOk());
        }
        mvc.perform(get("/").with(staff())).andExpect(status().isFound());
    }
}
