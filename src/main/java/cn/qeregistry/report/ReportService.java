package cn.qeregistry.report;

import org.springframework.stereotype.Component;

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
import java.util.HexFormat;
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
                     ? new XlsxTableWriter(out, request.lang()) : new CsvTableWriter(out, request.lang())) {
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
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            MessageDigest sha256 = sha256();
            ReportResult result;
            try (OutputStream out = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(partial), sha256), 1 << 16)) {
                result = write(request, out);
            }
            long bytes = Files.size(partial);
            move(partial, target);
            return new ReportFile(target, result.rows(), bytes, HexFormat.of().formatHex(sha256.digest()));
        } finally {
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
