package cn.qeregistry.console;

import cn.qeregistry.console.security.AppUsers;
import cn.qeregistry.core.CreditCode;
import cn.qeregistry.platform.QeHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser (headless Debian chromium) against the running console: sign in, launch the science
 * intake on a delivery in its inbox while its mapping names a column the file does not have, see the
 * run fail with that message, fix the mapping file, press Restart, watch the page follow the run to
 * COMPLETED — all without restarting the application; open the dashboard. Screenshots land in
 * target/screenshots/.
 */
@Tag("slow")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.quartz.auto-startup=false", "QE_ADMIN_PASSWORD=first-admin-secret"})
class ConsoleBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();
    /** The application's mappings folder: a copy of the shipped one, for the test to break and fix. */
    static final Path MAPPINGS = Path.of("target", "console-browser-mappings").toAbsolutePath();
    static final Path SCIENCE_MAPPING = MAPPINGS.resolve("science.yml");
    static final int SCIENCE_ROWS = 20;
    static WebDriver browser;
    static Path profile;

    @LocalServerPort int port;
    @Autowired AppUsers users;
    @Autowired JdbcClient jdbc;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry properties) throws IOException {
        Files.createDirectories(MAPPINGS);
        try (var shipped = Files.list(Path.of("mappings"))) {
            for (Path file : shipped.filter(f -> f.toString().endsWith(".yml")).toList()) {
                Files.copy(file, MAPPINGS.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        properties.add("qe.mappings-dir", MAPPINGS::toString);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        profile = Files.createTempDirectory("qe-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=zh-CN", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (var tree = Files.walk(profile)) {
            tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void operatorSeesAFailedRunFixesTheMappingRestartsItAndWatchesItComplete() throws Exception {
        signIn("t-admin");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("总览");

        String shipped = Files.readString(SCIENCE_MAPPING);
        Files.writeString(SCIENCE_MAPPING, shipped.replace("headers: [研发人员数]", "headers: [研发人数]"));
        long delivered = scienceDelivery();
        open("/runs/launch");
        new Select(browser.findElement(By.name("job"))).selectByValue("intake.science");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2031-09-01'", browser.findElement(By.name("date")));
        browser.findElement(By.id("launch")).click();
        waitForStatus("FAILED");
        String failedUrl = browser.getCurrentUrl();
        assertThat(browser.findElement(By.cssSelector("tr[data-step='intake.science']")).getText())
                .contains("失败", "science-2031-09-01.csv: has no column for 研发人数 (field rd_staff");
        screenshot("run-failed");

        Files.writeString(SCIENCE_MAPPING, shipped);
        browser.findElement(By.id("restart")).click();
        assertThat(browser.findElement(By.id("steps-again")).getText()).contains("intake.science");
        screenshot("run-restart-confirm");
        browser.findElement(By.id("confirm")).click();
        waitForStatus("COMPLETED");
        assertThat(browser.getCurrentUrl()).isNotEqualTo(failedUrl);
        assertThat(browser.findElement(By.cssSelector("tr[data-step='intake.science']")).getText())
                .contains("rows read " + delivered + ", staged " + (delivered - 1) + ", rejected 1");
        assertThat(jdbc.sql("select status || ' ' || rows_read || ' ' || rows_staged || ' ' || rows_rejected from delivery where file_name = ?")
                .param("science-2031-09-01.csv").query(String.class).single())
                .isEqualTo("STAGED " + delivered + " " + (delivered - 1) + " 1");
        screenshot("run-completed");

        threeNightsOfReviews();
        open("/dashboard");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#trend canvas")).isEmpty());
        screenshot("dashboard");

        open("/runs?lang=en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Runs");
        browser.manage().window().setSize(new Dimension(420, 900));
        open("/runs");
        screenshot("runs-narrow-en");
        browser.manage().window().setSize(new Dimension(1280, 900));
        open("/runs?lang=zh_CN");
    }

    @Test
    void regionStaffFilterExceptionsMarkOneInFollowUpAndDownloadTheWorkbook() throws Exception {
        jdbc.sql("delete from exception_follow_up where exception_id in (select id from exception_item where identity_key = 'console-browser:item')").update();
        jdbc.sql("delete from exception_item where identity_key = 'console-browser:item'").update();
        long item = jdbc.sql("""
                insert into exception_item (identity_key, category, severity, uscc, name, region_code, feed, field, detail, first_seen, last_seen)
                values ('console-browser:item', 'CONFLICT', 'WARN', '91420102BROWSER01X', '武汉浏览器测试公司', '420102', 'tax', '企业名称',
                        'name differs from market', now(), now()) returning id""").query(Long.class).single();
        try (var old = Files.list(DOWNLOADS)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        signIn("t-wuhan");
        open("/exceptions");
        new Select(browser.findElement(By.name("category"))).selectByValue("CONFLICT");
        browser.findElement(By.cssSelector("#exception-filters button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("category=CONFLICT"));
        browser.findElement(By.cssSelector("tr[data-id='" + item + "'] a")).click();

        new Select(browser.findElement(By.id("new-status"))).selectByValue("IN_FOLLOW_UP");
        browser.findElement(By.id("status-note")).sendKeys("已致电企业核对名称");
        browser.findElement(By.id("status-submit")).click();
        // The status form posts and the page is drawn again: the element found first may be the old page's.
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("item-status")).getText().equals("跟进中"));
        assertThat(browser.findElement(By.id("follow-ups")).getText()).contains("已致电企业核对名称", "t-wuhan");
        screenshot("exception-in-follow-up");

        open("/exceptions?category=CONFLICT&status=IN_FOLLOW_UP");
        assertThat(browser.findElements(By.cssSelector("tr[data-id='" + item + "']"))).hasSize(1);
        browser.findElement(By.id("download-xlsx")).click();
        Path workbook = new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            try (var files = Files.list(DOWNLOADS)) {
                return files.filter(f -> f.getFileName().toString().matches("exceptions-.*\\.xlsx")).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        StringBuilder cells = new StringBuilder();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(workbook))) {
            book.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> cells.append(cell).append('|'))));
        }
        assertThat(cells).contains("武汉浏览器测试公司", "跟进中", "已致电企业核对名称");
    }

    /**
     * A science delivery alone in the feed's inbox, as the department sends it: {@value #SCIENCE_ROWS}
     * firms, one with a patent count that is not a number. Its content is new to the database (a
     * certificate number of this moment), so it is not taken as a repeat of an earlier delivery.
     * Returns the rows it holds.
     */
    private static long scienceDelivery() throws IOException {
        Path inbox = Files.createDirectories(QeHome.resolve().inbox("science"));
        try (var old = Files.list(inbox)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        StringBuilder csv = new StringBuilder("统一社会信用代码,企业名称,高新技术企业证书编号,高企发证日期,高企有效期至,科技型中小企业入库编号,"
                + "I类知识产权数,发明专利数,研发人员数,职工总数,省级及以上研发机构\r\n");
        String batch = String.valueOf(System.currentTimeMillis());
        for (int n = 1; n <= SCIENCE_ROWS; n++) {
            StringBuilder code = new StringBuilder("91420100MA4B");
            for (char digit : String.format("%05d", n).toCharArray()) {
                code.append("ABCDEFGHJK".charAt(digit - '0'));
            }
            code.append((char) CreditCode.checkCharFor(code));
            csv.append(code).append(",浏览器测试科技").append(n).append("有限公司,GR").append(batch).append(n)
                    .append(",2024-01-15,2027-01-14,2024420100A").append(n).append(",5,")
                    .append(n == 7 ? "两个" : "2").append(",12,80,是\r\n");
        }
        Files.write(inbox.resolve("science-2031-09-01.csv"), csv.toString().getBytes(Charset.forName("GB18030")));
        return SCIENCE_ROWS;
    }

    /** Review outcomes of three nights, so the trend chart has something to draw (ECharts under the CSP). */
    private void threeNightsOfReviews() {
        jdbc.sql("delete from review_run where rule_set = 'console-browser'").update();
        for (int night = 1; night <= 3; night++) {
            long run = jdbc.sql("insert into review_run (review_date, rule_set, rule_set_version, live, completed_at) values (?, 'console-browser', '1', true, now()) returning id")
                    .param(java.time.LocalDate.of(2031, 8, night)).query(Long.class).single();
            for (int i = 0; i < night * 3; i++) {
                jdbc.sql("insert into review_result (review_run_id, uscc, tier, rule_id, outcome) values (?, '91420000757013137P', 'SRDI_SME', ?, ?)")
                        .params(run, "rule." + i, i % 3 == 0 ? "FAIL" : i % 3 == 1 ? "WARN" : "DATA_GAP").update();
            }
        }
    }

    private void signIn(String username) {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/dashboard"));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** The run page polls itself with htmx; wait until its status cell says {@code status}. */
    private void waitForStatus(String status) {
        // htmx replaces the status cell every 2 s: a cell found just before a swap goes stale, look again
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class).until(d -> {
            var cells = d.findElements(By.id("run-status"));
            return !cells.isEmpty() && status.equals(cells.get(0).getAttribute("data-status"));
        });
    }

    private static void screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
