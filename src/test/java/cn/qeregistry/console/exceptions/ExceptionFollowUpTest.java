package cn.qeregistry.console.exceptions;

import cn.qeregistry.console.ConsoleTest;
import cn.qeregistry.console.TestUsers;
import cn.qeregistry.console.security.AppUsers;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Staff follow exceptions up in the console: one item or the ticked ones, with a note, only within
 * their region; the history shows each change; downloads hold exactly the filtered register on screen.
 */
@ConsoleTest
class ExceptionFollowUpTest {

    static final Pattern ROW_ID = Pattern.compile("data-id=\"(\\d+)\"");

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired AppUsers users;

    long wuhan;
    long wuhanCounty;
    long yichang;

    @BeforeEach
    void items() {
        TestUsers.ensure(users);
        jdbc.sql("delete from exception_follow_up where exception_id in (select id from exception_item where identity_key like 'console-fu:%')").update();
        jdbc.sql("delete from exception_item where identity_key like 'console-fu:%'").update();
        wuhan = item("console-fu:wuhan", "UNMATCHED", "420100", "武汉待跟进");
        wuhanCounty = item("console-fu:hongshan", "UNMATCHED", "420111", "洪山待跟进");
        yichang = item("console-fu:yichang", "UNMATCHED", "420506", "宜昌待跟进");
    }

    private long item(String key, String category, String region, String name) {
        return jdbc.sql("""
                insert into exception_item (identity_key, category, severity, uscc, name, region_code, feed, detail, first_seen, last_seen)
                values (?, ?, 'ERROR', '91420100MA4K0000X1', ?, ?, 'tax', 'follow-up test item', now(), now()) returning id""")
                .params(key, category, name, region).query(Long.class).single();
    }

    static RequestPostProcessor wuhanStaff() {
        return user(TestUsers.console("t-wuhan", "420100", "STAFF"));
    }

    static RequestPostProcessor staff() {
        return user(TestUsers.console("t-staff", null, "STAFF"));
    }

    private String statusOf(long id) {
        return jdbc.sql("select status from exception_item where id = ?").param(id).query(String.class).single();
    }

