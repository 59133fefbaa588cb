package cn.qeregistry.reliability;

import cn.qeregistry.platform.EmbeddedDatabase;
import cn.qeregistry.platform.QeHome;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code report} step (register sync, then the night's workbooks and manifest) killed with
 * SIGKILL in a JVM of its own, on a register of {@value #REJECTS} + {@value #ISSUES} problems: once
 * inside the register sync (night 1) and once while the province workbook is being written (night 2).
 * Each time {@code recover ID} and {@code restart ID} finish the night. Asserted: no file under
 * {@code reports/} looks complete without being complete, the manifest lists only complete files, the
 * restarted night's workbooks hold exactly the register's items, no temporary file is left, and the
 * register keeps its identity — same ids and keys, first_seen unchanged, no duplicates, the night
 * counted once.
 */
@Tag("slow")
class ReportCrashTest {

    static final int REJECTS = 80_000;
    static final int ISSUES = 40_000;
    static final String JOBS = "-Dqe.jobs-dir=src/test/resources/reliability/jobs";
    static final String NIGHT_1 = "2026-12-01";
    static final String NIGHT_2 = "2026-12-02";
    static final String PROVINCE = "420000";
    static final List<String> PREFECTURES = List.of("420100", "420200", "420300", "420500", "420600", "420700", "420800",
            "420900", "421000", "421100", "421200", "421300", "422800", "429004", "429005", "429006", "429021");
    static final ChildJvm APP = new ChildJvm(Path.of("target/report-crash-home").toAbsolutePath());

    @BeforeAll
    static void registerInputs() throws Exception {
        CrashRestartTest.stopDatabase(APP.home());
        IntakeState.empty(APP.home());
        EmbeddedDatabase.forHome(new QeHome(APP.home())); // up for the whole test, as a server's database is
        assertThat(APP.run("status")).as("first start: the schema").isZero();
        // the register's sources as intake and master leave them: rejects of a current delivery (no region)
        // and master issues of firms in every 市州
        APP.execute("""
                insert into delivery (id, feed, file_name, sha256, size_bytes, period, status, rows_read, rows_rejected)
                values (1, 'market', 'market-report-crash.csv', repeat('a', 64), 1, '2026-12-01', 'STAGED', %1$d, %1$d)""".formatted(REJECTS));
        APP.execute("""
                insert into intake_reject (delivery_id, feed, category, uscc, row_no, column_name, value, reason, raw_cells)
                select 1, 'market', 'INTAKE_REJECT', '91420100MA' || lpad(n::text, 8, '0'), n + 1, '成立日期', '2022-02-30',
                       '成立日期 ''2022-02-30'' is not a calendar date', jsonb_build_object('企业名称', '报告崩溃测试' || n || '有限公司')
                from generate_series(1, %d) n""".formatted(REJECTS));
        APP.execute("""
                insert into master_issue (category, uscc, name, region_code, feed, field, observed, detail)
                select 'UNMATCHED', '91420200MB' || lpad(n::text, 8, '0'), '未登记测试' || n || '有限公司',
                       (array['%s'])[1 + n %% 17], 'science', '', null, 'the credit code is not in the market feed'
                from generate_series(1, %d) n""".formatted(String.join("','", PREFECTURES), ISSUES));
    }

    @AfterAll
    static void stopTheDatabase() {
        CrashRestartTest.stopDatabase(APP.home());
    }

    @Test
    void killedInTheSyncAndWhileWritingTheReportsTheNightsEndCompleteWithTheRegisterUnchangedInIdentity() throws Exception {
        // night 1: killed inside the register sync, before it commits
        Process night1 = APP.start(JOBS, "run", "report-only", "--date=" + NIGHT_1);
        APP.waitFor("the register sync running", () -> APP.singleOr(
                "select count(*) from pg_stat_activity where state = 'active' and query like '%current_problem%'"
                        + " and pid <> pg_backend_pid()", 0) > 0, night1);
        ChildJvm.kill(night1);
        long crashed1 = APP.single("select max(job_execution_id) from batch_job_execution");
        awaitNoSyncRunning(); // PostgreSQL rolls the dead client's transaction back once its statement ends
        assertThat(APP.single("select count(*) from exception_item")).as("the killed sync left nothing behind").isZero();
        assertThat(APP.single("select count(*) from exception_sync")).isZero();
        CrashRestartTest.recoverAndRestart(APP, crashed1, JOBS);

        long restart1 = lastExecution();
        List<String> identity1 = identity();
        assertThat(identity1).as("one item per problem").hasSize(REJECTS + ISSUES);
        assertThat(APP.single("select count(distinct identity_key) from exception_item")).isEqualTo(REJECTS + ISSUES);
        assertThat(APP.single("select count(*) from exception_item where first_execution_id = " + restart1
                + " and last_execution_id = " + restart1 + " and consecutive_runs = 1 and status = 'OPEN'")).isEqualTo(REJECTS + ISSUES);
        assertReportsComplete(NIGHT_1, restart1);

        // night 2: killed while the province workbook is being written (the sync has committed)
        Path reports = APP.home().resolve("reports").resolve(NIGHT_2);
        Process night2 = APP.start(JOBS, "run", "report-only", "--date=" + NIGHT_2);
        APP.waitFor("the province workbook being written", () -> partFiles(reports).stream()
                .anyMatch(p -> p.getFileName().toString().startsWith(".exceptions-" + NIGHT_2 + "-" + PROVINCE)), night2);
        ChildJvm.kill(night2);
        long crashed2 = APP.single("select max(job_execution_id) from batch_job_execution");
        assertThat(APP.single("select count(*) from exception_sync where execution_id = " + crashed2)).as("synced before the kill").isEqualTo(1);
        List<String> atKill = identity();
        int completeAtKill = assertNothingLooksCompleteThatIsNot(reports, crashed2);
        List<Path> partsAtKill = partFiles(reports);
        assertThat(partsAtKill).as("the killed writer's temporary file").isNotEmpty();

        long followUpsBefore = APP.single("select count(*) from exception_follow_up");
        CrashRestartTest.recoverAndRestart(APP, crashed2, JOBS);
        long restart2 = lastExecution();

        assertThat(identity()).as("same ids, keys and first_seen as after night 1 and at the kill").isEqualTo(identity1).isEqualTo(atKill);
        assertThat(APP.single("select count(*) from exception_item where last_execution_id = " + restart2
                + " and consecutive_runs = 2 and status = 'OPEN'")).as("night 2 counted once, not once per attempt").isEqualTo(REJECTS + ISSUES);
        assertThat(APP.single("select count(*) from exception_follow_up")).as("nothing resolved or reopened by the restart").isEqualTo(followUpsBefore);
        assertReportsComplete(NIGHT_2, restart2);
        assertThat(partsAtKill).allSatisfy(part -> assertThat(part).doesNotExist());

        CrashFigures.note("kill -9 in the register sync: register items %d (0 before the interruption), restarts survived 1"
                .formatted(REJECTS + ISSUES));
        CrashFigures.note(("kill -9 while writing the reports: register items %d, workbooks 18 (%d complete and %d temporary"
                + " at the kill), province rows %d, restarts survived 1").formatted(REJECTS + ISSUES, completeAtKill,
                partsAtKill.size(), (long) REJECTS + ISSUES));
    }

    /**
     * At the kill: no manifest (it is written last), every final-named workbook opens and holds exactly
     * the items of its region seen by the killed execution; the rest are hidden temporary names.
     * Returns the number of complete workbooks.
     */
    private static int assertNothingLooksCompleteThatIsNot(Path dir, long execution) throws Exception {
        assertThat(dir.resolve("manifest.json")).doesNotExist();
        int complete = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".part")) {
                    continue;
                }
                assertThat(name).matches("exceptions-\\d{4}-\\d{2}-\\d{2}-\\d{6}\\.xlsx");
                String region = name.substring(name.length() - 11, name.length() - 5);
                assertThat(dataRows(file)).as(name).isEqualTo(registerRows(region, execution));
                complete++;
            }
        }
        return complete;
    }

    /** The manifest lists the province and every 市州, each file exists with its size, SHA-256 and the register's rows. */
    private static void assertReportsComplete(String date, long execution) throws Exception {
        Path dir = APP.home().resolve("reports").resolve(date);
        JsonNode manifest = JsonMapper.builder().build().readTree(dir.resolve("manifest.json").toFile());
        assertThat(manifest.get("executionId").asLong()).isEqualTo(execution);
        Map<String, Long> rows = new TreeMap<>();
        for (JsonNode entry : manifest.get("files")) {
            Path file = dir.resolve(entry.get("file").asString());
            assertThat(file).exists();
            assertThat(Files.size(file)).isEqualTo(entry.get("bytes").asLong());
            assertThat(sha256(file)).isEqualTo(entry.get("sha256").asString());
            long inWorkbook = dataRows(file);
            assertThat(inWorkbook).as(file.getFileName().toString()).isEqualTo(entry.get("rows").asLong())
                    .isEqualTo(registerRows(entry.get("region").asString(), execution));
            rows.put(entry.get("region").asString(), inWorkbook);
        }
        assertThat(rows.keySet()).hasSize(1 + PREFECTURES.size()).contains(PROVINCE).containsAll(PREFECTURES);
        assertThat(rows.get(PROVINCE)).isEqualTo((long) REJECTS + ISSUES);
        assertThat(PREFECTURES.stream().mapToLong(rows::get).sum()).as("every master issue in its 市州's workbook").isEqualTo(ISSUES);
        assertThat(partFiles(dir)).as("no temporary file left").isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".xlsx")).count())
                    .as("no workbook the manifest does not list").isEqualTo(rows.size());
        }
    }

    /** Items of the region (all for the province) last seen by the execution, as the register counts them. */
    private static long registerRows(String region, long execution) throws SQLException {
        String where = region.equals(PROVINCE) ? ""
                : region.startsWith("4290") ? " and region_code = '" + region + "'" : " and region_code like '" + region.substring(0, 4) + "%'";
        return APP.single("select count(*) from exception_item where last_execution_id = " + execution + where);
    }

    /** Data rows of the item sheets (every sheet but the summary, less its header row), read by POI as a stream. */
    static long dataRows(Path xlsx) throws Exception {
        long rows = 0;
        try (OPCPackage pkg = OPCPackage.open(xlsx.toFile(), PackageAccess.READ)) {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    if (sheets.getSheetName().equals("汇总")) {
                        continue;
                    }
                    long[] count = {0};
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new DefaultHandler() {
                        @Override
                        public void startElement(String uri, String localName, String qName, Attributes attributes) {
                            if (localName.equals("row")) {
                                count[0]++;
                            }
                        }
                    });
                    parser.parse(new InputSource(sheet));
                    rows += count[0] - 1;
                }
            }
        }
        return rows;
    }

    private static List<String> identity() throws SQLException {
        return APP.column("select id || ' ' || identity_key || ' ' || first_seen from exception_item order by id");
    }

    private static long lastExecution() throws SQLException {
        return APP.single("select max(job_execution_id) from batch_job_execution where status = 'COMPLETED'");
    }

    private static void awaitNoSyncRunning() throws InterruptedException {
        for (int i = 0; i < 600 && APP.singleOr("select count(*) from pg_stat_activity where query like '%current_problem%'"
                + " and pid <> pg_backend_pid()", 1) > 0; i++) {
            Thread.sleep(100);
        }
    }

    private static List<Path> partFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(".part")).toList());
        } catch (IOException e) {
            return List.of(); // a file renamed while listing: look again on the next poll
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
