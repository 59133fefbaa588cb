package cn.qeregistry.console;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Paging through a filtered list or switching language keeps the filters on screen. */
@ConsoleTest
class PageLinksTest {

    static final String QIANJIANG = "429005";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void twoHundredAndOneOpenItemsInOneRegion() {
        jdbc.sql("delete from exception_item where identity_key like 'console-pager:%'").update();
        jdbc.sql("""
                insert into exception_item (identity_key, category, severity, uscc, name, region_code, feed, detail, first_seen, last_seen)
                select 'console-pager:' || n, 'UNMATCHED', 'ERROR', '91420100MA4K0000X1', '潜江分页' || n, ?, 'tax', 'pager test item', now(), now()
                from generate_series(1, 201) n""").param(QIANJIANG).update();
    }

    @Test
    void theNextPageAndTheLanguageSwitchKeepTheFilters() throws Exception {
        mvc.perform(get("/exceptions?region=" + QIANJIANG + "&status=OPEN").with(user("op").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("href=\"/exceptions?region=429005&amp;status=OPEN&amp;page=1\""),
                        containsString("href=\"/exceptions?region=429005&amp;status=OPEN&amp;lang=en\""),
                        not(containsString("page=-1")))));
    }

    @Test
    void theLastPageOffersOnlyTheWayBack() throws Exception {
        mvc.perform(get("/exceptions?region=429005&status=OPEN&page=1").with(user("op").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("href=\"/exceptions?region=429005&amp;status=OPEN&amp;page=0\""),
                        not(containsString("page=2")))));
    }
}
