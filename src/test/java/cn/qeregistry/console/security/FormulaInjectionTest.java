package cn.qeregistry.console.security;

import cn.qeregistry.console.ConsoleTest;
import cn.qeregistry.console.TestUsers;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Formula injection through the console's downloads: values a spreadsheet would run (a firm name
 * from a feed, a detail, a note typed by staff) come out as text with a leading apostrophe in xlsx
 * (never a formula cell) and in CSV, from the page download and the report API.
 */
@ConsoleTest
class FormulaInjectionTest {

    static final String FIRM = "91420100FORMULA01X";
    static final String NAME = "=HYPERLINK(\"http://evil.example/x\",\"点此\")";
    static final String DETAIL = "+cmd|' /C calc'!A0";
    static final String NOTE = "@SUM(1+1)*cmd|' /C calc'!A0";
    static final List<String> PAYLOADS = List.of(NAME, DETAIL, NOTE);

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired cn.qeregistry.console.security.AppUsers users;

    @BeforeEach
    void hostileValues() throws Exception {
        TestUsers.ensure(users);
        jdbc.sql("delete from exception_follow_up where exception_id in (select id from exception_item where identity_key = 'console-formula:item')").update();
        jdbc.sql("delete from exception_item where identity_key = 'console-formula:item'").update();
        jdbc.sql("delete from enterprise where uscc = ?").param(FIRM).update();
        jdbc.sql("insert into enterprise (uscc, name, region_code) values (?, ?, '420102')").params(FIRM, NAME).update();
        long item = jdbc.sql("""
                insert into exception_item (identity_key, category, severity, uscc, name, region_code, detail, first_seen, last_seen)
                values ('console-formula:item', 'CONFLICT', 'WARN', ?, ?, '420102', ?, now(), now()) returning id""")
                .params(FIRM, NAME, DETAIL).query(Long.class).single();
        mvc.perform(patch("/api/exceptions/" + item).with(httpBasic("t-staff", TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"WAIVED\",\"note\":\"@SUM(1+1)*cmd|' /C calc'!A0\"}"))
                .andExpect(status().isOk());
    }

    @Test
    void xlsxDownloadsHoldHostileValuesAsApostrophedTextNeverFormulas() throws Exception {
        for (String url : new String[] {"/exceptions/download?format=xlsx&category=CONFLICT&status=WAIVED",
                "/api/reports/exceptions?format=xlsx&category=CONFLICT&status=WAIVED", "/api/reports/master?format=xlsx"}) {
            byte[] xlsx = mvc.perform(get(url).with(user(ConsoleUser.of("formula-staff", null, "STAFF"))))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
            List<String> found = new ArrayList<>();
            try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
                for (Sheet sheet : workbook) {
                    for (Row row : sheet) {
                        for (Cell cell : row) {
                            assertThat(cell.getCellType()).as("%s %s!%s", url, sheet.getSheetName(), cell.getAddress())
                                    .isNotEqualTo(CellType.FORMULA);
                            if (cell.getCellType() == CellType.STRING && PAYLOADS.stream().anyMatch(p -> cell.getStringCellValue().endsWith(p))) {
                                found.add(cell.getStringCellValue());
                            }
                        }
                    }
                }
            }
            assertThat(found).as(url).isNotEmpty().allSatisfy(value -> assertThat(value).startsWith("'"));
        }
    }

    @Test
    void csvDownloadsPrefixHostileValuesWithAnApostrophe() throws Exception {
        for (String url : new String[] {"/exceptions/download?format=csv&category=CONFLICT&status=WAIVED",
                "/api/reports/exceptions?format=csv&category=CONFLICT&status=WAIVED", "/api/reports/master?format=csv"}) {
            String csv = new String(mvc.perform(get(url).with(user(ConsoleUser.of("formula-staff", null, "STAFF"))))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
            assertThat(csv).as(url).contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");
            if (url.contains("exceptions")) {
                assertThat(csv).contains("'+cmd|", "'@SUM(").doesNotContain(",+cmd|", ",\"+cmd|", ",@SUM(", ",\"@SUM(");
            }
        }
    }
}