    @Test
    void staffMarkOneItemInFollowUpAndTheHistoryAndAuditLogShowIt() throws Exception {
        mvc.perform(post("/exceptions/" + wuhan + "/status").with(wuhanStaff()).with(csrf())
                        .param("status", "IN_FOLLOW_UP").param("note", "已电话联系企业"))
                .andExpect(redirectedUrl("/exceptions/" + wuhan)).andExpect(flash().attribute("messageKey", "exception.changed"));
        assertThat(statusOf(wuhan)).isEqualTo("IN_FOLLOW_UP");
        mvc.perform(get("/exceptions/" + wuhan).with(wuhanStaff())).andExpect(status().isOk())
                .andExpect(content().string(containsString("已电话联系企业")))
                .andExpect(content().string(containsString("t-wuhan")))
                .andExpect(content().string(containsString("id=\"status-form\"")));
        assertThat(jdbc.sql("select count(*) from audit_log where actor = 't-wuhan' and action = 'exception.status' and target = ?")
                .param("exception:" + wuhan).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void closingWithoutANoteIsRefusedWithTheReasonAndChangesNothing() throws Exception {
        mvc.perform(post("/exceptions/" + wuhan + "/status").with(wuhanStaff()).with(csrf()).param("status", "RESOLVED"))
                .andExpect(redirectedUrl("/exceptions/" + wuhan))
                .andExpect(flash().attribute("error", containsString("a note is required")));
        assertThat(statusOf(wuhan)).isEqualTo("OPEN");
    }

    @Test
    void staffCannotChangeAnItemOfAnotherRegionFromThePage() throws Exception {
        mvc.perform(post("/exceptions/" + yichang + "/status").with(wuhanStaff()).with(csrf()).param("status", "IN_FOLLOW_UP"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/exceptions/99999999/status").with(wuhanStaff()).with(csrf()).param("status", "IN_FOLLOW_UP"))
                .andExpect(status().isNotFound());
        assertThat(statusOf(yichang)).isEqualTo("OPEN");
    }

    @Test
    void bulkChangeMovesTheTickedItemsOfTheRegionAndNamesTheRefusedOnes() throws Exception {
        mvc.perform(post("/exceptions/status").with(wuhanStaff()).with(csrf())
                        .param("ids", String.valueOf(wuhan), String.valueOf(wuhanCounty), String.valueOf(yichang))
                        .param("status", "WAIVED").param("note", "企业已注销，豁免").param("category", "UNMATCHED"))
                .andExpect(redirectedUrl("/exceptions?category=UNMATCHED"))
                .andExpect(flash().attribute("messageArg", 2))
                .andExpect(flash().attribute("error", containsString("limited to region 420100")));
        assertThat(statusOf(wuhan)).isEqualTo("WAIVED");
        assertThat(statusOf(wuhanCounty)).isEqualTo("WAIVED");
        assertThat(statusOf(yichang)).isEqualTo("OPEN");
        assertThat(jdbc.sql("select count(*) from exception_follow_up where exception_id in (?, ?) and note = '企业已注销，豁免'")
                .params(wuhan, wuhanCounty).query(Long.class).single()).isEqualTo(2);
        mvc.perform(post("/exceptions/status").with(wuhanStaff()).with(csrf()).param("status", "OPEN"))
                .andExpect(flash().attribute("errorKey", "exception.error.noneSelected"));
    }

    @Test
    void theApiChangesAStatusAndAnswers404403409And400() throws Exception {
        mvc.perform(patch("/api/exceptions/" + wuhan).with(httpBasic("t-wuhan", TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"IN_FOLLOW_UP\",\"note\":\"已发函\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("IN_FOLLOW_UP"))
                .andExpect(jsonPath("$.note").value("已发函"));
        mvc.perform(get("/api/exceptions/" + wuhan).with(httpBasic("t-wuhan", TestUsers.PASSWORD)))
                .andExpect(jsonPath("$.history[0].to").value("IN_FOLLOW_UP"))
                .andExpect(jsonPath("$.history[0].actor").value("t-wuhan"));
        mvc.perform(patch("/api/exceptions/" + yichang).with(httpBasic("t-wuhan", TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"IN_FOLLOW_UP\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.message", containsString("420100")));
        mvc.perform(get("/api/exceptions/" + yichang).with(httpBasic("t-wuhan", TestUsers.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(patch("/api/exceptions/99999999").with(httpBasic("t-staff", TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"IN_FOLLOW_UP\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(patch("/api/exceptions/" + yichang).with(httpBasic("t-staff", TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"RESOLVED\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.message", containsString("note")));
        mvc.perform(patch("/api/exceptions/" + yichang).with(httpBasic("t-staff", TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"DONE\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message", containsString("IN_FOLLOW_UP")));
        assertThat(statusOf(yichang)).isEqualTo("OPEN");
    }

    @Test
    void thePageDownloadHoldsExactlyTheItemsOnScreenForTheSameFilters() throws Exception {
        for (String format : new String[] {"xlsx", "csv"}) {
            String page = mvc.perform(get("/exceptions").param("category", "UNMATCHED").param("status", "OPEN").with(staff()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            Set<Long> onScreen = ids(page);
            assertThat(onScreen).contains(wuhan, wuhanCounty, yichang);
            MockHttpServletResponse file = mvc.perform(get("/exceptions/download").param("format", format)
                            .param("category", "UNMATCHED").param("status", "OPEN").with(staff()))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Content-Disposition", containsString("exceptions-")))
                    .andReturn().getResponse();
            assertThat(format.equals("xlsx") ? xlsxIds(file.getContentAsByteArray()) : csvIds(file.getContentAsByteArray()))
                    .isEqualTo(onScreen);
        }
        assertThat(jdbc.sql("select count(*) from audit_log where actor = 't-staff' and action = 'report.download' and detail like '%category=UNMATCHED%'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void regionLimitedStaffDownloadOnlyTheirRegionAndAreRefusedAnother() throws Exception {
        byte[] own = mvc.perform(get("/exceptions/download").param("format", "xlsx").param("region", "420500").with(wuhanStaff()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(xlsxIds(own)).contains(wuhan, wuhanCounty).doesNotContain(yichang);
        byte[] api = mvc.perform(get("/api/reports/exceptions").param("format", "csv").param("lang", "en")
                        .with(httpBasic("t-wuhan", TestUsers.PASSWORD)))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", containsString("text/csv")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(csvIds(api)).contains(wuhan, wuhanCounty).doesNotContain(yichang);
        mvc.perform(get("/api/reports/exceptions").param("region", "420500").with(httpBasic("t-wuhan", TestUsers.PASSWORD)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.message", containsString("outside your region")));
        byte[] county = mvc.perform(get("/api/reports/exceptions").param("format", "csv").param("region", "420111")
                        .with(httpBasic("t-wuhan", TestUsers.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(csvIds(county)).contains(wuhanCounty).doesNotContain(wuhan, yichang);
    }

    @Test
    void reviewAndMasterReportsDownloadAndBadParametersAre400() throws Exception {
        for (String kind : new String[] {"review", "master"}) {
            mvc.perform(get("/api/reports/" + kind).param("format", "csv").with(httpBasic("t-staff", TestUsers.PASSWORD)))
                    .andExpect(status().isOk()).andExpect(header().string("Content-Disposition", containsString(kind + "-")));
        }
        mvc.perform(get("/api/reports/everything").with(httpBasic("t-staff", TestUsers.PASSWORD))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/reports/exceptions").param("format", "pdf").with(httpBasic("t-staff", TestUsers.PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/reports/master").param("status", "OPEN").with(httpBasic("t-staff", TestUsers.PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/exceptions/download").param("format", "pdf").with(staff())).andExpect(status().isBadRequest());
    }

    static Set<Long> ids(String page) {
        Set<Long> ids = new TreeSet<>();
        Matcher m = ROW_ID.matcher(page);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    /** Item ids of every category sheet (the first sheet is the summary). */
    static Set<Long> xlsxIds(byte[] bytes) throws Exception {
        Set<Long> ids = new TreeSet<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            for (int s = 1; s < workbook.getNumberOfSheets(); s++) {
                Sheet sheet = workbook.getSheetAt(s);
                for (Row row : sheet) {
                    if (row.getRowNum() > 0) {
                        ids.add((long) row.getCell(0).getNumericCellValue());
                    }
                }
            }
        }
        return ids;
    }

    static Set<Long> csvIds(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        Set<Long> ids = new TreeSet<>();
        Arrays.stream(text.split("\r?\n")).skip(1).filter(line -> !line.isBlank())
                .forEach(line -> ids.add(Long.parseLong(line.substring(0, line.indexOf(',')))));
        return ids;
    }
}
