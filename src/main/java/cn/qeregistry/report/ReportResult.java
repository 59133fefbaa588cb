package cn.qeregistry.report;

/** What a report holds: its data rows (summary rows not counted). */
public record ReportResult(long rows) {
}
