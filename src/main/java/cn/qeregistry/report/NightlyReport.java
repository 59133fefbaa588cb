package cn.qeregistry.report;

import cn.qeregistry.exceptions.ExceptionFilter;
import cn.qeregistry.exceptions.RegisterSync;
import cn.qeregistry.exceptions.SyncResult;
import cn.qeregistry.platform.QeHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The night's reports: syncs the exception register for the execution, then writes the items seen
 * tonight as one workbook for the province and one per 市州 into {@code $QE_HOME/reports/<date>/}
 * (all in one pass over the register), and last a {@code manifest.json} listing them (file, region,
 * rows, bytes, SHA-256). Running it again for the same execution rewrites the same files.
 */
@Component
public class NightlyReport {

    private static final Logger log = LoggerFactory.getLogger(NightlyReport.class);

    public static final String MANIFEST = "manifest.json";

    private final RegisterSync sync;
    private final ReportService reports;
    private final Prefectures prefectures;
    private final QeHome home;

    public NightlyReport(RegisterSync sync, ReportService reports, Prefectures prefectures, @Value("${qe.home}") String home) {
        this.sync = sync;
        this.reports = reports;
        this.prefectures = prefectures;
        this.home = QeHome.of(home);
    }

    /** Runs the night's reporting for job execution {@code executionId} of business date {@code date}. */
    public Path run(long executionId, LocalDate date) throws IOException {
        long started = System.nanoTime();
        SyncResult synced = sync.sync(executionId);
        long syncedAt = System.nanoTime();
        Path dir = QeHome.ensure(home.reports().resolve(date.toString()));
        removeLeftOvers(dir);
        List<Prefectures.Division> divisions = new ArrayList<>();
        List<ReportService.RegionFile> targets = new ArrayList<>();
        divisions.add(prefectures.province());
        targets.add(new ReportService.RegionFile(null, file(dir, date, prefectures.province())));
        for (Prefectures.Division prefecture : prefectures.all()) {
            divisions.add(prefecture);
            targets.add(new ReportService.RegionFile(prefecture.code(), file(dir, date, prefecture)));
        }
        List<ReportFile> written = reports.writeExceptionFiles(ExceptionFilter.all().withExecution(executionId), Lang.ZH, targets);
        log.info("night {}: register synced in {} ms ({}), {} workbooks written in {} ms", date, (syncedAt - started) / 1_000_000,
                synced, written.size(), (System.nanoTime() - syncedAt) / 1_000_000);
        List<Map<String, Object>> files = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            files.add(entry(divisions.get(i), written.get(i)));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("date", date.toString());
        manifest.put("executionId", executionId);
        manifest.put("writtenAt", OffsetDateTime.now(Cells.ZONE).toString());
        manifest.put("sync", synced);
        manifest.put("files", files);
        Path target = dir.resolve(MANIFEST);
        Path partial = dir.resolve("." + MANIFEST + ".part");
        Files.write(partial, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /**
     * Deletes what an earlier attempt at this night left: temporary files of a run killed mid-write
     * (a kill -9 skips the writer's clean-up), and the manifest, so that no manifest describes files
     * while they are being replaced. One run per date at a time (the run guard, Spring Batch's
     * running-instance check), so no live writer owns them.
     */
    private static void removeLeftOvers(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(MANIFEST));
        try (DirectoryStream<Path> leftOvers = Files.newDirectoryStream(dir, ".*.part")) {
            for (Path leftOver : leftOvers) {
                Files.deleteIfExists(leftOver);
            }
        }
    }

    private static Path file(Path dir, LocalDate date, Prefectures.Division division) {
        return dir.resolve("exceptions-" + date + "-" + division.code() + ".xlsx");
    }

    private static Map<String, Object> entry(Prefectures.Division division, ReportFile file) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", file.path().getFileName().toString());
        entry.put("region", division.code());
        entry.put("regionName", division.name());
        entry.put("rows", file.rows());
        entry.put("bytes", file.bytes());
        entry.put("sha256", file.sha256());
        return entry;
    }
}
