package cn.qeregistry.report;

import java.nio.file.Path;

/** A report written to disk: where, how many data rows, size and SHA-256 of its bytes. */
public record ReportFile(Path path, long rows, long bytes, String sha256) {
}
