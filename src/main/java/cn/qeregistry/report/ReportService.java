package cn.qeregistry.report;

import org.springframework.stereotype.Component;

import cn.qeregistry.exceptions.ExceptionFilter;

import javax.sql.DataSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Writes reports: to any output stream (the console's download) or to a file, which appears under
 * its name only when complete (written to a temporary name beside it, then renamed atomically).
 */
@Component
public class ReportService {

    private final DataSource dataSource;
    private final Prefectures prefectures;

    public ReportService(DataSource dataSource, Prefectures prefectures) {
        this.dataSource = dataSource;
        this.prefectures = prefectures;
    }

    /** Writes the report to {@code out} (not closed). */
    public ReportResult write(ReportRequest request, OutputStream out) throws IOException {
        Labels labels = new Labels(request.lang());
        try (Snapshot db = new Snapshot(dataSource);
             TableWriter table = request.format() == ReportFormat.XLSX
                     ? new BackgroundTableWriter(new XlsxTableWriter(out, request.lang()))
                     : new CsvTableWriter(out, request.lang())) {
            long rows = switch (request.kind()) {
                case EXCEPTIONS -> new ExceptionsReport(prefectures).write(db, request.exceptionFilter(), table, labels);
                case REVIEW -> new ReviewReport().write(db, request, table, labels);
                case MASTER -> new MasterReport().write(db, request, table, labels);
            };
            table.finish();
            return new ReportResult(rows);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot write the " + request.kind().code() + " report: " + e.getMessage(), e);
        }
    }

    /** Writes the report to {@code file}, replacing it atomically; a failed write leaves no file behind. */
    public ReportFile writeFile(ReportRequest request, Path file) throws IOException {
        try (PartialFile partial = new PartialFile(file)) {
            ReportResult result;
            try (OutputStream out = partial.out()) {
                result = write(request, out);
            }
            return partial.complete(result.rows());
        }
    }

    /** A report file and the region (a division code; null = all) whose exception items it lists. */
    public record RegionFile(String region, Path file) {
    }

    /**
     * The exceptions workbooks of {@code filter} for several regions at once, in one pass over the
     * register: the same files as {@link #writeFile} with {@code filter.withRegion(region)} would write
     * one by one (their summaries and rows), without a summary query and a row query per region.
     * Each file appears under its name only when all are complete.
     */
    public List<ReportFile> writeExceptionFiles(ExceptionFilter filter, Lang lang, List<RegionFile> files) throws IOException {
        List<PartialFile> partials = new ArrayList<>();
        List<OutputStream> outs = new ArrayList<>();
        List<ExceptionsReport.Target> targets = new ArrayList<>();
        try {
            for (RegionFile file : files) {
                PartialFile partial = new PartialFile(file.file());
                partials.add(partial);
                outs.add(partial.out());
                TableWriter workbook = new XlsxTableWriter(outs.get(outs.size() - 1), lang);
                // the first file (the nightly's province workbook: every row) on a thread of its own, the others
                // (a 市州 each: a share of the rows) on this one with the database
                targets.add(new ExceptionsReport.Target(file.region(), targets.isEmpty() ? new BackgroundTableWriter(workbook) : workbook));
            }
            long[] rows;
            try (Snapshot db = new Snapshot(dataSource)) {
                rows = new ExceptionsReport(prefectures).write(db, filter, targets, new Labels(lang));
                for (ExceptionsReport.Target target : targets) {
                    target.out().finish();
                }
            }
            closeAll(targets.stream().map(ExceptionsReport.Target::out).toList());
            targets.clear();
            closeAll(outs);
            outs.clear();
            List<ReportFile> written = new ArrayList<>();
            for (int i = 0; i < partials.size(); i++) {
                written.add(partials.get(i).complete(rows[i]));
            }
            return written;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot write the exceptions reports: " + e.getMessage(), e);
        } finally {
            closeQuietly(targets.stream().map(ExceptionsReport.Target::out).toList());
            closeQuietly(outs);
            closeQuietly(partials);
        }
    }

    private static void closeAll(List<? extends AutoCloseable> all) throws Exception {
        Exception first = null;
        for (AutoCloseable each : all) {
            try {
                each.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void closeQuietly(List<? extends AutoCloseable> all) {
        try {
            closeAll(all);
        } catch (Exception e) {
            // already failing: the first failure is the one reported
        }
    }

    /**
     * A report file being written under a temporary name beside its target, with its SHA-256 taken on
     * the way; {@link #complete} renames it atomically, {@link #close} removes what was not completed.
     */
    private static final class PartialFile implements AutoCloseable {

        private final Path target;
        private final Path partial;
        private final MessageDigest sha256 = sha256();

        PartialFile(Path file) throws IOException {
            target = file.toAbsolutePath().normalize();
            Files.createDirectories(target.getParent());
            partial = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        }

        OutputStream out() throws IOException {
            return new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(partial), sha256), 1 << 16);
        }

        /** Call after the stream of {@link #out} is closed. */
        ReportFile complete(long rows) throws IOException {
            long bytes = Files.size(partial);
            move(partial, target);
            return new ReportFile(target, rows, bytes, HexFormat.of().formatHex(sha256.digest()));
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(partial);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically (same file system expected)", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
